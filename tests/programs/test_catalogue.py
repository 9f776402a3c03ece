"""The public catalogue: filter semantics, search, what never leaks, caching."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from programs import services
from programs.choices import Focus, Level, ProgramStatus, StudyForm
from programs.models import PublishedProgram, Specialisation
from tests.helpers import REQUIRE_SERVICES, login, move_to
from tests.programs.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    ProgramFactory,
    ProgramGroupFactory,
)

CATALOGUE = reverse("programs:catalogue")


def names(client, **params):
    response = client.get(CATALOGUE, params)
    assert response.status_code == 200
    return {program.name for program in response.context["page"]}


def test_age_finds_programmes_whose_range_contains_it(client, publish):
    publish(name="7–10", age_from=7, age_to=10)
    publish(name="5–12", age_from=5, age_to=12)
    publish(name="10–14", age_from=10, age_to=14)
    assert names(client, age=9) == {"7–10", "5–12"}
    assert names(client, age=10) == {"7–10", "5–12", "10–14"}


def test_focus_takes_several_values(client, publish):
    publish(name="Роботы", focus=Focus.TECHNICAL)
    publish(name="Танцы", focus=Focus.ARTS)
    publish(name="Футбол", focus=Focus.SPORT)
    assert names(client, focus="arts") == {"Танцы"}
    assert names(client, focus=["arts", "sport"]) == {"Танцы", "Футбол"}


def test_specialisation_level_and_study_form(client, publish):
    robotics = Specialisation.objects.create(focus=Focus.TECHNICAL, name="Робототехника")
    publish(name="А", specialisation=robotics, level=Level.ADVANCED)
    publish(name="Б", level=Level.BASIC, study_form=StudyForm.MIXED)
    assert names(client, specialisation=robotics.pk) == {"А"}
    assert names(client, level="advanced") == {"А"}
    assert names(client, study_form="mixed") == {"Б"}


def test_municipality_and_organisation(client, publish, org_b):
    elsewhere = OrganisationFactory(municipality=MunicipalityFactory())
    publish(name="Здесь")
    publish(name="Там", organisation=elsewhere)
    publish(name="Рядом", organisation=org_b)
    assert names(client, municipality=elsewhere.municipality_id) == {"Там"}
    assert names(client, organisation=org_b.pk) == {"Рядом"}


def test_payment_and_maximum_cost(client, publish):
    publish(name="Бесплатно", funding_budget=True)
    publish(name="Сертификат", funding_budget=False, funding_certificate=True)
    publish(name="Дорого", funding_budget=False, funding_paid=True, cost=Decimal("6000"))
    publish(name="Недорого", funding_budget=False, funding_paid=True, cost=Decimal("3000"))
    assert names(client, payment="free") == {"Бесплатно"}
    assert names(client, payment="certificate") == {"Сертификат"}
    assert names(client, payment="paid") == {"Дорого", "Недорого"}
    assert names(client, max_cost=4000) == {"Бесплатно", "Сертификат", "Недорого"}
    assert names(client, payment="paid", max_cost=4000) == {"Недорого"}


def test_ovz_and_its_category(client, publish):
    publish(name="Для всех")
    publish(name="Слух", ovz_suitable=True, ovz_categories=["hearing"])
    publish(name="Зрение", ovz_suitable=True, ovz_categories=["vision", "speech"])
    assert names(client, ovz="on") == {"Слух", "Зрение"}
    assert names(client, ovz_category="vision") == {"Зрение"}
    assert names(client, ovz_category="speech") == {"Зрение"}


def test_distance(client, publish):
    publish(name="Очно")
    publish(name="ДОТ", uses_distance_technologies=True)
    assert names(client, distance="on") == {"ДОТ"}


def test_enrolment_open_now(client, publish):
    today = timezone.localdate()
    publish(
        name="Идёт запись",
        groups=[
            {"enrolment_from": today - timedelta(days=3), "enrolment_to": today + timedelta(days=3)}
        ],
    )
    publish(
        name="Запись закончилась",
        groups=[
            {
                "enrolment_from": today - timedelta(days=30),
                "enrolment_to": today - timedelta(days=1),
            }
        ],
    )
    assert names(client, enrolment_open="on") == {"Идёт запись"}


def test_two_disjoint_windows_are_not_one_open_window(client, publish):
    """September and January: in between nobody takes applications, and the page agrees."""
    today = timezone.localdate()
    windows = [
        {"enrolment_from": today - timedelta(days=60), "enrolment_to": today - timedelta(days=30)},
        {"enrolment_from": today + timedelta(days=30), "enrolment_to": today + timedelta(days=60)},
    ]
    published = publish(
        name="Два набора", groups=[{**w, "name": f"Группа {i}"} for i, w in enumerate(windows)]
    )
    assert names(client, enrolment_open="on") == set()
    page = client.get(reverse("programs:public_detail", args=[published.pk])).content.decode()
    assert 'badge text-bg-success">Идёт запись' not in page


def test_free_places_and_career_self_determination(client, publish):
    publish(name="Есть места", groups=[{"places": 15, "free_places": 3}])
    publish(name="Мест нет", groups=[{"places": 15, "free_places": 0}])
    publish(name="Профориентация", aids_career_guidance=True, groups=[{"free_places": None}])
    assert names(client, free_places="on") == {"Есть места"}
    assert names(client, career="on") == {"Профориентация"}


def test_programme_page_shows_free_places_from_the_groups_today(client, publish):
    today = timezone.localdate()
    published = publish(
        name="Места",
        groups=[
            {
                "free_places": 5,
                "enrolment_from": today - timedelta(days=1),
                "enrolment_to": today + timedelta(days=1),
            }
        ],
    )
    page = client.get(reverse("programs:public_detail", args=[published.pk])).content.decode()
    assert "свободно: 5" in page and 'badge text-bg-success">Идёт запись' in page
    published.groups.update(free_places=0)
    cache.clear()
    page = client.get(reverse("programs:public_detail", args=[published.pk])).content.decode()
    assert "свободно: 0" in page


def test_filters_combine(client, publish):
    publish(name="Подходит", focus=Focus.ARTS, age_from=6, age_to=10, funding_budget=True)
    publish(name="Не тот возраст", focus=Focus.ARTS, age_from=12, age_to=16)
    publish(name="Не та направленность", focus=Focus.SPORT, age_from=6, age_to=10)
    publish(
        name="Платная",
        focus=Focus.ARTS,
        age_from=6,
        age_to=10,
        funding_budget=False,
        funding_paid=True,
        cost=Decimal("1000"),
    )
    assert names(client, focus="arts", age=8, payment="free") == {"Подходит"}


def test_sorting(client, publish):
    publish(name="Б", age_from=10, age_to=12)
    publish(name="В", age_from=5, age_to=7)
    publish(name="А", age_from=7, age_to=9)

    def order(sort):
        return [p.name for p in client.get(CATALOGUE, {"sort": sort}).context["page"]]

    assert order("name") == ["А", "Б", "В"]
    assert order("age") == ["В", "А", "Б"]
    assert order("newest") == ["А", "В", "Б"]


def test_pagination_and_count(client, publish):
    for i in range(23):
        publish(name=f"Программа {i:02d}")
    first = client.get(CATALOGUE, {"sort": "name"})
    assert len(first.context["page"]) == 20
    assert "Найдено 23 программы" in first.content.decode()
    second = client.get(CATALOGUE, {"sort": "name", "page": 2})
    assert [p.name for p in second.context["page"]] == [
        "Программа 20",
        "Программа 21",
        "Программа 22",
    ]
    assert "sort=name&amp;page=1" in second.content.decode()


def test_nothing_found_says_how_to_widen(client, publish):
    publish(name="Танцы", focus=Focus.ARTS, age_from=6, age_to=10)
    page = client.get(CATALOGUE, {"focus": "arts", "age": 15}).content.decode()
    assert "По этим условиям программ не нашлось." in page
    assert "без фильтра «возраст»" in page
    assert "без фильтра «направленность»" in page
    assert "сбросить все фильтры" in page


def test_htmx_request_gets_only_the_results(client, publish):
    publish(name="Танцы")
    response = client.get(CATALOGUE, {"q": "танц"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results"')
    assert "<html" not in body
    assert "Танцы" in body


def test_htmx_history_restore_gets_the_whole_page(client, publish):
    publish(name="Танцы")
    client.get(CATALOGUE, {"q": "танц"}, headers={"HX-Request": "true"})
    response = client.get(
        CATALOGUE,
        {"q": "танц"},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in response.content.decode()


def test_catalogue_works_without_javascript(client, publish):
    publish(name="Танцы")
    body = client.get(CATALOGUE, {"q": "танцы"}).content.decode()
    assert '<form method="get" action="/catalog/"' in body
    assert "Танцы" in body


def test_bad_filter_values_do_not_break_the_page(client, publish):
    publish(name="Танцы")
    response = client.get(CATALOGUE, {"age": "девять", "focus": "cooking", "page": "x"})
    assert response.status_code == 200
    assert response.context["page"].number == 1
    assert [p.name for p in response.context["page"]] == ["Танцы"]
    page = response.content.decode()
    assert "«возраст»: «девять»; «направленность»: «cooking»" in page


def test_search_in_russian_on_any_database(client, publish):
    publish(name="Робототехника", short_description="Роботы из конструктора.")
    publish(name="Ёлочная игрушка своими руками", short_description="Поделки.")
    publish(name="Футбол", short_description="Игра с мячом.")
    assert names(client, q="робототехнике") == {"Робототехника"}
    assert names(client, q="елочная") == {"Ёлочная игрушка своими руками"}
    assert names(client, q="ЁЛОЧНАЯ") == {"Ёлочная игрушка своими руками"}
    assert names(client, q="мячом") == {"Футбол"}


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        if REQUIRE_SERVICES:
            pytest.fail("поиск проверяется на PostgreSQL: задайте DATABASE_URL")
        pytest.skip("качество поиска проверяется на PostgreSQL (DATABASE_URL)")


def test_search_forgives_a_typo_on_postgresql(postgres, client, publish):
    publish(name="Робототехника")
    publish(name="Хореография")
    assert names(client, q="робатотехника") == {"Робототехника"}
    assert names(client, q="хареография") == {"Хореография"}


def test_search_ranks_title_above_text_on_postgresql(postgres, client, publish):
    publish(name="Шахматы для всех", short_description="Учимся играть.")
    publish(name="Клуб настольных игр", short_description="Шашки, шахматы и нарды.")
    order = [p.name for p in client.get(CATALOGUE, {"q": "шахматы"}).context["page"]]
    assert order == ["Шахматы для всех", "Клуб настольных игр"]


def test_search_stems_on_postgresql(postgres, client, publish):
    publish(name="Юные натуралисты", short_description="Наблюдаем за птицами и растениями.")
    assert names(client, q="птица растение") == {"Юные натуралисты"}


def test_a_search_that_finds_nothing_reads_the_search_indexes_on_postgresql(
    postgres, client, publish
):
    """The query as the page writes it is answered from the GIN indexes (no per-row
    to_tsvector, no scan of the table), and the indexes keep no pending list that every
    search would read whole."""
    for n in range(3):
        publish(name=f"Робототехника {n}", short_description="Роботы из конструктора.")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CATALOGUE, {"q": "zqxwvu"})
    assert response.context["page"].paginator.count == 0
    (search,) = [q["sql"] for q in queries if "search_vector" in q["sql"]]
    with connection.cursor() as cursor:
        # Three rows are cheaper to read whole: ask whether the indexes can answer at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {search}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname IN "
            "('programs_published_search_vector_gin', 'programs_published_search_title_trgm')"
        )
        options = dict(cursor.fetchall())
    assert "Bitmap Index Scan on programs_published_search_vector_gin" in plan
    assert "Bitmap Index Scan on programs_published_search_title_trgm" in plan
    assert "Seq Scan" not in plan and "to_tsvector" not in plan
    # No LIMIT for the planner to bet on a sequential scan meeting a match early.
    assert "Limit" not in plan
    assert options == {
        "programs_published_search_vector_gin": ["fastupdate=off"],
        "programs_published_search_title_trgm": ["fastupdate=off"],
    }


# --- nothing unpublished leaks -----------------------------------------------------------


@pytest.fixture
def unpublished(org_a, staff, coordinator_a, publish):
    """A draft, one under moderation, one returned and one archived, plus one published."""
    publish(name="Опубликованная")
    programs = {}
    for status in (
        ProgramStatus.DRAFT,
        ProgramStatus.ON_MODERATION,
        ProgramStatus.NEEDS_REVISION,
        ProgramStatus.ARCHIVED,
    ):
        program = ProgramFactory(organisation=org_a, name=f"Скрытая {status}")
        ProgramGroupFactory(program=program)
        programs[status] = move_to(program, status, staff=staff, coordinator=coordinator_a)
    return programs


def test_unpublished_programmes_never_appear(client, unpublished):
    assert names(client) == {"Опубликованная"}
    assert names(client, q="скрытая") == set()
    home = client.get(reverse("home")).content.decode()
    assert "Скрытая" not in home
    assert "1 программа" in home
    sitemap = client.get(reverse("sitemap_section", args=["programs"])).content.decode()
    for program in unpublished.values():
        assert f"/catalog/programs/{program.pk}/" not in sitemap
        assert client.get(reverse("programs:public_detail", args=[program.pk])).status_code == 404
    organisation = client.get(
        reverse("programs:public_organisation", args=[unpublished["draft"].organisation_id])
    ).content.decode()
    assert "Скрытая" not in organisation


def test_organisation_without_published_programmes_is_not_public(client, org_b):
    ProgramFactory(organisation=org_b)
    assert client.get(reverse("programs:public_organisation", args=[org_b.pk])).status_code == 404


def test_sitemap_and_robots(client, publish):
    program = publish(name="Танцы")
    index = client.get(reverse("sitemap")).content.decode()
    assert "/sitemap-programs.xml" in index
    assert "/sitemap-organisations.xml" in index
    programs = client.get(reverse("sitemap_section", args=["programs"])).content.decode()
    assert f"/catalog/programs/{program.pk}/" in programs
    organisations = client.get(reverse("sitemap_section", args=["organisations"])).content
    assert f"/catalog/organisations/{program.organisation_id}/" in organisations.decode()
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /accounts/" in robots
    assert "Sitemap: http://portal.test/sitemap.xml" in robots


def test_programme_page_has_title_description_and_open_graph(client, publish):
    program = publish(name="Танцы", short_description="Народные и эстрадные танцы.")
    page = client.get(reverse("programs:public_detail", args=[program.pk])).content.decode()
    assert "<title>Танцы" in page
    assert '<meta name="description" content="Народные и эстрадные танцы.">' in page
    assert '<meta property="og:title" content="Танцы">' in page
    assert f'content="http://portal.test/catalog/programs/{program.pk}/"' in page


def test_programme_page_links_to_navigator_when_known(client, publish):
    program = publish(name="Танцы")
    url = reverse("programs:public_detail", args=[program.pk])
    assert "Записаться в Навигаторе" not in client.get(url).content.decode()
    services.program_navigator_links_save(
        {program.pk: ("123", "https://navigator.example/program/123")}
    )
    page = client.get(url).content.decode()
    assert 'href="https://navigator.example/program/123"' in page


# --- caching -----------------------------------------------------------------------------


def test_anonymous_pages_come_from_the_cache(client, publish, django_assert_num_queries):
    program = publish(name="Танцы")
    url = reverse("programs:public_detail", args=[program.pk])
    client.get(url)
    client.get(CATALOGUE, {"q": "танцы"})
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200
        assert "Танцы" in client.get(CATALOGUE, {"q": "танцы"}).content.decode()


def test_withdrawn_programme_leaves_cached_pages_at_once(
    client, publish, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        program = publish(name="Танцы")
    url = reverse("programs:public_detail", args=[program.pk])
    assert client.get(url).status_code == 200
    assert names(client, q="танцы") == {"Танцы"}
    with django_capture_on_commit_callbacks(execute=True):
        services.program_archive(program=program, user=staff)
    assert client.get(url).status_code == 404
    assert names(client, q="танцы") == set()
    assert "Танцы" not in client.get(reverse("home")).content.decode()


def test_changed_programme_shows_new_version_after_approval(
    client, publish, staff, coordinator_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        program = publish(name="Танцы")
    url = reverse("programs:public_detail", args=[program.pk])
    assert "Танцы" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.program_update(user=coordinator_a, program=program, data={"name": "Бальные танцы"})
        services.program_approve(program=program, user=staff)
    assert "Бальные танцы" in client.get(url).content.decode()


def test_signed_in_people_are_not_served_the_cache(client, publish, staff):
    program = publish(name="Танцы")
    url = reverse("programs:public_detail", args=[program.pk])
    client.get(url)
    client.force_login(staff)
    assert staff.display_name in client.get(url).content.decode()


# --- query counts ------------------------------------------------------------------------


def test_catalogue_queries_do_not_grow_with_results(
    client, publish, org_a, django_assert_max_num_queries
):
    params = {
        "age": 9,
        "focus": ["technical", "arts"],
        "payment": "free",
        "q": "робот",
        "sort": "name",
    }
    publish(name="Робототехника 1")
    with django_assert_max_num_queries(10) as few:
        client.get(CATALOGUE, params)
    for i in range(25):
        publish(
            name=f"Робототехника {i + 2}",
            organisation=OrganisationFactory(municipality=org_a.municipality),
        )
    cache.clear()
    with django_assert_max_num_queries(10) as many:
        client.get(CATALOGUE, params)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_coordinator_updates_free_places_without_moderation(
    client, publish, coordinator_a, org_a
):
    published = publish(name="Места", organisation=org_a, groups=[{"places": 10, "free_places": 2}])
    group = published.groups.get()
    login(client, coordinator_a)
    url = reverse("programs:group_free_places", args=[group.pk])
    client.post(url, {"free_places": "7"})
    published.refresh_from_db()
    assert published.status == ProgramStatus.PUBLISHED
    approved = PublishedProgram.objects.get(pk=published.pk)
    assert approved.data["groups"][0]["free_places"] == 7
    refused = client.post(url, {"free_places": "11"}, follow=True).content.decode()
    assert "не может быть больше, чем мест в группе (10)" in refused
    assert published.groups.get().free_places == 7
    client.logout()
    page = client.get(reverse("programs:public_detail", args=[published.pk])).content.decode()
    assert "свободно: 7" in page


def test_an_invalid_filter_value_is_reported_and_the_valid_ones_still_apply(client, publish):
    publish(name="7–10", age_from=7, age_to=10, focus=Focus.TECHNICAL)
    publish(name="12–16", age_from=12, age_to=16, focus=Focus.TECHNICAL)
    response = client.get(CATALOGUE, {"focus": "tech", "age": 9, "sort": "nonsense"})
    assert {program.name for program in response.context["page"]} == {"7–10"}
    notice = response.content.decode()
    assert "Не применены фильтры с неподходящим значением" in notice
    assert "«направленность»: «tech»" in notice and "«nonsense»" in notice
    # The same page without the wrong values: served from the cache, with no notice.
    page = client.get(CATALOGUE, {"age": 9}).content.decode()
    assert "7–10" in page and "12–16" not in page
    assert "Не применены" not in page


def test_unknown_and_invalid_parameters_share_the_canonical_cache_entry(client, publish):
    """A crawler's random addresses do not grow the cache: they are the canonical page."""
    publish(name="Робототехника", age_from=7, age_to=12)
    canonical = client.get(CATALOGUE, {"age": 9})
    assert canonical.context is not None  # built once
    for n in range(5):
        again = client.get(
            CATALOGUE, {"age": 9, f"utm_{n}": n, "focus": f"случайно-{n}", "sort": f"x{n}"}
        )
        assert again.context is None or "page" not in again.context  # from the cache
        assert "Робототехника" in again.content.decode()
        assert f"«случайно-{n}»" in again.content.decode()  # still told what did not apply
    keys = [k for k in _page_keys() if "/catalog/:" in k]
    assert len(keys) == 2, keys  # the page and its copy for an outage, nothing per address


def test_a_search_that_finds_nothing_is_not_kept(client, publish):
    publish(name="Робототехника")
    for n in range(3):
        client.get(CATALOGUE, {"q": f"абракадабра{n}"})
    client.get(CATALOGUE, {"q": "робототехника"})
    assert [k for k in _page_keys() if "q=" in k] == [
        k for k in _page_keys() if "q=%D1%80%D0%BE%D0%B1" in k
    ]
    assert len([k for k in _page_keys() if "q=" in k]) == 2


def _page_keys() -> list[str]:
    """This test's cached pages, on Redis or in the process's memory."""
    from django.core.cache import cache

    if hasattr(cache, "keys"):  # django-redis
        return list(cache.keys("page:*"))
    prefix = f"{cache.key_prefix}:1:"
    return [k[len(prefix) :] for k in cache._cache if k.startswith(prefix + "page:")]

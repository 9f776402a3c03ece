import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from moc_portal.demo.registry_data import DEMO_PASSWORD
from moc_portal.users.models import Role, User
from programs.choices import (
    Focus,
    LegalForm,
    OrganisationType,
    Ownership,
    ProgramStatus,
)
from programs.models import Municipality, Organisation, Program, PublishedProgram


def test_demo_matches_seed_002(demo):
    organisations = Organisation.objects.filter(municipality=demo)
    assert organisations.count() == 17

    def kind(org):
        if org.ownership != Ownership.MUNICIPAL:
            return "state"
        if org.legal_form == LegalForm.AUTONOMOUS:
            return "autonomous"
        return org.org_type

    assert Counter(kind(o) for o in organisations) == {
        OrganisationType.SUPPLEMENTARY: 4,
        OrganisationType.GENERAL: 7,
        OrganisationType.PRESCHOOL: 4,
        "autonomous": 1,
        "state": 1,
    }
    published = Program.objects.filter(
        organisation__municipality=demo, status=ProgramStatus.PUBLISHED
    )
    assert published.count() == 163
    assert PublishedProgram.objects.filter(municipality=demo).count() == 163
    assert Counter(published.values_list("focus", flat=True)) == {
        Focus.TECHNICAL: 37,
        Focus.TOURISM: 2,
        Focus.SPORT: 47,
        Focus.ARTS: 41,
        Focus.NATURAL_SCIENCE: 17,
        Focus.SOCIAL: 19,
    }
    assert published.filter(aids_career_guidance=True).count() == 6
    assert published.filter(uses_distance_technologies=True).count() == 1
    assert published.filter(ovz_suitable=True).count() == 8
    assert organisations.filter(is_support_centre=True).get().short_name == (
        "МБО ДО Задонский Дом школьника"
    )


def test_every_demo_programme_is_valid_and_published_ones_have_groups(demo):
    for program in Program.objects.prefetch_related("groups__schedule"):
        program.full_clean()
        if program.status == ProgramStatus.DRAFT:
            continue
        assert program.groups.all(), program
        for group in program.groups.all():
            assert group.schedule.all(), group


def test_demo_users_one_per_role_and_coordinator_has_work(demo, client):
    for username, role in [
        ("admin", Role.ADMINISTRATOR),
        ("moc", Role.STAFF),
        ("koordinator", Role.COORDINATOR),
        ("ekspert", Role.EXPERT),
        ("regional", Role.ADMINISTRATOR),
    ]:
        user = User.objects.get(username=username)
        assert user.role == role
        assert client.login(username=username, password=DEMO_PASSWORD)
    # The regional administrator works in the portal, not in the Django admin.
    regional = User.objects.get(username="regional")
    assert regional.is_administrator and not regional.is_staff and not regional.is_superuser
    coordinator = User.objects.get(username="koordinator")
    statuses = set(
        Program.objects.filter(organisation__coordinators=coordinator).values_list(
            "status", flat=True
        )
    )
    assert {
        ProgramStatus.DRAFT,
        ProgramStatus.NEEDS_REVISION,
        ProgramStatus.ON_MODERATION,
    } <= statuses


def test_load_demo_twice_changes_nothing(demo):
    before = Program.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert Program.objects.count() == before


def test_demo_loads_the_seed_plans_item_by_item(demo):
    from plans.models import ItemStatus, Plan, PlanKind, PlanState

    plans = {(p.municipality.name, p.kind): p for p in Plan.objects.select_related("municipality")}
    counts = {}
    for plan in Plan.objects.select_related("municipality"):
        key = (plan.municipality.name, plan.kind)
        counts[key] = counts.get(key, 0) + plan.items.count()
    assert counts == {
        ("Город Оренбург", PlanKind.WORK): 10,
        ("Город Оренбург", PlanKind.MEDIA): 6,
        ("Город Орск", PlanKind.ROADMAP): 21,
        ("Город Екатеринбург", PlanKind.NETWORK): 15,
        # This year's (with the gap of с. Каменка the territory page put in), seed 002's.
        ("Задонский муниципальный район", PlanKind.WORK): 10 + 1 + 18,
        # This year's media plan of the demo centre, which its portal's news count for.
        ("Задонский муниципальный район", PlanKind.MEDIA): 6,
    }
    roadmap = plans[("Город Орск", PlanKind.ROADMAP)]
    assert roadmap.state == PlanState.APPROVED
    assert roadmap.approved_name == "Н.П. Орлова"
    first = roadmap.items.get(number="1.")
    assert first.period_text == "Август – сентябрь 2020 г."
    assert (first.starts_on.isoformat(), first.ends_on.isoformat()) == ("2020-08-01", "2020-09-30")
    assert roadmap.items.filter(status=ItemStatus.DONE).exists()
    assert roadmap.items.exclude(result_quantitative="").exists()
    network = plans[("Город Екатеринбург", PlanKind.NETWORK)]
    assert network.items.get(number="14.").period_text == "по отдельному графику"
    assert network.items.get(number="14.").starts_on is None
    assert network.footnote.startswith("*Основание разработки")
    home = Plan.objects.get(
        municipality__name="Задонский муниципальный район",
        kind=PlanKind.WORK,
        copied_from__isnull=False,
    )
    assert home.copied_from == plans[("Город Оренбург", PlanKind.WORK)]
    assert home.state == PlanState.DRAFT
    media = plans[("Город Оренбург", PlanKind.MEDIA)]
    assert media.header.startswith("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ\nАДМИНИСТРАЦИИ ГОРОДА ОРЕНБУРГА")
    assert media.bound_to == plans[("Город Оренбург", PlanKind.WORK)]  # seed 000: one document
    per_item = {i.number: i.publications.count() for i in media.items.all()}
    assert per_item == {"1.": 3, "2.": 4, "3.": 5, "4.": 2, "5.": 3, "6.": 1}
    assert plans[("Город Оренбург", PlanKind.WORK)].items.get(number="3.").events.count() == 2
    assert home.municipality.events.filter(is_public=True).count() == 3


def test_demo_portal_has_every_block_news_in_the_media_plan_documents_and_faq(demo, client):
    from plans.models import Publication
    from plans.portal.models import Block, Document, News, Question

    for block in Block.objects.all():
        assert block.pages.filter(is_published=True).exists(), block.title
    published = News.objects.filter(is_published=True, municipality=demo)
    assert published.count() == 4 and News.objects.filter(is_published=False).count() == 1
    counted = Publication.objects.filter(news__in=published, item__plan__municipality=demo)
    assert counted.count() == 2
    assert Document.objects.filter(plan__isnull=False, is_published=True).count() == 1
    assert Question.objects.filter(faq_published=True).count() == 3
    html = client.get("/search/", {"q": "сертификат"}).content.decode()
    assert "Нужен ли сертификат для бесплатных кружков?" in html
    assert "Сертификат дополнительного образования: ответы" in html


def test_production_settings_refuse_the_demo_and_write_nothing(db, settings):
    settings.MOC_DEMO_ALLOWED = False
    with pytest.raises(CommandError, match="createsuperuser"):
        call_command("load_demo", stdout=io.StringIO())
    assert not User.objects.exists()
    assert not Municipality.objects.exists()


def test_a_demo_stand_gets_random_passwords_shown_once(db, settings, client):
    settings.MOC_DEMO_ALLOWED = False
    out = io.StringIO()
    call_command("load_demo", "--demo-stand", stdout=out)
    printed = dict(
        line.split()[:2] for line in out.getvalue().splitlines() if line.startswith("  ")
    )
    assert set(printed) == {
        "admin",
        "regional",
        "moc",
        "koordinator",
        "ekspert",
        "ekspert2",
        "ekspert3",
    }
    assert len(set(printed.values())) == len(printed)
    assert DEMO_PASSWORD not in out.getvalue()
    for username, password in printed.items():
        assert not client.login(username=username, password=DEMO_PASSWORD)
        assert client.login(username=username, password=password)


def test_demo_groups_take_applications_whatever_month_it_is_loaded_in(monkeypatch, org_a):
    """Loaded on any day of the year, the first group of a programme takes applications that
    day and has its study period in that academic year; the seed's history keeps its year."""
    import random
    from datetime import date

    from moc_portal.demo import registry as demo_module
    from tests.programs.factories import ProgramFactory

    program = ProgramFactory(organisation=org_a, age_from=7, age_to=12)
    rng = random.Random(1)
    for month in range(1, 13):
        day = date(2027, month, 15)
        monkeypatch.setattr(demo_module.timezone, "localdate", lambda day=day: day)
        first, second = demo_module._group(rng, program, 0), demo_module._group(rng, program, 1)
        assert first.enrolment_open_on(day), month
        assert not second.enrolment_open_on(day), month
        start = date(2027 if month >= 9 else 2026, 9, 1)
        assert (first.study_from, first.study_to) == (start, date(start.year + 1, 5, 31))
        assert first.free_places is not None and first.free_places <= first.places


def test_demo_catalogue_has_open_enrolment_and_free_places_today(demo, client):
    from django.urls import reverse

    for filters in ({"enrolment_open": "on"}, {"free_places": "on"}, {"career": "on"}):
        response = client.get(reverse("programs:catalogue"), filters)
        assert response.context["page"].paginator.count > 0, filters
    assert set(Program.objects.values_list("academic_year", flat=True)) >= {"2022/2023"}


def test_a_demo_stand_sends_no_letter_even_through_a_worker(
    transactional_db, settings, monkeypatch
):
    """On a stand the tasks go to a worker whose settings send real mail: the demo's
    moderation notices and hotline answers must reach neither it nor the SMTP server."""
    from django.core import mail
    from django.core.mail.backends import smtp

    from moc_portal.celery import QueuedTask
    from moc_portal.celery import app as celery_app

    settings.MOC_DEMO_ALLOWED = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "smtp.example.ru"
    attempts = []
    monkeypatch.setattr(
        smtp.EmailBackend, "send_messages", lambda self, messages: attempts.extend(messages)
    )
    queued = []  # what a worker would take from the broker
    queue = QueuedTask.apply_async

    def to_the_broker(task, args=None, kwargs=None, **options):
        if celery_app.conf.task_always_eager:
            return queue(task, args, kwargs, **options)
        queued.append((task, args or (), kwargs or {}))

    monkeypatch.setattr(QueuedTask, "apply_async", to_the_broker)
    celery_app.conf.task_always_eager = False  # as in production, with Redis

    call_command("load_demo", "--demo-stand", stdout=io.StringIO())
    for task, args, kwargs in queued:  # the worker, with the same settings
        task.apply(args, kwargs)
    assert attempts == []
    assert mail.outbox == []
    assert not celery_app.conf.task_always_eager  # left as it was found

"""The public contests page: announcements, results without exposing children, the feed and
the calendar of deadlines."""

from datetime import date

from django.core.files.base import ContentFile
from django.urls import reverse

from plans.contests import publicity
from plans.contests.models import Contest, ContestAudience, Participant, ParticipantKind, Placement
from reports.contests import contests_table
from tests.contests.public_helpers import add_entry, make_contest
from tests.programs.factories import MunicipalityFactory


def test_results_show_surname_and_initial_only_where_the_consent_allows(
    client, municipality, org_a, org_b
):
    contest = make_contest(municipality)
    add_entry(
        contest, org_a, placement=Placement.WINNER, people=[("Иванова", "Мария", "Петровна", True)]
    )
    add_entry(
        contest, org_b, placement=Placement.SECOND, people=[("Сидоров", "Олег", "Ильич", False)]
    )
    add_entry(contest, org_b, placement=Placement.PARTICIPANT, people=[("Орлова", "Ада", "", True)])

    page = client.get(reverse("contests_public:detail", args=[contest.pk]))

    text = page.content.decode()
    assert page.status_code == 200
    assert "Иванова М." in text and "МБОУ СШ № 1" in text
    assert "Мария" not in text and "Петровна" not in text and "3 «Б»" not in text
    assert "Сидоров" not in text and "МБОУ СШ № 2" in text  # the organisation alone
    assert "Орлова" not in text  # a participant without a place is not listed
    assert text.index("Победитель") < text.index("Призёр")


def test_a_teachers_contest_shows_the_teachers_name(client, municipality, org_a):
    contest = make_contest(
        municipality, audience=ContestAudience.TEACHERS, title="Сердце отдаю детям"
    )
    teacher = {
        "kind": ParticipantKind.TEACHER,
        "surname": "Шацких",
        "name": "Наталья",
        "patronymic": "Алексеевна",
        "post": "педагог",
    }
    add_entry(contest, org_a, placement=Placement.WINNER, people=[teacher])

    page = client.get(reverse("contests_public:detail", args=[contest.pk]))

    assert "Шацких Н.А." in page.content.decode()


def test_erased_participants_show_the_organisation_alone(municipality, org_a):
    entry = add_entry(
        make_contest(municipality),
        org_a,
        placement=Placement.WINNER,
        people=[("Иванова", "Мария", "", True)],
    )
    entry.participants.update(surname="", name="", erased=True)

    assert publicity.public_line(entry) == "МБОУ СШ № 1"


def test_the_list_shows_announced_contests_of_the_municipality_and_the_region(client, municipality):
    make_contest(municipality, fixed=False, title="Наш конкурс")
    make_contest(None, fixed=False, title="Областной конкурс")
    make_contest(MunicipalityFactory(name="Елецкий"), fixed=False, title="Чужой конкурс")
    make_contest(municipality, fixed=False, title="Скрытый конкурс", is_public=False)

    page = client.get(reverse("contests_public:list"), {"m": municipality.slug})

    text = page.content.decode()
    assert "Наш конкурс" in text and "Областной конкурс" in text
    assert "Чужой конкурс" not in text and "Скрытый конкурс" not in text


def test_results_are_not_shown_before_they_are_fixed(client, municipality, org_a):
    contest = make_contest(municipality, fixed=False)
    add_entry(contest, org_a, placement=Placement.WINNER, people=[("Иванова", "Мария", "", True)])

    page = client.get(reverse("contests_public:detail", args=[contest.pk]))

    assert "Иванова" not in page.content.decode()


def test_a_hidden_contest_is_not_found(client, municipality):
    contest = make_contest(municipality, is_public=False)

    assert client.get(reverse("contests_public:detail", args=[contest.pk])).status_code == 404


def test_the_regulation_is_given_by_a_view(client, municipality):
    contest = make_contest(municipality, fixed=False)
    contest.regulation.save("polozhenie.pdf", ContentFile(b"%PDF-1.4 test"))

    response = client.get(reverse("contests_public:regulation", args=[contest.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"


def test_the_calendar_has_the_deadline_and_the_results_date(client, municipality):
    contest = make_contest(
        municipality, fixed=False, title="Конкурс, где очень длинное название " * 3
    )

    response = client.get(reverse("contests_public:calendar"))

    text = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert f"DTSTART;VALUE=DATE:{contest.applications_to:%Y%m%d}" in text
    assert f"DTSTART;VALUE=DATE:{contest.results_on:%Y%m%d}" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert text.count("BEGIN:VEVENT") == 2


def test_the_rss_lists_public_contests(client, municipality):
    make_contest(municipality, fixed=False, title="Конкурс рисунков")

    response = client.get(reverse("contests_public:rss"))

    assert response.status_code == 200
    assert "Конкурс рисунков" in response.content.decode()
    assert "Приём заявок" in response.content.decode()


def test_the_demo_shows_its_contests_and_practices(client, demo):
    drawings = Contest.objects.get(title__contains="Моя малая родина")
    hidden = Participant.objects.filter(entry__contest=drawings, consent_allows_publishing=False)
    placed_hidden = hidden.filter(entry__placement__in=["winner", "second", "third"]).first()

    page = client.get(reverse("contests_public:detail", args=[drawings.pk])).content.decode()

    assert drawings.entries.count() == 40 and drawings.blind
    assert drawings.jury.count() == 3 and drawings.event.participants == 40
    assert page.count("Победитель") == 4  # two nominations × two age categories
    assert placed_hidden is None or f"{placed_hidden.surname} {placed_hidden.name[0]}." not in page
    bank = client.get(reverse("contests_public:practices")).content.decode()
    assert "Школа юного экскурсовода" in bank and "Инженерные каникулы" in bank
    assert "Театр в чемодане" not in bank
    table = contests_table(demo.pk, date(2023, 8, 31), "2022/2023")
    assert table["teachers"] == ["“Сердце отдаю детям – 2023”: Педагог Шацких Н.А. – финалист"]


def test_the_results_page_takes_the_same_queries_whatever_the_number_of_winners(
    client, municipality, org_a, org_b, django_assert_max_num_queries
):
    contest = make_contest(municipality)
    for index in range(30):
        add_entry(
            contest,
            org_a if index % 2 else org_b,
            placement=Placement.WINNER,
            people=[("Иванова", "Мария", "", True), ("Петров", "Иван", "", False)],
        )
    client.get(reverse("contests_public:detail", args=[contest.pk]))  # sessions, caches

    with django_assert_max_num_queries(12):
        page = client.get(reverse("contests_public:detail", args=[contest.pk]))

    assert page.content.decode().count("Иванова М.") == 30

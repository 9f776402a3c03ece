"""50,000 published programmes in 2,000 organisations across 40 municipalities."""

import random
import time
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from moc_portal.core import search
from moc_portal.demo.registry_data import SPECIALISATIONS, TITLES
from programs.choices import Focus, Level, OrganisationType, OvzCategory, StudyForm
from programs.identifiers import inn_with_check, ogrn_with_check
from programs.models import (
    Municipality,
    Organisation,
    Program,
    ProgramGroup,
    PublishedProgram,
    Specialisation,
)
from programs.services import published_columns

MUNICIPALITIES = 40
ORGANISATIONS = 2000
PROGRAMS = 50_000
BATCH = 2000


def ensure_catalogue_data(stdout=print) -> None:
    if PublishedProgram.objects.count() >= PROGRAMS:
        _analyze()
        return
    started = time.monotonic()
    rng = random.Random(50_000)
    with transaction.atomic():
        PublishedProgram.objects.all().delete()
        Program.objects.all().delete()
        Organisation.objects.all().delete()
        Municipality.objects.all().delete()
        municipalities = Municipality.objects.bulk_create(
            Municipality(
                name=f"Муниципальный район № {i + 1}",
                region="Область",
                oktmo=f"{10000000 + i}",
                slug=f"raion-{i + 1}",
            )
            for i in range(MUNICIPALITIES)
        )
        organisations = Organisation.objects.bulk_create(
            Organisation(
                municipality=municipalities[i % MUNICIPALITIES],
                full_name=f"Муниципальное бюджетное учреждение ДО № {i + 1}",
                short_name=f"МБУ ДО № {i + 1}",
                org_type=rng.choice(OrganisationType.values),
                inn=inn_with_check(f"{480000000 + i}"),
                ogrn=ogrn_with_check(f"{102480000000 + i}"),
                address=f"г. Город-{i % MUNICIPALITIES + 1}, ул. Школьная, д. {i % 90 + 1}",
                phone="+7 (4742) 00-00-00",
            )
            for i in range(ORGANISATIONS)
        )
        specialisations = {
            (s.focus, s.name): s
            for s in [
                Specialisation.objects.get_or_create(focus=focus, name=name)[0]
                for focus, names in SPECIALISATIONS.items()
                for name in names
            ]
        }
        for start in range(0, PROGRAMS, BATCH):
            _batch(rng, start, min(BATCH, PROGRAMS - start), organisations, specialisations)
        search.update_vectors(PublishedProgram.objects.all())
    _analyze()
    stdout(f"# generated {PROGRAMS} programmes in {time.monotonic() - started:.0f} s")


def _analyze() -> None:
    """Fresh planner statistics, as autovacuum would have after a bulk load."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _batch(rng, start, size, organisations, specialisations):
    rows = []
    for n in range(start, start + size):
        focus = rng.choice(Focus.values)
        title, spec, age_from, age_to, activity = rng.choice(TITLES[focus])
        organisation = organisations[n % len(organisations)]
        ovz = rng.random() < 0.05
        paid = rng.random() < 0.15
        rows.append(
            {
                "organisation": organisation,
                "name": f"{title} — {n}",
                "focus": focus,
                "specialisation": specialisations.get((focus, spec)),
                "level": rng.choice(Level.values),
                "age_from": age_from,
                "age_to": age_to,
                "study_form": StudyForm.FULL_TIME,
                "uses_distance_technologies": rng.random() < 0.02,
                "ovz_suitable": ovz,
                "ovz_categories": [rng.choice(OvzCategory.values)] if ovz else [],
                "funding_budget": not paid,
                "funding_certificate": rng.random() < 0.3,
                "funding_paid": paid,
                "cost": rng.choice([2400, 3600, 4800, 6000]) if paid else None,
                "short_description": f"На занятиях дети {activity}.",
                "content": f"Программа «{title}»: вводные занятия, практика, итоговый проект.",
                "goals": "Развитие интереса и способностей ребёнка.",
                "expected_results": "Ребёнок умеет выполнить работу по образцу и по замыслу.",
            }
        )
    programs = Program.objects.bulk_create(
        Program(
            academic_year="2025/2026",
            status="published",
            duration_months=9,
            duration_hours=72,
            **row,
        )
        for row in rows
    )
    now = timezone.now()
    today = timezone.localdate()
    PublishedProgram.objects.bulk_create(
        _published(program, row, now, today, rng)
        for program, row in zip(programs, rows, strict=True)
    )


def _published(program, row, now, today, rng):
    organisation = row["organisation"]
    opens = today - timedelta(days=rng.randint(-30, 60))
    window = ProgramGroup(enrolment_from=opens, enrolment_to=opens + timedelta(days=45))
    return PublishedProgram(
        program=program,
        **published_columns(program, groups=[window]),
        card=_card(program, organisation),
        approved_at=now - timedelta(minutes=program.pk % 10_000),
    )


def _card(program, organisation) -> dict:
    """The card as ``program_card`` shapes it, without a query per programme."""
    fields = {
        "name": ("Полное наименование", program.name),
        "focus": ("Направленность", Focus(program.focus).label),
        "level": ("Уровень", Level(program.level).label),
        "duration_months": ("Продолжительность, месяцев", "9"),
        "duration_hours": ("Объём, академических часов", "72"),
        "study_form": ("Форма обучения", "Очная"),
        "cost": ("Стоимость обучения, руб.", str(program.cost or "—")),
        "ovz_categories": ("Категории ОВЗ", ", ".join(program.ovz_categories) or "—"),
        "address": ("Место проведения", "—"),
        "goals": ("Цели и задачи", program.goals),
        "content": ("Содержание программы", program.content),
        "expected_results": ("Ожидаемые результаты", program.expected_results),
    }
    return {
        "fields": {
            name: {"label": label, "value": value} for name, (label, value) in fields.items()
        },
        "organisation": {
            "id": organisation.pk,
            "name": organisation.short_name,
            "address": organisation.address,
            "phone": organisation.phone,
            "email": "",
        },
        "partners": [],
        "groups": [
            {
                "name": "Группа 1",
                "teacher": "Иванова Мария Петровна",
                "ages": f"{program.age_from}–{program.age_to} лет",
                "places": 15,
                "enrolment": "с 01.09 по 15.10",
                "address": "",
                "schedule": ["Вторник 15:00–16:30", "Четверг 15:00–16:30"],
            }
        ],
    }


def ensure_exchange_data(stdout=print) -> None:
    """The approved versions' exchange data (groups, schedule, duration) that the Navigator
    push sends, for a bench database generated before it existed."""
    missing = PublishedProgram.objects.filter(data={})
    if not missing.exists():
        return
    started = time.monotonic()
    rng = random.Random(6)
    with transaction.atomic():
        batch = []
        for published in missing.select_related("program").iterator(chunk_size=BATCH):
            published.data = _exchange_data(published, rng)
            batch.append(published)
            if len(batch) == BATCH:
                PublishedProgram.objects.bulk_update(batch, ["data"])
                batch = []
        PublishedProgram.objects.bulk_update(batch, ["data"])
    stdout(f"# exchange data for the push filled in {time.monotonic() - started:.0f} s")


def _exchange_data(published, rng) -> dict:
    program = published.program
    start = rng.choice(["15:00", "16:00", "17:30"])
    end = {"15:00": "16:30", "16:00": "17:30", "17:30": "19:00"}[start]
    return {
        "description": program.content,
        "duration_months": 9,
        "duration_hours": 72,
        "address": "ул. Школьная, д. 1",
        "ovz_categories": program.ovz_categories,
        "partners": [],
        "groups": [
            {
                "id": program.pk * 10 + n,
                "name": f"Группа {n + 1}",
                "teacher": "Иванова Мария Петровна",
                "age_from": program.age_from,
                "age_to": program.age_to,
                "places": 15,
                "enrolment_from": published.enrolment_from and published.enrolment_from.isoformat(),
                "enrolment_to": published.enrolment_to and published.enrolment_to.isoformat(),
                "address": "ул. Школьная, д. 1",
                "schedule": [
                    {"weekday": day, "time_start": start, "time_end": end}
                    for day in rng.sample(range(1, 8), 2)
                ],
            }
            for n in range(rng.choice([1, 1, 2]))
        ],
    }


SETTLEMENTS_PER_MUNICIPALITY = 10
WISHES = 20_000


def ensure_territory_data(stdout=print) -> None:
    """Settlements (ten a municipality) with their children, the organisations placed in them,
    the groups of the approved versions as rows (one in five meeting in another settlement),
    and a year of parents' wishes: what the supply grid counts."""
    from programs.choices import AgeBand
    from programs.models import ChildCount, Settlement, Wish

    ensure_exchange_data(stdout)
    if Settlement.objects.exists():
        return
    started = time.monotonic()
    rng = random.Random(22)
    year = timezone.localdate().year
    with transaction.atomic():
        places = {}
        for municipality in Municipality.objects.order_by("pk"):
            places[municipality.pk] = Settlement.objects.bulk_create(
                Settlement(
                    municipality=municipality,
                    kind="г." if n == 0 else "с.",
                    name=f"Пункт {municipality.pk}-{n + 1}",
                )
                for n in range(SETTLEMENTS_PER_MUNICIPALITY)
            )
        organisations = list(Organisation.objects.order_by("pk"))
        for organisation in organisations:
            organisation.settlement = rng.choice(places[organisation.municipality_id])
        Organisation.objects.bulk_update(organisations, ["settlement"], batch_size=BATCH)
        ChildCount.objects.bulk_create(
            ChildCount(
                settlement=settlement,
                year=year,
                band=band,
                children=rng.randint(200, 4000)
                if settlement.kind == "г."
                else rng.randint(10, 300),
            )
            for settlements in places.values()
            for settlement in settlements
            for band in AgeBand.values
        )
        municipality_of = dict(Organisation.objects.values_list("pk", "municipality_id"))
        rows = []
        for published in PublishedProgram.objects.only("pk", "organisation_id", "data").iterator(
            chunk_size=BATCH
        ):
            for group in published.data.get("groups", []):
                rows.append(
                    ProgramGroup(
                        pk=group["id"],
                        program_id=published.pk,
                        name=group["name"],
                        teacher_name=group["teacher"],
                        age_from=group["age_from"],
                        age_to=group["age_to"],
                        places=group["places"],
                        free_places=rng.randint(0, 5),
                        enrolment_from=group["enrolment_from"],
                        enrolment_to=group["enrolment_to"],
                        settlement=rng.choice(places[municipality_of[published.organisation_id]])
                        if rng.random() < 0.2
                        else None,
                    )
                )
            if len(rows) >= BATCH:
                ProgramGroup.objects.bulk_create(rows)
                rows = []
        ProgramGroup.objects.bulk_create(rows)
        now = timezone.now()
        Wish.objects.bulk_create(
            Wish(
                municipality_id=settlement.municipality_id,
                settlement=settlement,
                age=rng.randint(5, 17),
                focus=rng.choice(Focus.values),
                created_at=now - timedelta(days=rng.randint(0, 360)),
            )
            for settlement in (rng.choice(rng.choice(list(places.values()))) for _ in range(WISHES))
        )
    _analyze()
    stdout(f"# territory generated in {time.monotonic() - started:.0f} s")

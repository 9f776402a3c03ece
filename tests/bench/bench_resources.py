"""Resource search benchmark (issue 33): 2,000 organisations with 20 rooms and 50 pieces of
equipment each (40,000 rooms, 100,000 equipment rows), searched as the centres search them.

    python tests/bench/bench_resources.py      (or: make bench)

Prints BENCH resources_search_ms: the median server time of the search page (the query, the
count of organisations, the first or a later page of 20 with their matching rooms and
equipment, rendered), for the administrator over every municipality and for a centre's staff.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.bench.setup_bench import report, setup_django

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
ROOMS, EQUIPMENT = 20, 50
ROOM_NAMES = [
    ("Кванториум", "laboratory"),
    ("Точка роста", "laboratory"),
    ("Бассейн", "pool"),
    ("Спортивный зал", "hall"),
    ("Актовый зал", "hall"),
    ("Стадион", "stadium"),
    ("Столярная мастерская", "workshop"),
    ("Кабинет информатики", "classroom"),
    ("Кабинет химии", "laboratory"),
    ("Кабинет физики", "laboratory"),
]
KINDS = [
    ("3D-принтер", ["Picaso Designer X", "Anycubic Kobra", "Creality Ender-3"]),
    ("Ноутбук", ["Aquarius Cmp", "ICL RayBook", ""]),
    ("Интерактивная панель", ["Nextpanel 75", ""]),
    ("Микроскоп цифровой", ["Levenhuk DTX 500", ""]),
    ("Набор робототехники", ["Lego Education Spike", "Роботрек", "Makeblock"]),
    ("Квадрокоптер", ["Геоскан Пионер", "DJI Tello"]),
    ("Лазерный гравер", ["Raylogic 11G", ""]),
    ("Токарный станок", ["ТВ-7", ""]),
    ("Цифровая лаборатория", ["Releon Физика", "Releon Химия", "Releon Биология"]),
    ("Тренажёр сердечно-лёгочной реанимации", ["Гоша", ""]),
    ("Мультимедийный проектор", ["Epson EB-X06", ""]),
    ("Музыкальный синтезатор", ["Yamaha PSR", ""]),
    ("Швейная машина", ["Janome", ""]),
    ("Телескоп", ["Celestron", ""]),
    ("Фотоаппарат", ["Canon EOS", ""]),
]
QUERIES = [
    "?q=3D-принтер",
    "?q=кванториум",
    "?q=бассейн",
    "?q=принтеры&settlement={settlement}",
    "?room_kind=pool&accessible=on",
    "?q=ноутбук&accessible=on",
    "?q=микроскоп&page=5",
    "?q=токарный+станок&room_kind=workshop",
    "?q=шахматы",
]


def ensure_resources(stdout=print) -> None:
    from django.db import transaction

    from programs.models import Organisation
    from programs.staffing import resource_words
    from programs.staffing.models import Equipment, ResourceWord, Room

    organisations = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
    if Room.objects.count() >= len(organisations) * ROOMS:
        return
    started = time.monotonic()
    rng = random.Random(33)
    with transaction.atomic():
        ResourceWord.objects.all().delete()
        Equipment.objects.all().delete()
        Room.objects.all().delete()
        for start in range(0, len(organisations), 200):
            batch = organisations[start : start + 200]
            rooms = Room.objects.bulk_create(
                Room(
                    organisation_id=organisation,
                    name=_room_name(n),
                    kind=ROOM_NAMES[n % len(ROOM_NAMES)][1] if n < len(ROOM_NAMES) else "other",
                    capacity=rng.randint(10, 40),
                    accessible=rng.random() < 0.3,
                )
                for organisation in batch
                for n in range(ROOMS)
            )
            by_organisation = {}
            for room in rooms:
                by_organisation.setdefault(room.organisation_id, []).append(room)
            equipment = Equipment.objects.bulk_create(
                _equipment(rng, organisation, by_organisation[organisation])
                for organisation in batch
                for _ in range(EQUIPMENT)
            )
            resource_words.index(rooms=rooms, equipment=equipment, fresh=True)
    stdout(f"# generated resources in {time.monotonic() - started:.0f} s")


def _room_name(n: int) -> str:
    return ROOM_NAMES[n][0] if n < len(ROOM_NAMES) else f"Кабинет {n + 1}"


def _equipment(rng, organisation, rooms):
    from programs.staffing.models import Equipment

    kind, models = rng.choice(KINDS)
    return Equipment(
        organisation_id=organisation,
        kind=kind,
        model=rng.choice(models),
        count=rng.randint(1, 15),
        room=rng.choice(rooms) if rng.random() < 0.8 else None,
    )


def main() -> None:
    setup_django()
    from django.conf import settings
    from django.test import Client

    from moc_portal.users.models import Role, User
    from programs.models import Municipality, Settlement
    from tests.bench.catalogue_data import ensure_catalogue_data, ensure_territory_data

    ensure_catalogue_data(print)
    ensure_territory_data(print)
    ensure_resources(print)
    settings.ALLOWED_HOSTS = ["*"]
    municipality = Municipality.objects.order_by("pk").first()
    settlement = Settlement.objects.filter(municipality=municipality).order_by("pk").first()
    people = [
        User.objects.get_or_create(
            username="bench_resources_admin", defaults={"role": Role.ADMINISTRATOR}
        )[0],
        User.objects.get_or_create(
            username="bench_resources_staff",
            defaults={"role": Role.STAFF, "municipality": municipality},
        )[0],
    ]
    timings = []
    for person in people:
        client = Client()
        client.force_login(person)
        for _ in range(ROUNDS):
            for query in QUERIES:
                url = "/staffing/resources/" + query.format(settlement=settlement.pk)
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (url, response.status_code)
    report("resources_search_ms", statistics.median(timings), "ms")
    print(f"# slowest {max(timings):.1f} ms over {len(timings)} searches")


if __name__ == "__main__":
    main()

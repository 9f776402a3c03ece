"""The catalogue as an open data set, laid out as Russian open-data practice asks
(Методические рекомендации по публикации открытых данных, версия 3.0): a passport
(``meta.csv``), a structure file (``structure-<date>.csv``) and the data
(``data-<date>-structure-<date>.csv``), CSV in UTF-8 with a header row. A text a spreadsheet
could take for a formula («=…», «+…», «-…», «@…») is written with an apostrophe before it
(``formula_escaped``), as every CSV the portal writes.

Rebuilt every night by beat (``open_data_build``, known to workers as
``programs.tasks.open_data_build``), at once when someone asks for the set and none has been
built yet (``build_soon``: a fresh installation never shows an empty page until the night),
and when an administrator presses «Собрать набор открытых данных сейчас». Each file is written
beside its final name and moved into place, so a download never meets half a file. The last
``KEEP_VERSIONS`` data files stay for those who compare.

One body creates and publishes the set and gives it its identifier («<ИНН>-dop-programmy»):
the installation (``MOC_CENTRE_*``), or the regional operator named by
``OPEN_DATA_PUBLISHER_*`` (``publisher``); never an organisation of the registry.
"""

import csv
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date

from celery import shared_task
from celery.result import EagerResult
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from moc_portal.core.spreadsheets import formula_escaped, formula_unescaped

from .identifiers import validate_inn
from .selectors.public import PublicProgramme, public_programme, published_programmes
from .territory.centres import installation_centre

STANDARD = "http://opendata.gosmonitor.ru/standard/3.0"
# The day the structure below took its present form: it changes only with the columns.
STRUCTURE_DATE = "20261130"
KEEP_VERSIONS = 7
FOLDER = "opendata"
CODE = "dop-programmy"  # the set's own part of its identifier
# A build asked for and not finished yet: asked again meanwhile, it is not queued twice.
BUILDING_KEY = "opendata:building"
logger = logging.getLogger(__name__)
BUILDING_SECONDS = 600
FILE_NAME = re.compile(r"^(meta\.csv|structure-\d{8}\.csv|data-\d{8}-structure-\d{8}\.csv)$")


@dataclass(frozen=True)
class Field:
    name: str
    english: str
    russian: str
    format: str  # string, integer, float, boolean, date — as the recommendations name them


FIELDS = [
    Field("id", "Programme identifier", "Идентификатор программы", "integer"),
    Field("name", "Programme name", "Наименование программы", "string"),
    Field("focus", "Focus area", "Направленность", "string"),
    Field("specialisation", "Specialisation", "Профиль", "string"),
    Field("level", "Level", "Уровень", "string"),
    Field("age_from", "Age from, years", "Возраст от, лет", "integer"),
    Field("age_to", "Age to, years", "Возраст до, лет", "integer"),
    Field("study_form", "Form of study", "Форма обучения", "string"),
    Field("distance", "Distance learning used", "С применением ДОТ и ЭО", "boolean"),
    Field("ovz", "Suitable for children with disabilities", "Подходит для детей с ОВЗ", "boolean"),
    Field("ovz_categories", "Disability categories", "Категории ОВЗ", "string"),
    Field("free_of_charge", "Free (budget)", "Бесплатно (за счёт бюджета)", "boolean"),
    Field("certificate", "By PFDO certificate", "По сертификату ПФДО", "boolean"),
    Field("paid", "Paid", "Платно", "boolean"),
    Field("cost", "Cost, roubles", "Стоимость, руб.", "float"),
    Field("groups", "Groups", "Групп", "integer"),
    Field("places", "Places in groups", "Мест в группах", "integer"),
    Field("free_places", "Free places", "Свободных мест", "integer"),
    Field("enrolment_from", "Enrolment from", "Приём заявок с", "date"),
    Field("enrolment_to", "Enrolment to", "Приём заявок по", "date"),
    Field("organisation", "Organisation", "Организация", "string"),
    Field("organisation_inn", "Organisation INN", "ИНН организации", "string"),
    Field("address", "Address", "Адрес", "string"),
    Field("settlement", "Settlement", "Населённый пункт", "string"),
    Field("settlement_oktmo", "Settlement OKTMO", "ОКТМО населённого пункта", "string"),
    Field("municipality", "Municipality", "Муниципальное образование", "string"),
    Field("municipality_oktmo", "Municipality OKTMO", "ОКТМО муниципального образования", "string"),
    Field("approved", "Approved on", "Дата одобрения", "date"),
    Field("url", "Catalogue page", "Страница в каталоге", "string"),
]


def folder() -> str:
    return os.path.join(settings.MEDIA_ROOT, FOLDER)


def data_name(day: date) -> str:
    return f"data-{day:%Y%m%d}-structure-{STRUCTURE_DATE}.csv"


def structure_name() -> str:
    return f"structure-{STRUCTURE_DATE}.csv"


def _write(name: str, rows) -> int:
    """Write rows to ``name`` in the folder through a temporary file; returns rows written."""
    os.makedirs(folder(), exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder(), prefix=".", suffix=".part")
    count = 0
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\r\n")
            for row in rows:
                writer.writerow([formula_escaped(value) for value in row])
                count += 1
        os.chmod(temporary, 0o644)
        os.replace(temporary, os.path.join(folder(), name))
    except BaseException:
        os.unlink(temporary)
        raise
    return count - 1


def _bool(value) -> str:
    return "да" if value else "нет"


def _data_rows(base_url: str):
    yield [f.name for f in FIELDS]
    page = base_url + reverse("programs:public_detail", args=[0]).replace("/0/", "/{}/")
    published = published_programmes().order_by("pk").iterator(chunk_size=2000)
    for programme in map(public_programme, published):
        yield _data_row(programme, page)


def _data_row(programme: PublicProgramme, page: str) -> list:
    """One programme in the order of ``FIELDS``; ``page`` is its catalogue URL with ``{}``.
    Its free places are the approved version's, as the night's build finds them."""
    organisation = programme.organisation
    settlement = organisation.settlement
    free_places = programme.free_places
    return [
        programme.id,
        programme.name,
        programme.focus_label,
        programme.specialisation or "",
        programme.level_label,
        programme.age_from,
        programme.age_to,
        programme.study_form_label,
        _bool(programme.uses_distance_technologies),
        _bool(programme.ovz_suitable),
        "; ".join(programme.ovz_category_labels),
        _bool(programme.funding_budget),
        _bool(programme.funding_certificate),
        _bool(programme.funding_paid),
        "" if programme.cost is None else f"{programme.cost:.2f}",
        len(programme.groups),
        programme.places,
        "" if free_places is None else free_places,
        programme.enrolment_from.isoformat() if programme.enrolment_from else "",
        programme.enrolment_to.isoformat() if programme.enrolment_to else "",
        organisation.short_name,
        organisation.inn,
        programme.place,
        str(settlement) if settlement else "",
        settlement.oktmo if settlement else "",
        programme.municipality.name,
        programme.municipality.oktmo,
        timezone.localtime(programme.approved_at).date().isoformat(),
        page.format(programme.id),
    ]


@dataclass(frozen=True)
class Publisher:
    """The one body that creates and publishes the set and whose INN makes its identifier."""

    name: str
    inn: str  # "" when not configured (or mistyped): the identifier is then the code alone
    phone: str
    email: str
    inn_problem: str = ""  # why a configured INN is not used

    @property
    def identifier(self) -> str:
        return f"{self.inn}-{CODE}" if self.inn else CODE

    @property
    def missing(self) -> list[tuple[str, str]]:
        """What the passport lacks: (what, in the genitive, the setting that gives it)."""
        named = bool(settings.OPEN_DATA_PUBLISHER_NAME)
        found = []
        if not self.inn:
            found.append(("ИНН", "OPEN_DATA_PUBLISHER_INN"))
        if not self.phone:
            found.append(("телефона", "OPEN_DATA_PUBLISHER_PHONE" if named else "MOC_CENTRE_PHONE"))
        if not self.email:
            found.append(
                ("электронной почты", "OPEN_DATA_PUBLISHER_EMAIL" if named else "MOC_CENTRE_EMAIL")
            )
        return found


def publisher() -> Publisher:
    """Who creates and publishes the set: the regional operator named by
    ``OPEN_DATA_PUBLISHER_NAME`` with its own phone and e-mail, else the installation
    (``MOC_CENTRE_*``); the INN of the same body is ``OPEN_DATA_PUBLISHER_INN``. No field is
    taken from the other body or from an organisation of the registry."""
    if settings.OPEN_DATA_PUBLISHER_NAME:
        name = settings.OPEN_DATA_PUBLISHER_NAME
        phone, email = settings.OPEN_DATA_PUBLISHER_PHONE, settings.OPEN_DATA_PUBLISHER_EMAIL
    else:
        centre = installation_centre()
        name, phone, email = centre.full_name, centre.phone, centre.email
    inn, problem = settings.OPEN_DATA_PUBLISHER_INN.strip(), ""
    if inn:
        try:
            validate_inn(inn)
        except ValidationError as error:
            inn, problem = "", f"указанный ИНН «{inn}» не принят: {error.messages[0]}"
    return Publisher(name=name, inn=inn, phone=phone, email=email, inn_problem=problem)


def build(*, base_url: str | None = None, today: date | None = None) -> dict:
    """Write the three files for today and drop data files beyond the last few."""
    today = today or timezone.localdate()
    base_url = (base_url or settings.SITE_URL).rstrip("/")
    rows = _write(data_name(today), _data_rows(base_url))
    _write(
        structure_name(),
        [
            ["field name", "english description", "russian description", "format"],
            *[[f.name, f.english, f.russian, f.format] for f in FIELDS],
        ],
    )
    who = publisher()
    files = base_url + reverse("open_data_file", args=["x"])[:-1]
    created = min(versions(), default=today)
    _write(
        "meta.csv",
        [
            ["property", "value"],
            ["standardversion", STANDARD],
            ["identifier", who.identifier],
            ["title", "Программы дополнительного образования детей"],
            [
                "description",
                "Дополнительные общеобразовательные программы, одобренные опорными центрами "
                "и опубликованные в каталоге: направленность, возраст, оплата, группы, места и "
                "свободные места, организации и населённые пункты.",
            ],
            ["creator", who.name],
            ["created", f"{created:%Y%m%d}"],
            ["modified", f"{today:%Y%m%d}"],
            ["subject", "образование, дополнительное образование, кружки, дети"],
            ["format", "csv"],
            [f"data-{today:%Y%m%d}-structure-{STRUCTURE_DATE}", files + data_name(today)],
            [f"structure-{STRUCTURE_DATE}", files + structure_name()],
            ["publishername", who.name],
            ["publisherphone", who.phone],
            ["publishermbox", who.email],
            ["valid", f"{today:%Y%m%d}"],
        ],
    )
    for old in versions()[KEEP_VERSIONS:]:
        os.unlink(os.path.join(folder(), data_name(old)))
    return {"rows": rows, "file": data_name(today)}


def versions() -> list[date]:
    """The days of the data files kept, newest first."""
    found = []
    if os.path.isdir(folder()):
        for name in os.listdir(folder()):
            matched = re.fullmatch(rf"data-(\d{{8}})-structure-{STRUCTURE_DATE}\.csv", name)
            if matched:
                day = matched[1]
                found.append(date(int(day[:4]), int(day[4:6]), int(day[6:])))
    return sorted(found, reverse=True)


def passport() -> list[tuple[str, str]] | None:
    path = os.path.join(folder(), "meta.csv")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8", newline="") as source:
        rows = list(csv.reader(source))[1:]
    return [(name, formula_unescaped(value)) for name, value in rows]


def path_of(name: str) -> str | None:
    """The file of that name in the set, or None (any other name, or not written yet)."""
    if not FILE_NAME.match(name):
        return None
    path = os.path.join(folder(), name)
    return path if os.path.exists(path) else None


@shared_task(name="programs.tasks.open_data_build")
def open_data_build() -> int:
    """The set rebuilt: every night by beat, and when asked (``build_soon``)."""
    try:
        return build()["rows"]
    finally:
        cache.delete(BUILDING_KEY)


@dataclass(frozen=True)
class Asked:
    """What became of a request to build the set: ``built`` (in-process, with its ``rows``),
    ``queued`` for a worker, ``waiting`` (a build asked for earlier is not finished), or
    ``unavailable`` (the task queue is away; nothing was queued)."""

    state: str
    rows: int | None = None


def build_soon(*, again: bool = False) -> Asked:
    """Build the set now: in this process when tasks run in-process (``make run``, no Redis),
    else by a worker. Asked again while a build waits, nothing more is queued, unless
    ``again`` (an administrator's button)."""
    first = cache.add(BUILDING_KEY, True, BUILDING_SECONDS)
    if first is None:  # Redis, the cache and the queue, is away (django-redis ignores it)
        return Asked("unavailable")
    if not first and not again:
        return Asked("waiting")
    if again:
        cache.set(BUILDING_KEY, True, BUILDING_SECONDS)
    try:
        result = open_data_build.delay()
    except Exception:  # built in this process and failed: the page stays up, the log has why
        logger.exception("Набор открытых данных не собран")
        return Asked("unavailable")
    if result is None:  # the queue is away (``QueuedTask``): let the next request try again
        cache.delete(BUILDING_KEY)
        return Asked("unavailable")
    if isinstance(result, EagerResult):
        return Asked("built", result.result)
    return Asked("queued")

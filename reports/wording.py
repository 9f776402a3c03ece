"""The yearly report's sentences as seed 002 words them, written once for the page, the Word
file and the workbook's cover: numbers agreeing with the words they count (``russian``), the
centre named by its base organisation, a plan figure only where a plan exists, the texts'
headings only over a text, the head's post and name under it, and a year without data said
in words instead of zeros."""

from dataclasses import dataclass, field

from moc_portal.core import russian

from . import figures
from .models import ReportState, YearlyReport

PROGRAMS = "дополнительная общеобразовательная общеразвивающая программа"
DIRECTIONS = "Основные направления деятельности МОЦ:"
PERSPECTIVES = "Перспективы развития:"
CENTRE = "Муниципальный опорный центр (МОЦ)"
HEAD = "Руководитель МОЦ"
STAFF = "Развитие педагогических кадров"
SIGNATURE_LINE = "____________"
# «… детей – 6.»: the dash never starts a line.
DASH = f"{russian.NBSP}– "


@dataclass
class Wording:
    municipality: str
    centre: str = ""
    empty: str = ""
    organisations: str = ""
    organisation_lines: list[str] = field(default_factory=list)
    programs: str = ""
    program_lines: list[str] = field(default_factory=list)
    program_notes: list[str] = field(default_factory=list)
    assessment: str = ""
    coverage: str = ""
    staff: list[str] = field(default_factory=list)
    staff_heading: str = STAFF
    directions: list[str] = field(default_factory=list)
    perspectives: list[str] = field(default_factory=list)
    head_post: str = HEAD
    head_name: str = ""


def title(report: YearlyReport) -> str:
    start, end = report.academic_year.split("/")
    return (
        "Отчет о деятельности Муниципального опорного центра\nдополнительного образования\n"
        f"за {start} – {end} уч год"
    )


def of(report: YearlyReport) -> Wording:
    """The report's sentences from its snapshot; the centre and its head from the snapshot of
    a submitted report, from the centre card as it is now for one still being prepared."""
    data = report.data or {}
    centre = data.get("centre")
    if centre is None or report.state != ReportState.SUBMITTED:
        centre = figures.centre_table(report.municipality_id)
    wording = Wording(
        municipality=report.municipality.name,
        centre=centre["base"],
        directions=paragraphs(report.directions),
        perspectives=paragraphs(report.perspectives),
        head_post=centre["head_post"] or HEAD,
        head_name=name_unbroken(centre["head_name"]),
    )
    if data.get("staff"):
        wording.staff = staff_sentences(data["staff"], report.academic_year)
    if not data.get("programs"):
        return wording
    if not data["programs"]["total"]:
        wording.empty = empty_year(report)
        return wording
    wording.organisations, wording.organisation_lines = organisation_sentences(
        data["organisations"]
    )
    wording.programs, wording.program_lines, wording.program_notes = program_sentences(
        data["programs"]
    )
    wording.assessment = assessment_sentence(
        {**data["assessment"], "target_percent": target(data)}, report.academic_year
    )
    coverage = data.get("coverage")
    if coverage and coverage["children"]:
        wording.coverage = coverage_sentence(coverage)
    return wording


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def name_unbroken(name: str) -> str:
    """«Е.В. Полякова» with a non-breaking space: initials never part from the surname."""
    return russian.NBSP.join(name.split())


def empty_year(report: YearlyReport) -> str:
    return (
        f"На {report.as_of:%d.%m.%Y} в реестре нет опубликованных программ "
        f"{report.academic_year} учебного года, поэтому в отчёте нет данных об организациях, "
        "программах и их независимой оценке."
    )


def _listed(lines: list[str]) -> list[str]:
    """A list as the seed punctuates it: «…;» and the last «….»."""
    return [f"{line}{'.' if last else ';'}" for line, last in _with_last(lines)]


def _with_last(items):
    return [(item, index == len(items) - 1) for index, item in enumerate(items)]


def organisation_sentences(organisations: dict) -> tuple[str, list[str]]:
    """«В муниципальном образовании 17 организаций, реализующих …:» and a line per kind:
    «4 дошкольных образовательных организации», «1 государственное учреждение (…)» — the
    organisation that stands alone of its kind named in brackets."""
    total = organisations["total"]
    lead = (
        f"В муниципальном образовании {russian.count(total, 'организация')}, "
        f"{russian.agree(total, 'реализующая')} дополнительные общеобразовательные "
        "общеразвивающие программы:"
    )
    lines = []
    for row in organisations["rows"]:
        phrase = figures.CATEGORY_PHRASES.get(row["key"])
        if phrase:
            line = russian.count(row["count"], phrase, adjectives="gent")
        else:  # a kind the report no longer knows, from an old snapshot
            line = f"{row['label']} – {russian.integer(row['count'])}"
        if row.get("name"):
            line += f" ({row['name']})"
        lines.append(line)
    return lead, _listed(lines)


def program_sentences(programs: dict) -> tuple[str, list[str], list[str]]:
    """«Опубликовано 163 дополнительные общеобразовательные общеразвивающие программы:», a line
    per focus area with programmes («37 программ технической направленности;»), and the
    seed's three counts."""
    total = programs["total"]
    # «Опубликована 21 … программа», «Опубликовано 163 … программы»: the verb follows the
    # noun's number as the dictionary agrees it.
    alone = russian.agree(total, "программа") == "программа"
    published = "Опубликована" if alone else "Опубликовано"
    lead = f"{published} {russian.count(total, PROGRAMS)}:"
    lines = [
        russian.count(row["count"], f"программа {row['label']} направленности")
        for row in programs["by_focus"]
        if row["count"]
    ]
    notes = [
        f"{label}{DASH}{russian.integer(programs[key])}."
        for label, key in (
            (
                "Программы, способствующие личностному или профессиональному самоопределению детей",
                "career",
            ),
            ("Дистанционные программы", "distance"),
            ("Программы для детей с ОВЗ", "ovz"),
        )
    ]
    return lead, _listed(lines), notes


def target(data: dict) -> int | None:
    """The planned share of programmes ready for assessment, where the year's campaign set one.
    A snapshot taken before the report kept its centre (``centre``) put 25 where no campaign
    set a target, so its figure is not the plan's."""
    return data["assessment"].get("target_percent") if "centre" in data else None


def assessment_sentence(assessment: dict, year: str) -> str:
    """«Независимая оценка качества: готовы к оценке 42 программы (25,8 % при плане 25 %), …»;
    the plan only where the year's campaign set one."""
    target = assessment.get("target_percent")
    if not assessment["ready"] and target is None:
        return f"Независимая оценка качества программ в {year} учебном году не проводилась."
    plan = f" при плане {russian.percent(target, 0)}" if target is not None else ""
    ready, assessed, recommended = (assessment[key] for key in ("ready", "assessed", "recommended"))
    return (
        f"Независимая оценка качества: {russian.predicate(ready, 'готова')} к оценке "
        f"{russian.count(ready, 'программа')} "
        f"({russian.percent(assessment['ready_percent'])}{plan}), "
        f"{russian.predicate(assessed, 'прошла')} оценку {russian.integer(assessed)} "
        f"({russian.percent(assessment['assessed_percent'])}), "
        f"{russian.predicate(recommended, 'рекомендована')} {russian.integer(recommended)} "
        f"({russian.percent(assessment['recommended_percent'])})."
    )


def coverage_sentence(coverage: dict) -> str:
    percent = "" if coverage["percent"] is None else f"{russian.percent(coverage['percent'])} "
    return (
        f"Охват детей 5–18 лет дополнительным образованием: {percent}"
        f"({russian.count(coverage['covered'], 'занятое место')} в группах на "
        f"{russian.count(coverage['children'], 'ребёнок', case='accs')} 5–17 лет)."
    )


def staff_sentences(staff: dict, year: str) -> list[str]:
    """Seed 002 §3.1, §3.3, §3.4: «3 специалиста МОЦ обучились на курсах повышения
    квалификации», the municipality's teachers who finished a course in the year, and each
    event of the centre for teachers: «Методическая неделя – 2023 «…». Количество участников
    – 54 педагога.»"""
    centre = staff["centre_trained"]
    lines = [
        f"{russian.count(centre, 'специалист МОЦ')} {russian.predicate(centre, 'обучился')} "
        "на курсах повышения квалификации."
        if centre
        else f"Специалисты МОЦ в {year} учебном году курсы повышения квалификации не проходили."
    ]
    teachers = staff["teachers_trained"]
    if teachers:
        lines.append(
            f"{russian.count(teachers, 'педагог')} организаций муниципалитета "
            f"{russian.predicate(teachers, 'обучился')} на курсах повышения квалификации и "
            f"профессиональной переподготовки ({russian.count(staff['courses'], 'курс')})."
        )
    for event in staff["events"]:
        title = event["title"].strip()
        line = title if title.endswith((".", "!", "?")) else f"{title}."
        if event["participants"]:
            line += (
                f" Количество участников{DASH}{russian.count(event['participants'], 'педагог')}."
            )
        lines.append(line)
    return lines

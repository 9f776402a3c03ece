"""Every workbook the portal writes, printed as a person prints it: converted to PDF by
LibreOffice and read back with pdfplumber. Each kind (a data export, an import template, a
plan, an execution report, the assessment protocol and register, the yearly report and the
regional summary, the territory, the Navigator file, the vacancies, an import's error report)
is checked the same way: A4 paper; the title with what it is, the municipality and the date
on the first page; each sheet's head on every page it reaches, every heading whole (not cut
to «Занятых ме…») and every column on the page (one page wide, nothing spilling onto a page
of its own)."""

import io
from datetime import date

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from moc_portal.core.sheet_import import ErrorList, Header, RowError
from moc_portal.core.sheet_layout import PrintTitle
from moc_portal.users.models import User
from navigator_sync.exports import GROUP_COLUMNS as NAVIGATOR_GROUPS
from navigator_sync.exports import PRINTED as NAVIGATOR_PRINTED
from navigator_sync.exports import PROGRAM_COLUMNS as NAVIGATOR_PROGRAMS
from navigator_sync.exports import write_navigator_workbook
from plans import documents
from plans.models import Plan
from programs import exports, spreadsheets
from programs.assessment import documents as assessment_documents
from programs.assessment.models import Campaign
from programs.imports.error_report import error_report
from programs.models import Organisation
from programs.vacancy_views import VACANCY_COLUMNS
from reports import contests as report_contests
from reports import documents as report_documents
from reports.models import YearlyReport
from reports.territory_views import COVERAGE_COLUMNS, GRID_COLUMNS
from tests.test_document_rendering import render, soffice, words  # noqa: F401 (a fixture)

A4_SIZES = {(595, 842), (842, 595)}


def _sequence(needle: list[str], haystack: list[str]) -> bool:
    """Whether the words stand together in this order (a title, a heading across lines)."""
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def _words(page) -> list[str]:
    """The page's words, read with tolerances of its letters' size (a sheet fitted to the
    page's width may print small)."""
    sizes = sorted(char["size"] for char in page.chars) or [10]
    size = sizes[len(sizes) // 2]
    return words(page.extract_text(x_tolerance=size / 4, y_tolerance=size / 2.5) or "")


def check_printed(pdf, sheets: list[tuple[str, list[str]]], *, first: str) -> None:
    """Every page A4; ``first`` (the file's title) on page 1; each sheet, known by its title
    [(title, headings)], has its headings on every one of its pages, each whole. Every page
    belongs to a sheet of the list."""
    assert {(round(page.width), round(page.height)) for page in pdf.pages} <= A4_SIZES
    pages = [_words(page) for page in pdf.pages]
    assert _sequence(words(first), pages[0]), (first, pages[0][:40])
    for number, text in enumerate(pages, start=1):
        mine = [heads for title, heads in sheets if _sequence(words(title), text)]
        assert mine, (number, text[:30])
        # A heading wrapped over lines is read with its neighbours' words between its own:
        # each of its words is there, none cut («Занятых ме…» would lose «мест»).
        present = set(text)
        for heading in mine[0]:
            assert set(words(heading)) <= present, (number, heading, text[:80])


def _xlsx(writer, *args, **options) -> bytes:
    buffer = io.BytesIO()
    writer(*args, buffer, **options)
    return buffer.getvalue()


def _as(client, user):
    client.force_login(user)
    return client


def _yearly_report(client, demo) -> YearlyReport:
    plan = Plan.objects.get(municipality=demo, period_start=date(2022, 9, 1))
    with TestCase.captureOnCommitCallbacks(execute=True):
        _as(client, User.objects.get(username="moc")).post(
            reverse("reports:list"),
            {"academic_year": "2022/2023", "as_of": "2023-08-31", "plan": plan.pk},
        )
    return YearlyReport.objects.filter(municipality=demo).latest("pk")


def test_every_kind_of_workbook_prints_on_a4_one_page_wide_under_its_title(
    soffice,  # noqa: F811
    tmp_path,
    client,
    demo,
):
    staff = User.objects.get(username="moc")
    administrator = User.objects.get(username="admin")
    today = f"на {timezone.localdate():%d.%m.%Y}"
    town = demo.name
    files, checks = {}, {}

    # A data export (rustpy-xlsxwriter): the registry, programmes and their groups.
    title = exports.registry_title(staff)
    files["registry.xlsx"] = _xlsx(
        lambda target: exports.write_program_export(
            exports.program_export_queryset(staff, {}), target, title=title
        )
    )
    checks["registry.xlsx"] = (
        str(title),
        [
            (str(title), [c.header for c in spreadsheets.PROGRAM_COLUMNS]),
            (title.of_sheet("Группы", first=False), [c.header for c in spreadsheets.GROUP_COLUMNS]),
            # The print copies of the two wide sheets, last in the file.
            (
                title.of_sheet("Программы — для печати", first=False),
                [c.header for c in spreadsheets.PROGRAM_COLUMNS if c.printed],
            ),
            (
                title.of_sheet("Группы — для печати", first=False),
                [c.header for c in spreadsheets.GROUP_COLUMNS if c.printed],
            ),
        ],
    )
    assert str(title) == f"Реестр программ · {town} · {today}"

    # The organisations: 21 columns, and their print copy.
    files["organisations.xlsx"] = _as(client, staff).get(reverse("programs:organisation_export"))
    files["organisations.xlsx"] = files["organisations.xlsx"].content
    organisations = PrintTitle("Организации", demo)
    checks["organisations.xlsx"] = (
        str(organisations),
        [
            (str(organisations), [c.header for c in spreadsheets.ORGANISATION_COLUMNS]),
            (
                organisations.of_sheet("Для печати", first=False),
                [c.header for c in spreadsheets.ORGANISATION_COLUMNS if c.printed],
            ),
        ],
    )

    # An import template (openpyxl): its data sheets, lists and instructions.
    response = _as(client, staff).get(reverse("programs:template"))
    files["template.xlsx"] = response.content
    template = PrintTitle("Шаблон загрузки программ", demo)
    importable = [c.header for c in spreadsheets.PROGRAM_COLUMNS if c.importable]
    checks["template.xlsx"] = (
        str(template),
        [
            (str(template), importable),
            (
                template.of_sheet("Группы", first=False),
                [c.header for c in spreadsheets.GROUP_COLUMNS],
            ),
            (template.of_sheet("Справочники", first=False), ["Организация", "Направленность"]),
            (template.of_sheet("Инструкция", first=False), []),  # its title on every page
        ],
    )

    # A plan and an execution report: the page header names them.
    plan = Plan.objects.get(municipality=demo, period_start=date(2022, 9, 1))
    for name, document in (
        ("plan.xlsx", documents.plan_document(plan)),
        ("execution.xlsx", documents.plan_document(plan, report=True)),
    ):
        files[name] = _xlsx(documents.write_xlsx, document)
        header = str(PrintTitle(document.title, demo))
        checks[name] = (header, [(header, part.headings) for part in document.parts])

    # The assessment protocol and the register sent to regional expertise.
    campaign = Campaign.objects.filter(municipality=demo).order_by("pk").first()
    files["protocol.xlsx"] = _xlsx(assessment_documents.protocol_xlsx, campaign)
    protocol = PrintTitle("Протокол независимой оценки качества программ", demo)
    doc = assessment_documents.protocol(campaign)
    checks["protocol.xlsx"] = (
        str(protocol),
        [
            (str(protocol), doc.head),
            (protocol.of_sheet("Критерии", first=False), ["№", "Критерий", "Шкала", "Вес"]),
        ],
    )
    files["register.xlsx"] = _as(client, staff).get(reverse("assessment:register")).content
    register = PrintTitle(
        "Реестр муниципальных дополнительных общеобразовательных программ для проведения "
        "региональной экспертизы",
        demo,
    )
    checks["register.xlsx"] = (str(register), [(str(register), assessment_documents.REGISTER_HEAD)])

    # The yearly report, and the regional summary of the year.
    report = _yearly_report(client, demo)
    files["yearly.xlsx"] = _xlsx(report_documents.write_xlsx, report)
    yearly = report_documents.report_title(report)
    assert str(yearly) == (
        f"Отчёт о деятельности МОЦ за 2022/2023 учебный год, версия {report.version} · "
        f"{town} · на 31.08.2023"
    )
    checks["yearly.xlsx"] = (
        str(yearly),
        [
            (str(yearly), ["Муниципальное образование", "Данные на дату", "Версия"]),
            (
                yearly.of_sheet("Организации", first=False),
                ["Организации, реализующие программы", "Количество"],
            ),
            (yearly.of_sheet("Программы", first=False), ["Опубликованные программы"]),
            (yearly.of_sheet("Выполнение плана", first=False), report_documents.PLAN_HEAD),
            (yearly.of_sheet("Оценка качества", first=False), ["Показатель", "Доля, %"]),
            (yearly.of_sheet("Охват детей", first=False), ["Населённый пункт", "Охват, %"]),
            # Above its head the teachers' professional contests, a line each.
            (yearly.of_sheet("Конкурсы", first=False), report_contests.HEAD),
        ],
    )
    response = _as(client, administrator).get(
        reverse("reports:regional_export"), {"year": "2022/2023"}
    )
    files["regional.xlsx"] = response.content
    regional = PrintTitle("Отчёты МОЦ за 2022/2023 учебный год по муниципалитетам")
    checks["regional.xlsx"] = (str(regional), [(str(regional), ["Показатель", town])])

    # The territory of the municipality: supply and demand, and the children's coverage.
    response = _as(client, staff).get(reverse("reports:territory_export"))
    files["territory.xlsx"] = response.content
    territory = PrintTitle("Предложение и спрос по территории", demo)
    checks["territory.xlsx"] = (
        str(territory),
        [
            (str(territory), [c.header for c in GRID_COLUMNS[1:]]),
            (
                territory.of_sheet("Охват детей", first=False),
                [c.header for c in COVERAGE_COLUMNS[1:]],
            ),
        ],
    )

    # The Navigator's workbook.
    files["navigator.xlsx"] = _xlsx(lambda target: write_navigator_workbook(target, user=staff))
    navigator = PrintTitle("Программы для Навигатора", demo)
    checks["navigator.xlsx"] = (
        str(navigator),
        [
            (str(navigator), [f"{f} — {m}" for f, m, _ in NAVIGATOR_PROGRAMS]),
            (
                navigator.of_sheet("Группы", first=False),
                [f"{f} — {m}" for f, m, _ in NAVIGATOR_GROUPS],
            ),
            (navigator.of_sheet("Справочник", first=False), ["Поле", "Код", "Значение"]),
            *(
                (
                    navigator.of_sheet(f"{sheet} — для печати", first=False),
                    [f"{f} — {m}" for f, m, _ in columns if f in NAVIGATOR_PRINTED[sheet]],
                )
                for sheet, columns in (
                    ("Программы", NAVIGATOR_PROGRAMS),
                    ("Группы", NAVIGATOR_GROUPS),
                )
            ),
        ],
    )

    # An organisation's vacancies.
    organisation = (
        Organisation.objects.filter(municipality=demo, published_programs__isnull=False)
        .distinct()
        .first()
    )
    response = client.get(reverse("programs:vacancies_xlsx", args=[organisation.pk]))
    files["vacancies.xlsx"] = response.content
    vacancies = PrintTitle(f"Вакантные места: {organisation.short_name}", demo)
    checks["vacancies.xlsx"] = (
        str(vacancies),
        [(str(vacancies), [c.header for c in VACANCY_COLUMNS])],
    )

    # An import's error report: the file's own header and «Ошибки».
    header = Header(c.header for c in spreadsheets.ORGANISATION_COLUMNS[:6])
    header.row = 2
    errors = ErrorList(
        [RowError(3, "ИНН", "контрольная сумма не сходится: проверьте цифры ИНН")] * 3
    )
    rows = [(3, ["", "МБОУ СОШ с. Каменка", "СОШ Каменка", "Школа", "Образование", "МБОУ"])]
    problems = PrintTitle("Ошибки в файле «organizacii.xlsx»", demo)
    files["errors.xlsx"] = error_report(header, rows, errors, title=problems)
    checks["errors.xlsx"] = (str(problems), [(str(problems), [*header, "Ошибки"])])
    # A programme file's report: 26 columns and their print copy.
    wide = Header(c.header for c in spreadsheets.PROGRAM_COLUMNS if c.importable)
    wide.row = 2
    example = spreadsheets.program_example("МБОУ СОШ с. Каменка (4808000094)")
    rows = [(3, [example.get(name) for name in wide])]
    errors = ErrorList([RowError(3, "Уровень", "такого значения нет")])
    problems = PrintTitle("Ошибки в файле «programmy.xlsx»", demo)
    files["errors-wide.xlsx"] = error_report(wide, rows, errors, title=problems)
    checks["errors-wide.xlsx"] = (
        str(problems),
        [
            (str(problems), [*wide, "Ошибки"]),
            (
                problems.of_sheet("Для печати", first=False),
                ["Организация", "Полное наименование", "Ошибки"],
            ),
        ],
    )

    pdfs = render(soffice, tmp_path, files)
    for name, (first, sheets) in checks.items():
        check_printed(pdfs[name], sheets, first=first)
    # Every print copy is read at 8 pt or more («… лист «Для печати» · …» on its pages).
    copies = {
        name: [
            page
            for page in pdf.pages
            if _sequence(["для", "печати"], [word.lower() for word in _words(page)[:20]])
        ]
        for name, pdf in pdfs.items()
    }
    assert {name for name, pages in copies.items() if pages} == {
        "registry.xlsx",
        "organisations.xlsx",
        "navigator.xlsx",
        "errors-wide.xlsx",
    }
    for name, pages in copies.items():
        if pages:
            assert _median_size(pages) >= 8, name


def _median_size(pages) -> float:
    sizes = sorted(char["size"] for page in pages for char in page.chars)
    return sizes[len(sizes) // 2]


def test_the_registry_s_print_copy_is_read_at_a_readable_size(
    soffice,  # noqa: F811
    tmp_path,
    demo,
):
    """The registry's 30 columns fitted to one page wide print at 2 pt; its print copy, last
    in the file, prints its key columns one landscape page wide at 8 pt or more, under the
    title, every programme on it."""
    staff = User.objects.get(username="moc")
    title = exports.registry_title(staff)
    queryset = exports.program_export_queryset(staff, {})
    data = _xlsx(lambda target: exports.write_program_export(queryset, target, title=title))
    pdf = render(soffice, tmp_path, {"registry.xlsx": data})["registry.xlsx"]
    copy_title = title.of_sheet("Программы — для печати", first=False)
    printed = [c.header for c in spreadsheets.PROGRAM_COLUMNS if c.printed]
    sheets = {
        "data": words(str(title)),
        "copy": words(copy_title),
    }
    pages = {"data": [], "copy": []}
    for page in pdf.pages:
        text = _words(page)
        for name, title_words in sheets.items():
            if _sequence(title_words, text):
                pages[name].append((page, text))
    assert pages["copy"], "no page of the print copy"
    # The data sheet stays as it was, one page wide at its tiny size.
    assert _median_size(page for page, _ in pages["data"]) < 3
    # The copy: landscape A4, each page under the title and the head, one page wide (every
    # heading on every page), at a readable size.
    assert {(round(p.width), round(p.height)) for p, _ in pages["copy"]} == {(842, 595)}
    for page, text in pages["copy"]:
        assert set(words(" ".join(printed))) <= set(text), (page.page_number, text[:60])
        # The title first on the page, above the head.
        assert text[: len(words(copy_title))] == words(copy_title), page.page_number
    assert _median_size(page for page, _ in pages["copy"]) >= 8
    # Every programme of the registry on the copy (a name wrapped in its cell is read with
    # its neighbours' words between its own: each of its words is there).
    body = {word for _, text in pages["copy"] for word in text}
    for name in queryset.values_list("name", flat=True):
        assert set(words(name)) <= body, name

"""The yearly report as an Excel workbook: a sheet per section, figures as numbers."""

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .models import YearlyReport

BOLD = Font(bold=True)


def _sheet(book, title, head, rows, widths):
    sheet = book.create_sheet(title)
    sheet.append(head)
    for cell in sheet[1]:
        cell.font = BOLD
    for row in rows:
        sheet.append(row)
    for column, width in zip("ABCDE", widths, strict=False):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    return sheet


def write_xlsx(report: YearlyReport, target) -> None:
    data = report.data
    book = Workbook()
    cover = book.active
    cover.title = "Отчёт"
    cover.append([f"Отчёт о деятельности МОЦ за {report.academic_year} учебный год"])
    cover["A1"].font = Font(bold=True, size=12)
    cover.append(["Муниципальное образование", report.municipality.name])
    cover.append(["Данные на дату", report.as_of])
    cover["B3"].number_format = "dd.mm.yyyy"
    cover.append(["Версия", report.version])
    cover.append(["Состояние", report.get_state_display()])
    cover.append(["Основные направления деятельности МОЦ", report.directions])
    cover.append(["Перспективы", report.perspectives])
    for row in cover.iter_rows(min_row=6, max_row=7):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    cover.column_dimensions["A"].width = 40
    cover.column_dimensions["B"].width = 90

    organisations = data["organisations"]
    sheet = _sheet(
        book,
        "Организации",
        ["Организации, реализующие программы", "Количество"],
        [[r["label"], r["count"]] for r in organisations["rows"]],
        [50, 14],
    )
    sheet.append(["Всего", organisations["total"]])
    sheet.cell(row=sheet.max_row, column=1).font = BOLD

    programs = data["programs"]
    sheet = _sheet(
        book,
        "Программы",
        ["Опубликованные программы", "Количество"],
        [[f"{r['label']} направленности", r["count"]] for r in programs["by_focus"]],
        [60, 14],
    )
    sheet.append(["Всего", programs["total"]])
    sheet.cell(row=sheet.max_row, column=1).font = BOLD
    sheet.append(["Способствующие самоопределению детей", programs["career"]])
    sheet.append(["Дистанционные программы", programs["distance"]])
    sheet.append(["Программы для детей с ОВЗ", programs["ovz"]])

    plan = data.get("plan")
    if plan:
        sheet = _sheet(
            book,
            "Выполнение плана",
            ["№", "Наименование мероприятия", "Сроки", "Результат", "Статус"],
            [
                [row["section"], None, None, None, None]
                if "section" in row
                else [row["number"], row["title"], row["period"], row["result"], row["status"]]
                for row in plan["rows"]
            ],
            [8, 60, 18, 70, 14],
        )
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")

    assessment = data["assessment"]
    sheet = _sheet(
        book,
        "Оценка качества",
        ["Показатель", "Программ", "Доля, %"],
        [
            ["Опубликовано программ", assessment["published"], None],
            ["Готовы к независимой оценке", assessment["ready"], assessment["ready_percent"]],
            ["Прошли оценку", assessment["assessed"], assessment["assessed_percent"]],
            ["Рекомендованы", assessment["recommended"], assessment["recommended_percent"]],
            ["Плановый показатель, %", None, assessment["target_percent"]],
        ],
        [40, 12, 10],
    )
    book.save(target)

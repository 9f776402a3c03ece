"""Free places of an organisation's published programmes, as the rules for educational
organisations' websites ask: a page, the block an organisation embeds in its own site, JSON
and Excel."""

import io

from csp.decorators import csp_replace
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt

from moc_portal.context_processors import show_municipality
from moc_portal.core import sheet_layout
from moc_portal.core import spreadsheets as sheets
from moc_portal.core.text import dated_filename
from moc_portal.core.views import download

from . import vacancies as vacancy_data
from .cache import cache_public_page
from .models import Organisation


def _vacancies(pk) -> dict:
    organisation = get_object_or_404(
        Organisation.objects.select_related("municipality")
        .filter(published_programs__isnull=False)
        .distinct(),
        pk=pk,
    )
    return vacancy_data.vacancies(organisation)


@cache_public_page
def vacancies(request, pk):
    data = _vacancies(pk)
    show_municipality(request, data["organisation"].municipality)
    embed_url = request.build_absolute_uri(reverse("programs:vacancies_embed", args=[pk]))
    return render(request, "catalogue/vacancies.html", {**data, "embed_url": embed_url})


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
@cache_public_page
def vacancies_embed(request, pk):
    """The block an organisation puts in its own site: <iframe src="…/embed/">."""
    return render(request, "catalogue/vacancies_embed.html", _vacancies(pk))


def vacancies_json(request, pk):
    data = _vacancies(pk)
    url = request.build_absolute_uri(reverse("programs:vacancies", args=[pk]))
    response = JsonResponse(
        vacancy_data.as_json(data, url), json_dumps_params={"ensure_ascii": False}
    )
    response["Access-Control-Allow-Origin"] = "*"  # open data, read by the organisation's site
    return response


def vacancies_xlsx(request, pk):
    data = _vacancies(pk)
    columns = VACANCY_COLUMNS
    rows = ({c.header: c.export_value(row.get(c.source)) for c in columns} for row in data["rows"])
    buffer = io.BytesIO()
    organisation = data["organisation"]
    sheets.write_sheet(
        rows,
        buffer,
        sheet="Вакантные места",
        columns=columns,
        title=sheet_layout.PrintTitle(
            f"Вакантные места: {organisation.short_name}", organisation.municipality
        ),
    )
    return download(buffer, dated_filename(f"vakantnye-mesta-{pk}", "xlsx"))


VACANCY_COLUMNS = [
    sheets.Column("Программа", "program", width=34),
    sheets.Column("Группа", "group", width=18),
    sheets.Column("Возраст", "ages", width=10),
    sheets.Column("Источник финансирования", "funding_title", width=30),
    sheets.Column("Мест в группе", "places", "int", width=9),
    sheets.Column("Вакантных мест", "free_places", "int", width=10),
    sheets.Column("Расписание", "schedule", width=28),
    sheets.Column("Идёт запись", "enrolment_open", "bool", width=8),
]

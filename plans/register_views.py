"""What the year's execution leaves behind: the media plan's register of publications, the
events held, and the files that show an item was done."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from moc_portal.access import staff_required
from moc_portal.core import sheet_layout
from moc_portal.core import spreadsheets as sheets
from moc_portal.core.views import download, service_call, stored_file
from moc_portal.querystring import query_without

from . import selectors, services
from .filters import EventFilter, PublicationFilter
from .forms import EventForm, EvidenceFileForm, PublicationForm
from .models import Channel, Event, EvidenceFile, Plan, Publication
from .views import _item_for

PAGE_SIZE = 30


def _register_page(request, *, records, filter_class, form, template, extra=None):
    items = selectors.register_items(request.user)
    filterset = filter_class(request.GET, queryset=records, items=items)
    return render(
        request,
        template,
        {
            "filter": filterset,
            "page": Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page")),
            "query": query_without(request, "page"),
            "form": form,
            "can_add": request.user.is_centre_staff,
            **(extra or {}),
        },
    )


# --- publications ----------------------------------------------------------------------------


@staff_required
def publication_list(request):
    """The media register: what was published where, and the counts per item of the plan."""
    items = selectors.register_items(request.user)
    form = PublicationForm(request.POST or None, items=items, prefix="new")
    if request.method == "POST" and not request.user.is_centre_staff:
        raise PermissionDenied("Публикации записывают сотрудники МОЦ своего муниципалитета.")
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form, success="Публикация записана.") as call:
            services.publication_save(user=request.user, publication=form.instance)
        if call.ok:
            return redirect(f"{reverse('plans:media')}?{query_without(request)}")
    publications = Publication.objects.select_related("item__plan").managed_by(request.user)
    filtered = PublicationFilter(request.GET, queryset=publications, items=items).qs
    return _register_page(
        request,
        records=publications,
        filter_class=PublicationFilter,
        form=form,
        template="plans/media.html",
        extra={
            "channels": Channel.choices,
            "counts": selectors.publication_counts(filtered),
            "total": filtered.count(),
        },
    )


def _publication_for(request, pk) -> Publication:
    return get_object_or_404(
        Publication.objects.select_related("item__plan").managed_by(request.user), pk=pk
    )


@staff_required
def publication_edit(request, pk):
    publication = _publication_for(request, pk)
    items = selectors.register_items(request.user)
    form = PublicationForm(request.POST or None, instance=publication, items=items)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form, success="Публикация сохранена.") as call:
            services.publication_save(user=request.user, publication=form.instance)
        if call.ok:
            return redirect("plans:media")
    return render(
        request,
        "plans/register_form.html",
        {"form": form, "heading": "Публикация", "back": reverse("plans:media")},
    )


@staff_required
@require_POST
def publication_delete(request, pk):
    services.publication_delete(user=request.user, publication=_publication_for(request, pk))
    messages.success(request, "Публикация удалена из реестра.")
    return redirect("plans:media")


PUBLICATION_COLUMNS = [
    sheets.Column("Дата", "published_on", "date", printed=True, width=12),
    sheets.Column(
        "Канал", "channel", "choice", printed=True, width=18, choices=tuple(Channel.choices)
    ),
    sheets.Column("Заголовок", "title", printed=True, width=60),
    sheets.Column("Ссылка", "url", printed=True, width=40),
    sheets.Column("№ мероприятия", "item__number", width=12),
    sheets.Column("Мероприятие плана", "item__title", printed=True, width=50),
    sheets.Column("План", "item__plan__title", width=40),
]


@staff_required
def publication_export(request):
    """The register as the page filters it, for the media plan's report to the РМЦ."""
    publications = PublicationFilter(
        request.GET,
        queryset=Publication.objects.select_related("item__plan").managed_by(request.user),
        items=selectors.register_items(request.user),
    ).qs.order_by("published_on", "pk")
    buffer = io.BytesIO()
    sheets.write_sheet(
        sheets.export_rows(publications, PUBLICATION_COLUMNS),
        buffer,
        sheet="Публикации",
        columns=PUBLICATION_COLUMNS,
        title=sheet_layout.PrintTitle.of("Реестр публикаций медиаплана", request.user),
    )
    return download(buffer, "publikacii.xlsx")


# --- events ----------------------------------------------------------------------------------


@staff_required
def event_list(request):
    items = selectors.register_items(request.user)
    form = EventForm(request.POST or None, items=items, prefix="new")
    if request.method == "POST" and not request.user.is_centre_staff:
        raise PermissionDenied("События записывают сотрудники МОЦ своего муниципалитета.")
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form, success="Событие записано.") as call:
            services.event_save(user=request.user, event=form.instance)
        if call.ok:
            return redirect(f"{reverse('plans:events')}?{query_without(request)}")
    events = Event.objects.select_related("item__plan").managed_by(request.user)
    filtered = EventFilter(request.GET, queryset=events, items=items).qs
    return _register_page(
        request,
        records=events,
        filter_class=EventFilter,
        form=form,
        template="plans/events.html",
        extra={"totals": filtered.aggregate(events=Count("pk"), people=Sum("participants"))},
    )


def _event_for(request, pk) -> Event:
    return get_object_or_404(
        Event.objects.select_related("item__plan").managed_by(request.user), pk=pk
    )


@staff_required
def event_edit(request, pk):
    event = _event_for(request, pk)
    form = EventForm(
        request.POST or None, instance=event, items=selectors.register_items(request.user)
    )
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form, success="Событие сохранено.") as call:
            services.event_save(user=request.user, event=form.instance)
        if call.ok:
            return redirect("plans:events")
    return render(
        request,
        "plans/register_form.html",
        {"form": form, "heading": "Событие", "back": reverse("plans:events")},
    )


@staff_required
@require_POST
def event_delete(request, pk):
    services.event_delete(user=request.user, event=_event_for(request, pk))
    messages.success(request, "Событие удалено.")
    return redirect("plans:events")


# --- evidence of an item ---------------------------------------------------------------------


@staff_required
def item_evidence(request, pk):
    """Everything that shows the item was done: files, publications, events."""
    item = _item_for(request, pk)
    form = EvidenceFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form, success="Файл добавлен.") as call:
            services.evidence_file_add(user=request.user, item=item, **form.cleaned_data)
        if call.ok:
            return redirect("plans:item_evidence", item.pk)
    return render(
        request,
        "plans/item_evidence.html",
        {
            "item": item,
            "form": form,
            "files": item.files.all(),
            "publications": item.publications.all(),
            "events": item.events.all(),
        },
    )


@staff_required
@require_POST
def evidence_delete(request, pk):
    evidence = get_object_or_404(
        EvidenceFile.objects.select_related("item__plan"),
        pk=pk,
        item__plan__in=Plan.objects.managed_by(request.user),
    )
    services.evidence_file_delete(user=request.user, evidence=evidence)
    messages.success(request, "Файл удалён.")
    return redirect("plans:item_evidence", evidence.item_id)


@login_required
def evidence_download(request, pk):
    """A file goes to its plan's municipality's staff and administrators, never by a public
    address; others who read the plan see that it exists."""
    evidence = get_object_or_404(
        EvidenceFile.objects.select_related("item__plan"),
        pk=pk,
        item__plan__in=Plan.objects.managed_by(request.user),
    )
    if not request.user.manages_municipality(evidence.item.plan.municipality_id):
        raise PermissionDenied(
            "Файлы подтверждения открывают сотрудники МОЦ муниципалитета и администраторы."
        )
    return stored_file(evidence.file)

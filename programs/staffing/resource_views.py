"""The pages of rooms and equipment: an organisation's inventory with its Excel template and
import, the municipality's resource search, the resources of a programme's network partners.
Thin over ``resources`` (changes), ``resource_selectors`` (reads) and ``resource_imports``."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from moc_portal.access import registry_required, staff_required
from moc_portal.core.errors import DomainError
from moc_portal.core.text import dated_filename
from moc_portal.core.views import download, service_call
from moc_portal.querystring import query_without

from ..models import NetworkPartner, Organisation, Program
from . import resource_imports, resource_selectors, resources
from .models import Equipment, PartnerResource, Room
from .resource_forms import (
    EquipmentForm,
    InventoryImportForm,
    PartnerResourceForm,
    ResourceSearchForm,
    RoomForm,
)


def _organisation(request, pk) -> Organisation:
    """An organisation whose inventory the person keeps, else 404."""
    return get_object_or_404(
        Organisation.objects.select_related("municipality").managed_by(request.user), pk=pk
    )


def _page(request, organisation, **forms):
    rooms, equipment = resource_selectors.inventory(organisation)
    context = {
        "organisation": organisation,
        "rooms": rooms,
        "equipment": equipment,
        "kinds": resource_selectors.equipment_by_kind(equipment),
        "room_form": forms.get("room_form") or RoomForm(prefix="room"),
        "equipment_form": forms.get("equipment_form")
        or EquipmentForm(prefix="equipment", organisation=organisation),
        "import_form": forms.get("import_form") or InventoryImportForm(),
        "import_errors": forms.get("import_errors", []),
    }
    return render(request, "staffing/resource_inventory.html", context)


@registry_required
def inventory(request, pk):
    return _page(request, _organisation(request, pk))


@registry_required
@require_POST
def room_create(request, pk):
    organisation = _organisation(request, pk)
    form = RoomForm(request.POST, prefix="room")
    if form.is_valid():
        with service_call(request, form=form, success="Помещение добавлено.") as call:
            resources.room_save(
                user=request.user, organisation=organisation, data=form.cleaned_data
            )
        if call.ok:
            return redirect("staffing:inventory", organisation.pk)
    return _page(request, organisation, room_form=form)


@registry_required
@require_POST
def equipment_create(request, pk):
    organisation = _organisation(request, pk)
    form = EquipmentForm(request.POST, prefix="equipment", organisation=organisation)
    if form.is_valid():
        with service_call(request, form=form, success="Оборудование добавлено.") as call:
            resources.equipment_save(
                user=request.user, organisation=organisation, data=form.cleaned_data
            )
        if call.ok:
            return redirect("staffing:inventory", organisation.pk)
    return _page(request, organisation, equipment_form=form)


@registry_required
def room_edit(request, pk):
    room = get_object_or_404(Room.objects.managed_by(request.user), pk=pk)
    form = RoomForm(request.POST or None, instance=room)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form, success="Помещение сохранено.") as call:
            resources.room_save(
                user=request.user,
                organisation=room.organisation,
                data=form.cleaned_data,
                room=Room.objects.get(pk=room.pk),
            )
        if call.ok:
            return redirect("staffing:inventory", room.organisation_id)
    return render(request, "staffing/room_form.html", {"form": form, "room": room})


@registry_required
def equipment_edit(request, pk):
    item = get_object_or_404(Equipment.objects.managed_by(request.user), pk=pk)
    form = EquipmentForm(request.POST or None, instance=item, organisation=item.organisation)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form, success="Оборудование сохранено.") as call:
            resources.equipment_save(
                user=request.user,
                organisation=item.organisation,
                data=form.cleaned_data,
                equipment=Equipment.objects.get(pk=item.pk),
            )
        if call.ok:
            return redirect("staffing:inventory", item.organisation_id)
    return render(request, "staffing/equipment_form.html", {"form": form, "item": item})


@registry_required
@require_POST
def room_delete(request, pk):
    room = get_object_or_404(Room.objects.managed_by(request.user), pk=pk)
    with service_call(request, success=f"Помещение «{room.name}» удалено."):
        resources.room_delete(user=request.user, room=room)
    return redirect("staffing:inventory", room.organisation_id)


@registry_required
@require_POST
def equipment_delete(request, pk):
    item = get_object_or_404(Equipment.objects.managed_by(request.user), pk=pk)
    with service_call(request, success=f"Оборудование «{item.kind}» удалено."):
        resources.equipment_delete(user=request.user, equipment=item)
    return redirect("staffing:inventory", item.organisation_id)


@registry_required
def inventory_template(request, pk):
    organisation = _organisation(request, pk)
    buffer = resource_imports.template_bytes(user=request.user, organisation=organisation)
    return download(buffer, dated_filename("shablon-pomeshcheniya", "xlsx"))


@registry_required
@require_POST
def inventory_import(request, pk):
    organisation = _organisation(request, pk)
    form = InventoryImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, organisation, import_form=form)
    try:
        counts = resource_imports.import_inventory(
            user=request.user, organisation=organisation, data=form.cleaned_data["file"].read()
        )
    except resource_imports.InventoryImportError as error:
        form.add_error(None, str(error))
        return _page(request, organisation, import_form=form, import_errors=error.errors)
    except (DomainError, ValidationError) as error:  # the file itself, or a row the rules refuse
        form.add_error(None, getattr(error, "messages", None) or str(error))
        return _page(request, organisation, import_form=form)
    messages.success(
        request,
        f"Загружено: помещений — {counts['rooms']}, строк оборудования — {counts['equipment']}.",
    )
    return redirect("staffing:inventory", organisation.pk)


@staff_required
def resource_search(request):
    form = ResourceSearchForm(request.GET or None, user=request.user)
    query = resource_selectors.SearchQuery()
    if form.is_valid():
        data = form.cleaned_data
        municipality = data.get("municipality")
        query = resource_selectors.SearchQuery(
            text=data["q"],
            municipality=municipality.pk if municipality else None,
            settlement=data["settlement"].pk if data["settlement"] else None,
            room_kind=data["room_kind"],
            accessible=data["accessible"],
        )
    search = resource_selectors.ResourceSearch(request.user, query)
    page = Paginator(search.organisations(), resource_selectors.SEARCH_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "staffing/resource_search.html",
        {
            "form": form,
            "searched": not query.empty,
            "page": page,
            "results": search.results(page.object_list),
            "query": query_without(request, "page"),
        },
    )


# --- network partners ------------------------------------------------------------------------


def _program(request, pk) -> Program:
    return get_object_or_404(
        Program.objects.select_related("organisation").managed_by(request.user), pk=pk
    )


@registry_required
def partner_resources(request, pk):
    program = _program(request, pk)
    partners = resource_selectors.partners_with_resources(program)
    for partner in partners:
        partner.organisation = resources.partner_organisation(partner)
        if partner.organisation is not None:
            partner.form = PartnerResourceForm(
                prefix=f"p{partner.pk}", organisation=partner.organisation
            )
    return render(
        request,
        "staffing/resource_partners.html",
        {"program": program, "partners": partners},
    )


@registry_required
@require_POST
def partner_resource_add(request, pk):
    partner = get_object_or_404(
        NetworkPartner.objects.select_related("program__organisation").filter(
            program__in=Program.objects.managed_by(request.user)
        ),
        pk=pk,
    )
    organisation = resources.partner_organisation(partner)
    form = PartnerResourceForm(request.POST, prefix=f"p{partner.pk}", organisation=organisation)
    if form.is_valid():
        with service_call(request, success="Ресурс партнёра указан."):
            resources.partner_resource_add(
                user=request.user,
                partner=partner,
                room=form.cleaned_data["room"],
                equipment=form.cleaned_data["equipment"],
            )
    else:
        messages.error(request, "Выберите помещение или оборудование из списка партнёра.")
    return redirect("staffing:partner_resources", partner.program_id)


@registry_required
@require_POST
def partner_resource_remove(request, pk):
    resource = get_object_or_404(
        PartnerResource.objects.select_related("partner__program").filter(
            partner__program__in=Program.objects.managed_by(request.user)
        ),
        pk=pk,
    )
    with service_call(request, success="Ресурс партнёра убран."):
        resources.partner_resource_remove(user=request.user, resource=resource)
    return redirect("staffing:partner_resources", resource.partner.program_id)

"""Teachers' pages: thin interfaces over ``services`` and ``selectors``. Every page answers
404 for a teacher or an organisation the person does not keep (``managed_by``)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from moc_portal.access import registry_required
from moc_portal.core.views import service_call
from moc_portal.querystring import query_without
from moc_portal.users.audit import personal_data_event
from moc_portal.users.models import PersonalDataAction

from ..models import Organisation
from . import selectors, services
from .forms import TeacherForm
from .matching import FREE_TEXT_HELP
from .models import Teacher

PAGE_SIZE = 50


def _organisation(request, pk) -> Organisation:
    return get_object_or_404(Organisation.objects.managed_by(request.user), pk=pk)


def _teacher(request, pk) -> Teacher:
    teacher = selectors.teacher_for(request.user, pk)
    if teacher is None:
        raise Http404("Педагог не найден.")
    return teacher


def _list_page(request, *, organisation=None):
    filterset = selectors.teacher_list(
        user=request.user, filters=request.GET, organisation=organisation
    )
    if organisation is not None:
        del filterset.form.fields["organisation"]
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "staffing/teacher_list.html",
        {
            "filter": filterset,
            "page": page,
            "query": query_without(request, "page"),
            "organisation": organisation,
            "matching_help": FREE_TEXT_HELP,
        },
    )


@registry_required
def teacher_list(request):
    """The municipality's teachers for its staff (every one for an administrator); a
    coordinator sees their organisations' ones."""
    return _list_page(request)


@registry_required
def organisation_teachers(request, pk):
    return _list_page(request, organisation=_organisation(request, pk))


@registry_required
def teacher_create(request, pk):
    organisation = _organisation(request, pk)
    form = TeacherForm(request.POST or None, instance=Teacher(organisation=organisation))
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form, success="Педагог добавлен в список.") as call:
            teacher = services.teacher_save(user=request.user, teacher=form.instance)
        if call.ok:
            return redirect("staffing:teacher", teacher.pk)
    return render(
        request, "staffing/teacher_form.html", {"form": form, "organisation": organisation}
    )


@registry_required
def teacher_detail(request, pk):
    teacher = _teacher(request, pk)
    personal_data_event(
        actor=request.user,
        action=PersonalDataAction.VIEWED,
        subject=f"Педагог {teacher.short_name}, {teacher.organisation.short_name}",
        municipality_id=teacher.organisation.municipality_id,
    )
    return render(
        request,
        "staffing/teacher_detail.html",
        {
            "teacher": teacher,
            "organisation": teacher.organisation,
            "teachings": selectors.teacher_groups(teacher),
        },
    )


@registry_required
def teacher_edit(request, pk):
    teacher = _teacher(request, pk)
    form = TeacherForm(request.POST or None, instance=teacher, seen=services.teacher_seen(teacher))
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form, success="Сведения о педагоге сохранены.") as call:
            services.teacher_save(user=request.user, teacher=form.instance, seen=form.seen)
        if call.ok:
            return redirect("staffing:teacher", pk)
    return render(
        request,
        "staffing/teacher_form.html",
        {"form": form, "organisation": teacher.organisation, "teacher": teacher},
    )

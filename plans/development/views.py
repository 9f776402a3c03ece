"""Teachers' growth: who needs a course, a teacher's record and courses with certificates,
the registrations for methodical events and their attendance, the teachers' import."""

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from moc_portal.access import registry_required
from moc_portal.core.text import dated_filename
from moc_portal.core.uploads import ImportFileError
from moc_portal.core.views import download, service_call, stored_file
from programs.filters import MAX_ID
from programs.models import Municipality, Organisation
from programs.staffing.models import Teacher

from . import imports, selectors, services
from .forms import CourseForm, TeachersImportForm
from .models import Course


def _teacher_for(request, pk) -> Teacher:
    return get_object_or_404(
        Teacher.objects.managed_by(request.user).select_related("organisation__municipality"),
        pk=pk,
    )


def _course_for(request, pk) -> Course:
    return get_object_or_404(
        Course.objects.managed_by(request.user).select_related("teacher__organisation"), pk=pk
    )


# --- who needs a course ------------------------------------------------------------------


@registry_required
def due_list(request):
    """«Повышение квалификации»: the person's teachers overdue or due this year (an
    administrator's across municipalities, one of them when chosen)."""
    teachers = Teacher.objects.managed_by(request.user)
    municipalities = []
    chosen = request.GET.get("municipality", "")
    if request.user.is_administrator:
        municipalities = Municipality.objects.order_by("name")
        if chosen.isdigit() and int(chosen) <= MAX_ID:
            teachers = teachers.filter(organisation__municipality_id=chosen)
    due = selectors.due_teachers(teachers)
    return render(
        request,
        "development/due.html",
        {
            "due": due,
            "counts": selectors.due_counts(due),
            "interval": selectors.interval_years(),
            "municipalities": municipalities,
            "chosen": chosen,
            "organisation": None,
        },
    )


@registry_required
def organisation_due(request, pk):
    organisation = get_object_or_404(Organisation.objects.managed_by(request.user), pk=pk)
    due = selectors.due_teachers(Teacher.objects.filter(organisation=organisation))
    return render(
        request,
        "development/due.html",
        {
            "due": due,
            "counts": selectors.due_counts(due),
            "interval": selectors.interval_years(),
            "organisation": organisation,
        },
    )


# --- a teacher's record and courses ------------------------------------------------------


@registry_required
def teacher_record(request, pk):
    teacher = _teacher_for(request, pk)
    return render(
        request,
        "development/teacher.html",
        {"teacher": teacher, **selectors.teacher_record(teacher)},
    )


def _course_page(request, course: Course, heading: str):
    form = CourseForm(request.POST or None, request.FILES or None, instance=course)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form, success="Курс сохранён.") as call:
            services.course_save(user=request.user, course=form.instance)
        if call.ok:
            return redirect("development:teacher", course.teacher_id)
    return render(
        request,
        "development/course_form.html",
        {"form": form, "teacher": course.teacher, "heading": heading},
    )


@registry_required
def course_add(request, pk):
    teacher = _teacher_for(request, pk)
    return _course_page(request, Course(teacher=teacher), "Новый курс")


@registry_required
def course_edit(request, pk):
    return _course_page(request, _course_for(request, pk), "Курс")


@registry_required
@require_POST
def course_delete(request, pk):
    course = _course_for(request, pk)
    services.course_delete(user=request.user, course=course)
    messages.success(request, "Курс удалён.")
    return redirect("development:teacher", course.teacher_id)


@registry_required
def certificate(request, pk):
    """The certificate goes only to the teacher's organisation's coordinators, the
    municipality's staff and administrators."""
    course = _course_for(request, pk)
    services.check_keeps_teacher(request.user, course.teacher)
    if not course.certificate:
        raise Http404("Файл удостоверения не загружен.")
    return stored_file(course.certificate)


# --- the teachers' import ----------------------------------------------------------------


def _import_organisations(user):
    return list(Organisation.objects.managed_by(user).order_by("short_name", "inn"))


@registry_required
def teachers_import(request):
    organisations = _import_organisations(request.user)
    staff = request.user.manages_registry
    form = TeachersImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        organisation = None
        if not staff:
            chosen = request.POST.get("organisation", "")
            organisation = next((o for o in organisations if str(o.pk) == chosen), None)
            if organisation is None:
                raise PermissionDenied("Выберите свою организацию.")
        try:
            result = imports.teachers_import(
                form.cleaned_data["file"].read(), user=request.user, organisation=organisation
            )
        except ImportFileError as error:
            form.add_error("file", str(error))
        if result and not result.errors:
            messages.success(
                request,
                f"Загружено: новых педагогов — {result.created}, обновлено — {result.updated}, "
                f"курсов добавлено — {result.courses}.",
            )
            return redirect("development:import")
    return render(
        request,
        "development/import.html",
        {"form": form, "result": result, "organisations": organisations, "staff": staff},
    )


@registry_required
def import_template(request):
    buffer = io.BytesIO()
    imports.write_template(
        buffer, user=request.user, organisations=_import_organisations(request.user)
    )
    return download(buffer, dated_filename("shablon-pedagogi", "xlsx"))

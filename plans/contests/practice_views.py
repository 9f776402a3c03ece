"""The bank of best practices: the public list (search, filters, pages) and a practice's page
with its files; the staff's desk to add a practice found elsewhere, change, delete, attach
files, and publish chosen entries of a fixed contest of works and practices."""

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.views.decorators.http import require_POST

from moc_portal.access import centre_staff_required, staff_required
from moc_portal.context_processors import show_municipality
from moc_portal.core.forms import BootstrapFormMixin
from moc_portal.core.views import service_call
from moc_portal.querystring import query_without
from programs.choices import Focus
from programs.models import Organisation

from . import practices
from .models import Contest, ContestAudience, Practice, PracticeFile

PER_PAGE = 12


class PracticeForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Practice
        fields = [
            "title",
            "description",
            "organisation",
            "organisation_name",
            "authors",
            "focus",
            "year",
            "source",
            "is_published",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, municipality_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            municipality_id=municipality_id
        )
        self.fields["organisation"].required = False


class PracticeFileForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label="Название файла", max_length=255, required=False)
    file = forms.FileField(label="Файл")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.PORTAL_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                f"Файл больше {filesizeformat(settings.PORTAL_UPLOAD_MAX_BYTES)}: "
                "уменьшите его и загрузите снова."
            )
        return upload


# --- public ----------------------------------------------------------------------------------


def _year(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) == 4 else None


def practice_list(request):
    found = practices.published_practices()
    organisation = None
    wanted = request.GET.get("organisation", "")
    if wanted.isdigit() and len(wanted) < 10:
        organisation = Organisation.objects.filter(pk=wanted).first()
    words = request.GET.get("q", "").strip()[:200]
    focus = request.GET.get("focus", "")
    focus = focus if focus in Focus.values else ""
    year = _year(request.GET.get("year", ""))
    found = practices.search(found, words=words, focus=focus, year=year, organisation=organisation)
    published = practices.published_practices()
    return render(
        request,
        "contests/practices/list.html",
        {
            "page": Paginator(found, PER_PAGE).get_page(request.GET.get("page")),
            "query": query_without(request, "page"),
            "q": words,
            "focus": focus,
            "year": year,
            "organisation": organisation,
            "focuses": Focus.choices,
            "years": published.order_by("-year").values_list("year", flat=True).distinct(),
            "organisations": Organisation.objects.filter(
                pk__in=published.exclude(organisation=None).values("organisation")
            ).order_by("short_name", "full_name"),
        },
    )


def _visible(request, pk) -> Practice:
    """A published practice, or an unpublished one for the staff who keep it."""
    practice = get_object_or_404(Practice.objects.select_related("organisation"), pk=pk)
    if not practice.is_published and not (
        request.user.is_authenticated
        and request.user.manages_municipality(practice.municipality_id)
    ):
        raise Http404("Нет такой практики.")
    show_municipality(request, practice.municipality)
    return practice


def practice_detail(request, pk):
    practice = _visible(request, pk)
    return render(
        request,
        "contests/practices/detail.html",
        {
            "practice": practice,
            "files": practice.files.all(),
            "can_edit": request.user.is_authenticated
            and request.user.manages_municipality(practice.municipality_id),
        },
    )


def practice_file(request, pk):
    attached = get_object_or_404(PracticeFile, pk=pk)
    _visible(request, attached.practice_id)
    try:
        handle = attached.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("Файл не найден.") from error
    extension = attached.file.name.rsplit(".", 1)[-1].lower()
    name = f"{attached.title[:120]}.{extension}".replace("/", "-")
    return FileResponse(handle, as_attachment=True, filename=name)


# --- the staff's desk --------------------------------------------------------------------------


@staff_required
def manage_list(request):
    kept = Practice.objects.managed_by(request.user).select_related("organisation")
    kept = practices.search(kept, words=request.GET.get("q", "").strip()[:200])
    works = Contest.objects.managed_by(request.user).filter(
        audience=ContestAudience.WORKS, results_fixed_at__isnull=False
    )
    return render(
        request,
        "contests/practices/manage.html",
        {
            "page": Paginator(kept, 30).get_page(request.GET.get("page")),
            "query": query_without(request, "page"),
            "q": request.GET.get("q", ""),
            "contests": works,
            "can_create": request.user.is_centre_staff,
        },
    )


def _kept(request, pk) -> Practice:
    return get_object_or_404(Practice.objects.managed_by(request.user), pk=pk)


@centre_staff_required
def practice_create(request):
    return _practice_form(request, Practice(municipality=request.user.municipality))


@staff_required
def practice_edit(request, pk):
    return _practice_form(request, _kept(request, pk))


def _practice_form(request, practice: Practice):
    form = PracticeForm(
        request.POST or None, instance=practice, municipality_id=practice.municipality_id
    )
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form, success="Практика сохранена.") as call:
            practice = practices.practice_save(user=request.user, practice=form.save(commit=False))
        if call.ok:
            return redirect("contests_public:practice_manage", practice.pk)
    return render(
        request,
        "contests/practices/form.html",
        {"form": form, "practice": practice if practice.pk else None},
    )


@staff_required
def practice_manage(request, pk):
    practice = _kept(request, pk)
    form = PracticeFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with service_call(request, form=form, success="Файл добавлен.") as call:
            practices.practice_file_add(
                user=request.user,
                practice=practice,
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
            )
        if call.ok:
            return redirect("contests_public:practice_manage", practice.pk)
    return render(
        request,
        "contests/practices/files.html",
        {"practice": practice, "files": practice.files.all(), "form": form},
    )


@staff_required
@require_POST
def practice_file_delete(request, pk):
    attached = get_object_or_404(
        PracticeFile.objects.filter(practice__in=Practice.objects.managed_by(request.user)), pk=pk
    )
    with service_call(request, success="Файл удалён."):
        practices.practice_file_delete(user=request.user, practice_file=attached)
    return redirect("contests_public:practice_manage", attached.practice_id)


@staff_required
@require_POST
def practice_delete(request, pk):
    practice = _kept(request, pk)
    with service_call(request, success="Практика удалена из банка."):
        practices.practice_delete(user=request.user, practice=practice)
    return redirect("contests_public:manage")


@centre_staff_required
def contest_practices(request, pk):
    """A fixed contest of works: staff tick the entries to publish as practices."""
    contest = get_object_or_404(
        Contest.objects.managed_by(request.user).filter(audience=ContestAudience.WORKS), pk=pk
    )
    if request.method == "POST":
        done = "Выбранные работы опубликованы в банке практик."
        with service_call(request, success=done) as call:
            practices.practices_from_contest(
                user=request.user, contest=contest, entry_ids=request.POST.getlist("entry")
            )
        if call.ok:
            return redirect("contests_public:manage")
    return render(
        request,
        "contests/practices/from_contest.html",
        {"contest": contest, "entries": practices.publishable_entries(contest)},
    )

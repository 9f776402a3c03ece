"""The public's forms: a question to the hotline, a parent's wish, both under the consent the
privacy page shows, and limited per address."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from moc_portal.core import limits
from moc_portal.core.forms import apply_validation_error
from programs.context_processors import page_municipality

from . import selectors, services
from .forms import QuestionForm, WishForm


def _over_limit(request, group: str, rate: str, message: str) -> bool:
    """A public form sent too often from one address: said on the page, nothing kept."""
    if limits.seconds_to_wait(request, group=group, rate=rate):
        messages.error(request, message)
        return True
    return False


def hotline(request):
    form = QuestionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_spam:  # a robot filled the hidden field: thank it and keep nothing
            return redirect("portal:hotline_thanks")
        if _over_limit(
            request,
            "hotline",
            settings.HOTLINE_RATE_LIMIT,
            "С этого адреса только что отправили несколько вопросов. Подождите час и "
            "отправьте снова или позвоните на горячую линию.",
        ):
            status = 429
        elif form.is_valid():
            try:
                services.question_ask(
                    question=form.save(commit=False), consent=form.cleaned_data["consent"]
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                return redirect("portal:hotline_thanks")
    return render(
        request,
        "portal/hotline.html",
        {
            "form": form,
            "consent_text": services.consent_text(page_municipality(request)),
            "faq": selectors.faq_public(),
        },
        status=status,
    )


def wish(request):
    """«Какой кружок нужен вашему ребёнку?»: demand beside the supply the staff see."""
    municipality = page_municipality(request)
    form = WishForm(request.POST or None, municipality=municipality)
    status = 200
    if request.method == "POST":
        if form.is_spam:  # a robot filled the hidden field: thank it and keep nothing
            return redirect("portal:wish_thanks")
        if _over_limit(
            request,
            "wish",
            settings.WISH_RATE_LIMIT,
            "С этого адреса только что отправили несколько ответов. Подождите час и "
            "отправьте снова.",
        ):
            status = 429
        elif form.is_valid():
            try:
                saved = services.wish_save(data=form.cleaned_data)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                answer = "1" if saved.question_id else ""
                return redirect(f"{reverse('portal:wish_thanks')}?answer={answer}")
    return render(
        request,
        "portal/wish.html",
        {"form": form, "consent_text": services.consent_text(municipality)},
        status=status,
    )


def wish_thanks(request):
    return render(request, "portal/wish_thanks.html", {"answer": request.GET.get("answer") == "1"})


def hotline_thanks(request):
    return render(request, "portal/hotline_thanks.html")


def privacy(request):
    return render(
        request,
        "portal/privacy.html",
        {
            "consent_text": services.consent_text(page_municipality(request)),
            "retention_days": settings.HOTLINE_RETENTION_DAYS,
        },
    )

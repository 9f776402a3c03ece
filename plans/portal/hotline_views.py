"""The public's forms: a question to the hotline, a parent's wish, both under the consent the
privacy page shows, and limited per address."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from moc_portal.core import limits
from moc_portal.core.forms import apply_validation_error
from programs.context_processors import page_municipality

from . import selectors, services
from .forms import QuestionForm, WishForm


@dataclass(frozen=True)
class PublicForm:
    """How a public form is taken: its limit per address and what the page says over it."""

    group: str
    rate_setting: str  # read when the form is sent: the limit may change with the settings
    too_often: str
    thanks: str  # the URL name a robot is thanked with


HOTLINE = PublicForm(
    "hotline",
    "HOTLINE_RATE_LIMIT",
    "С этого адреса только что отправили несколько вопросов. Подождите час и отправьте снова "
    "или позвоните на горячую линию.",
    "portal:hotline_thanks",
)
WISH = PublicForm(
    "wish",
    "WISH_RATE_LIMIT",
    "С этого адреса только что отправили несколько ответов. Подождите час и отправьте снова.",
    "portal:wish_thanks",
)


def take(request, form, rules: PublicForm, save) -> tuple[HttpResponse | None, int]:
    """The one way the public's forms are taken: a robot (the hidden field filled) is thanked
    and nothing kept; an address over its limit is told to wait (429); a valid form goes to
    ``save``, which returns where to go next, and a refusal lands on the form's fields."""
    if request.method != "POST":
        return None, 200
    if form.is_spam:
        return redirect(rules.thanks), 200
    if limits.seconds_to_wait(
        request, group=rules.group, rate=getattr(settings, rules.rate_setting)
    ):
        messages.error(request, rules.too_often)
        return None, 429
    if form.is_valid():
        try:
            return redirect(save(form)), 200
        except ValidationError as error:
            apply_validation_error(form, error)
    return None, 200


def _question_save(form) -> str:
    services.question_ask(question=form.save(commit=False), consent=form.cleaned_data["consent"])
    return reverse("portal:hotline_thanks")


def hotline(request):
    form = QuestionForm(request.POST or None)
    done, status = take(request, form, HOTLINE, _question_save)
    if done:
        return done
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


def _wish_save(form) -> str:
    wish = services.wish_save(data=form.cleaned_data)
    answer = "1" if hasattr(wish, "question") else ""
    return f"{reverse('portal:wish_thanks')}?answer={answer}"


def wish(request):
    """«Какой кружок нужен вашему ребёнку?»: demand beside the supply the staff see."""
    municipality = page_municipality(request)
    form = WishForm(request.POST or None, municipality=municipality)
    done, status = take(request, form, WISH, _wish_save)
    if done:
        return done
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

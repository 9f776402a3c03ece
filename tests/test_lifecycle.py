"""core.lifecycle: one table of transitions decides who may take which step from which state,
what the refusal says, and which buttons a page draws."""

from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied
from django.template import Context, Template
from django.test import RequestFactory

from moc_portal.core.errors import DomainError
from moc_portal.core.lifecycle import Lifecycle, Transition


class LetterError(DomainError):
    pass


@dataclass
class Letter:
    pk: int
    state: str
    author: str
    post_open: bool = True

    def get_state_display(self):
        return {"draft": "черновик", "sent": "отправлено", "read": "прочитано"}[self.state]


@dataclass
class Person:
    name: str
    is_clerk: bool = False


def _author(user, letter):
    return user.name == letter.author


def _clerk(user, letter):
    return user.is_clerk


LETTER = Lifecycle(
    state_field="state",
    transitions=(
        Transition(
            "send",
            frozenset({"draft"}),
            "sent",
            "Отправить",
            may=_author,
            guard=lambda letter: "" if letter.post_open else "Почта закрыта.",
        ),
        Transition(
            "return",
            frozenset({"sent"}),
            "draft",
            "Вернуть автору",
            may=_clerk,
            comment_required=True,
            comment_refusal="Напишите, что исправить.",
            denied="Возвращает письма только делопроизводитель.",
            style="btn-warning",
        ),
        Transition(
            "file",
            frozenset({"sent", "read"}),
            None,
            "В папку",
            may=_clerk,
            refusal={"draft": "Черновик в папку не кладут."},
            aria_label="Положить в папку письмо {obj.pk}",
            fields=(("folder", "1"),),
        ),
        Transition("edit", frozenset({"draft"}), None, "Изменить", may=_author, button=False),
    ),
    error=LetterError,
    denied="Это не ваше письмо.",
    refusal="Действие недоступно: письмо в состоянии «{state}».",
    url=lambda letter, step: f"/letters/{letter.pk}/{step.name}/",
)

ANNA = Person("Анна")
CLERK = Person("Борис", is_clerk=True)


def _names(steps):
    return [step.name for step in steps]


def test_allowed_steps_follow_state_and_person_in_the_table_order():
    assert _names(LETTER.allowed(ANNA, Letter(1, "draft", "Анна"))) == ["send", "edit"]
    assert _names(LETTER.allowed(CLERK, Letter(1, "draft", "Анна"))) == []
    assert _names(LETTER.allowed(CLERK, Letter(1, "sent", "Анна"))) == ["return", "file"]
    assert _names(LETTER.allowed(ANNA, Letter(1, "sent", "Анна"))) == []


def test_a_guard_hides_the_step_and_refuses_with_its_text():
    closed = Letter(1, "draft", "Анна", post_open=False)
    assert _names(LETTER.allowed(ANNA, closed)) == ["edit"]
    with pytest.raises(LetterError, match="Почта закрыта."):
        LETTER.check(ANNA, closed, "send")


def test_the_person_is_refused_with_403_before_the_state_is_looked_at():
    with pytest.raises(PermissionDenied, match="Это не ваше письмо."):
        LETTER.check(CLERK, Letter(1, "read", "Анна"), "send")
    with pytest.raises(PermissionDenied, match="только делопроизводитель"):
        LETTER.check(ANNA, Letter(1, "sent", "Анна"), "return")


def test_refusals_name_the_state_or_say_what_the_step_says_for_it():
    refused = "^Действие недоступно: письмо в состоянии «отправлено».$"
    with pytest.raises(LetterError, match=refused):
        LETTER.check(ANNA, Letter(1, "sent", "Анна"), "send")
    with pytest.raises(LetterError, match="^Черновик в папку не кладут.$"):
        LETTER.check(CLERK, Letter(1, "draft", "Анна"), "file")


def test_a_step_that_needs_a_comment_refuses_a_blank_one():
    sent = Letter(1, "sent", "Анна")
    with pytest.raises(LetterError, match="Напишите, что исправить."):
        LETTER.check(CLERK, sent, "return", comment="   ")
    step = LETTER.check(CLERK, sent, "return", comment="Нет подписи")
    assert (step.name, step.target) == ("return", "draft")


def test_buttons_leave_out_steps_made_on_forms_and_carry_their_url():
    buttons = LETTER.buttons(ANNA, Letter(7, "draft", "Анна"))
    assert [(b.transition.name, b.url) for b in buttons] == [("send", "/letters/7/send/")]
    (file,) = LETTER.buttons(CLERK, Letter(7, "read", "Анна"))
    assert file.aria_label == "Положить в папку письмо 7"


def test_two_steps_of_one_name_are_refused():
    step = Transition("send", frozenset({"draft"}), "sent", "Отправить")
    with pytest.raises(ValueError):
        Lifecycle(state_field="state", transitions=(step, step))


def _render(user, letter, extra=""):
    request = RequestFactory().get("/")
    request.user = user
    template = Template(
        "{% load lifecycle %}{% lifecycle_buttons lifecycle letter " + extra + " %}"
    )
    return template.render(
        Context({"request": request, "lifecycle": LETTER, "letter": letter, "csrf_token": "t0k"})
    )


def test_each_button_is_a_post_form_with_csrf_to_its_url():
    html = _render(CLERK, Letter(7, "read", "Анна"))
    assert '<form method="post" action="/letters/7/file/" data-step="file">' in html
    assert 'name="csrfmiddlewaretoken" value="t0k"' in html
    assert '<input type="hidden" name="folder" value="1">' in html
    assert 'aria-label="Положить в папку письмо 7">В папку</button>' in html


def test_a_step_with_a_comment_opens_a_form_with_a_required_comment():
    html = _render(CLERK, Letter(7, "sent", "Анна"), 'next="queue"')
    assert 'data-bs-target="#return-form"' in html and ">Вернуть автору</button>" in html
    assert '<div class="collapse mt-3" id="return-form">' in html
    assert 'name="comment" rows="4" id="return-form-comment" required' in html
    assert '<input type="hidden" name="next" value="queue">' in html
    compact = _render(CLERK, Letter(7, "sent", "Анна"), "compact=True")
    assert 'id="return-form-7" name="comment"' in compact and "collapse" not in compact


def test_no_buttons_no_markup():
    assert _render(CLERK, Letter(7, "draft", "Анна")).strip() == ""

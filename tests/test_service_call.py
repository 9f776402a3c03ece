"""``service_call``: the one way a view shows a service's refusal."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from moc_portal.core.errors import DomainError
from moc_portal.core.views import service_call


class TitleForm(forms.Form):
    title = forms.CharField()


@pytest.fixture
def request_():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def shown(request) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in get_messages(request)]


def test_a_call_that_goes_through_shows_its_success(request_):
    with service_call(request_, success="Сохранено.") as call:
        pass
    assert call.ok
    assert shown(request_) == [("success", "Сохранено.")]


def test_a_refusal_without_a_form_becomes_a_message(request_):
    with service_call(request_, success="Сохранено.") as call:
        raise DomainError("План утверждён: его содержание менять нельзя.")
    assert not call.ok
    assert shown(request_) == [("danger", "План утверждён: его содержание менять нельзя.")]


def test_a_refusal_with_a_form_goes_on_the_form(request_):
    form = TitleForm({"title": "План"})
    assert form.is_valid()
    with service_call(request_, form=form, success="Сохранено.") as call:
        raise DomainError("Кампания уже идёт.")
    assert not call.ok
    assert form.non_field_errors() == ["Кампания уже идёт."]
    assert shown(request_) == []


def test_a_validation_error_goes_on_its_field(request_):
    form = TitleForm({"title": "План"})
    assert form.is_valid()
    with service_call(request_, form=form) as call:
        raise ValidationError({"title": "Такой план уже есть."})
    assert not call.ok
    assert form.errors == {"title": ["Такой план уже есть."]}


def test_a_validation_error_without_a_form_becomes_a_message(request_):
    with service_call(request_) as call:
        raise ValidationError(["Укажите дату.", "Укажите место."])
    assert not call.ok
    assert shown(request_) == [("danger", "Укажите дату. Укажите место.")]


def test_permission_denied_and_other_errors_pass_through(request_):
    with pytest.raises(PermissionDenied), service_call(request_):
        raise PermissionDenied("Нет доступа.")
    with pytest.raises(KeyError), service_call(request_):
        raise KeyError("x")
    assert shown(request_) == []

"""Monitoring forms: formulas over the data and over entered values, refused formulas, frozen
fills."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from moc_portal.users.models import User
from reports import formulas, monitoring, services
from reports.models import Indicator, MonitoringFill, MonitoringForm
from tests.helpers import seen


def test_formulas_are_arithmetic_only():
    assert formulas.evaluate("100 * a / b", {"a": 3, "b": 4}) == 75
    assert formulas.evaluate("a / b", {"a": 1, "b": 0}) is None
    assert formulas.evaluate("-(a - 2)", {"a": 5}) == -3
    for bad in ["__import__('os')", "a ** 2", "a if b else c", "a.b", "'x'", "[a]"]:
        with pytest.raises(formulas.FormulaError):
            formulas.evaluate(bad, {"a": 1, "b": 2, "c": 3, "open": 1})


@pytest.fixture
def form(municipality):
    return MonitoringForm.objects.create(municipality=municipality, title="Мониторинг")


def _indicator(staff, form, code, kind="formula", formula=""):
    return monitoring.indicator_save(
        user=staff,
        indicator=Indicator(form=form, code=code, title=code, kind=kind, formula=formula),
    )


def test_indicator_formulas_are_checked_with_reasons(form, staff, staff_other):
    _indicator(staff, form, "a", kind="manual")
    with pytest.raises(ValidationError, match="Неизвестный код: nobody"):
        _indicator(staff, form, "b", formula="a + nobody")
    with pytest.raises(ValidationError, match="сам от себя"):
        _indicator(staff, form, "c", formula="c + 1")
    _indicator(staff, form, "d", formula="a * 2")
    with pytest.raises(ValidationError, match="занят данными портала"):
        _indicator(staff, form, "programs_total", formula="1")
    with pytest.raises(ValidationError, match="ошибкой"):
        _indicator(staff, form, "e", formula="(a + ")
    with pytest.raises(Exception, match="сотрудники МОЦ"):
        _indicator(staff_other, form, "f", formula="a")


def test_demo_form_reproduces_seed_002_and_the_coverage_indicator(client, demo):
    fill = MonitoringFill.objects.get()
    assert fill.values["organisations"] == 17
    assert fill.values["programs"] == 163
    assert fill.values["focus_technical"] == 37
    assert (fill.values["career"], fill.values["distance"], fill.values["ovz"]) == (6, 1, 8)
    assert fill.values["coverage_5_18"] == 75.8  # 100 × 3690 / 4870
    staff = User.objects.get(username="moc")
    client.force_login(staff)
    page = client.get(reverse("reports:monitoring_fill", args=[fill.pk])).content.decode()
    assert "75,8" in page and "Успех каждого ребёнка" in page
    url = reverse("reports:monitoring_fill", args=[fill.pk])
    client.post(url, {"children_5_18": "5000", "enrolled_5_18": "4000", **seen(client, url)})
    fill.refresh_from_db()
    assert fill.values["coverage_5_18"] == 80.0
    client.post(reverse("reports:monitoring_fill", args=[fill.pk]), {"submit": "1"})
    fill.refresh_from_db()
    assert fill.state == "submitted"
    with pytest.raises(services.ReportError, match="сдана"):
        monitoring.fill_inputs_save(user=staff, fill=fill, inputs={"children_5_18": 1})


def test_a_fill_cannot_be_submitted_without_the_entered_values(form, staff):
    _indicator(staff, form, "children", kind="manual")
    _indicator(staff, form, "share", formula="100 * programs_total / children")
    fill = monitoring.fill_create(
        user=staff, form=form, period_label="2025", as_of=timezone.localdate()
    )
    assert fill.values == {"children": None, "share": None}
    with pytest.raises(services.ReportError, match="children"):
        monitoring.fill_submit(user=staff, fill=fill)

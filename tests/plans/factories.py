"""The plans' objects: a work plan and its items."""

from datetime import date

import factory

from plans.models import Plan, PlanItem, PlanKind
from tests.programs.factories import MunicipalityFactory


class PlanFactory(factory.django.DjangoModelFactory):
    """A draft work plan of the 2025/2026 academic year; ``signed=True`` fills both approval
    blocks (a plan cannot be agreed or approved without them)."""

    class Meta:
        model = Plan

    class Params:
        signed = factory.Trait(
            agreed_post="Начальник управления образования",
            agreed_name="Л.О. Бебешко",
            approved_post="Директор",
            approved_name="Т.М. Гринева",
        )

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = PlanKind.WORK
    title = "План работы МОЦ"
    period_label = "2025-2026 учебный год"
    period_start = date(2025, 9, 1)
    period_end = date(2026, 8, 31)


class PlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanItem

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    position = factory.Sequence(lambda n: n + 1)
    title = "Мониторинг программ"

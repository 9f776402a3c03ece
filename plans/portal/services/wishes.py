"""Parents' wishes: what kind of club a child needs, counted beside the supply."""

from django.core.exceptions import ValidationError
from django.db import transaction

from programs.models import Settlement, Wish

from ..models import AskerKind, Question, Topic
from .hotline import question_ask


@transaction.atomic
def wish_save(*, data: dict) -> Wish:
    """A parent's wish, counted on the supply grid. When they ask for an answer, their name and
    contacts go into a hotline question under the hotline's consent (refused without it) and
    retention; the wish itself keeps nothing personal."""
    settlement = Settlement.objects.filter(pk=data["settlement"]).first()
    if settlement is None:
        raise ValidationError(
            {"settlement": "Такого населённого пункта нет в списке: выберите его из списка."}
        )
    wish = Wish(
        municipality_id=settlement.municipality_id,
        settlement=settlement,
        age=data["age"],
        focus=data["focus"],
        text=data.get("text", "").strip(),
    )
    wish.full_clean()
    wish.save()
    if data.get("wants_answer"):
        question_ask(
            question=Question(
                wish=wish,
                municipality_id=settlement.municipality_id,
                asker_kind=AskerKind.PARENT,
                topic=Topic.PROGRAMS,
                name=data["name"],
                email=data["email"],
                phone=data.get("phone", ""),
                text=(
                    f"Какой кружок нужен ребёнку: {wish.age} лет, {settlement}, "
                    f"{wish.get_focus_display().lower()} направленность."
                    + (f"\n{wish.text}" if wish.text else "")
                ),
            ),
            consent=data.get("consent", False),
        )
    return wish

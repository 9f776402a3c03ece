"""What an expert's personal page shows of contests (``moc_portal.users.cabinet``): the
contests whose jury they are on. Registered at start-up (``apps``)."""

from moc_portal.users import cabinet

from .judging import judged_contests


def expert_page(user) -> dict:
    return {"judged_contests": judged_contests(user)}


def register() -> None:
    cabinet.register(
        applies=lambda user: user.is_expert,
        template="contests/judging/cabinet_expert.html",
        context=expert_page,
    )

"""The jury and its scores.

Staff of the contest's municipality (the administrator for a regional contest) put experts on
the jury, each for some nominations, one of them the chair. An expert never judges entries of
an organisation they work at (``ExpertProfile.organisation``, the assessment's conflict rule):
the assignment is refused while such an entry is in the nomination, and an entry that comes
later is never shown to them. A juror scores each admitted entry of their nominations by each
criterion of the contest's set, only while the contest is in judging.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from moc_portal.access import check_manages_municipality
from moc_portal.core.errors import DomainError
from moc_portal.users.models import Role, User
from programs.assessment.models import ExpertProfile

from .models import Contest, ContestState, Entry, EntryState, JuryMember, Nomination, Score

JURY_DENIED = "Жюри конкурса назначают сотрудники МОЦ муниципалитета (регионального — РМЦ)."
IN_PLAY = [EntryState.SUBMITTED, EntryState.ADMITTED]


class JudgingError(DomainError):
    """A rule of the jury's work refused the action."""


def check_runs_contest(user: User, contest: Contest, message: str = JURY_DENIED) -> None:
    """Staff of the contest's municipality, or the administrator (a regional contest)."""
    check_manages_municipality(user, contest.municipality_id, message)


def expert_organisation_id(expert: User) -> int | None:
    profile = ExpertProfile.objects.filter(user=expert).only("organisation_id").first()
    return profile.organisation_id if profile else None


def _check_no_own_entries(expert: User, contest: Contest, nominations) -> None:
    organisation_id = expert_organisation_id(expert)
    if organisation_id is None:
        return
    own = (
        Entry.objects.filter(
            contest=contest,
            nomination__in=nominations,
            organisation_id=organisation_id,
            state__in=IN_PLAY,
        )
        .select_related("organisation", "nomination")
        .first()
    )
    if own is not None:
        raise JudgingError(
            f"{expert} не может судить номинацию «{own.nomination}»: член жюри работает в "
            f"«{own.organisation.short_name}», а эта организация подала в неё заявку "
            f"{own.code}. Выберите другого эксперта или другие номинации."
        )


@transaction.atomic
def jury_assign(
    *, user: User, contest: Contest, expert: User, nominations, is_chair: bool = False
) -> JuryMember:
    """Put ``expert`` on the jury for ``nominations`` (again: the nominations replace the old
    ones). A new chair takes the place of the old one."""
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    check_runs_contest(user, contest)
    if contest.state == ContestState.RESULTS:
        raise JudgingError("Итоги конкурса подведены: состав жюри уже не меняется.")
    if expert.role != Role.EXPERT or not expert.is_active:
        raise JudgingError(f"{expert} — не эксперт: в жюри входят пользователи с ролью эксперта.")
    nominations = list(nominations)
    if not nominations:
        raise JudgingError("Выберите хотя бы одну номинацию, которую судит член жюри.")
    if any(n.contest_id != contest.pk for n in nominations):
        raise JudgingError("Номинация не из этого конкурса.")
    _check_no_own_entries(expert, contest, nominations)
    if is_chair:
        JuryMember.objects.filter(contest=contest, is_chair=True).exclude(expert=expert).update(
            is_chair=False
        )
    member, _ = JuryMember.objects.update_or_create(
        contest=contest, expert=expert, defaults={"is_chair": is_chair}
    )
    member.nominations.set(nominations)
    return member


@transaction.atomic
def jury_remove(*, user: User, member: JuryMember) -> None:
    check_runs_contest(user, member.contest)
    if (
        member.contest.state != ContestState.DRAFT
        and Score.objects.filter(entry__contest=member.contest, juror=member.expert).exists()
    ):
        raise JudgingError(f"{member.expert} уже оценивал(а) работы: его оценки войдут в итоги.")
    member.delete()


def juror_of(user: User, contest: Contest) -> JuryMember | None:
    if not user.is_authenticated:
        return None
    return JuryMember.objects.filter(contest=contest, expert=user).first()


def juror_entries(user: User, contest: Contest, member: JuryMember | None = None):
    """The admitted entries this juror scores: of their nominations, never of their own
    organisation."""
    member = member or juror_of(user, contest)
    if member is None:
        return Entry.objects.none()
    entries = Entry.objects.filter(
        contest=contest,
        state=EntryState.ADMITTED,
        nomination__in=member.nominations.all(),
    )
    organisation_id = expert_organisation_id(user)
    if organisation_id is not None:
        entries = entries.exclude(organisation_id=organisation_id)
    return entries.select_related("nomination", "age_category").order_by(
        "nomination__position", "age_category__position", "code"
    )


def entry_for_juror(user: User, contest: Contest, entry_pk: int) -> Entry:
    """The entry if this juror scores it; PermissionDenied otherwise."""
    entry = juror_entries(user, contest).filter(pk=entry_pk).first()
    if entry is None:
        raise PermissionDenied("Эта работа не входит в ваши номинации.")
    return entry


def criteria_of(contest: Contest) -> list:
    if contest.criteria_set_id is None:
        return []
    return list(contest.criteria_set.criteria.all())


def _parsed(criterion, value) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        number = -1
    if not 0 <= number <= criterion.scale_max:
        raise JudgingError(
            f"Критерий «{criterion.title}»: балл {value} вне шкалы — поставьте целое число "
            f"от 0 до {criterion.scale_max}. Ничего не сохранено."
        )
    return number


@transaction.atomic
def scores_save(*, user: User, entry: Entry, scores: dict) -> list[Score]:
    """``scores``: {criterion id: (value or None, comment)}. All or nothing: a value off the
    criterion's scale refuses the whole form. An empty value takes the score off."""
    contest = Contest.objects.select_for_update().get(pk=entry.contest_id)
    if contest.state != ContestState.JUDGING:
        raise JudgingError(
            f"Оценивать можно, пока конкурс в состоянии «Оценивание»; сейчас — "
            f"«{contest.get_state_display()}»."
        )
    entry = entry_for_juror(user, contest, entry.pk)
    criteria = {c.pk: c for c in criteria_of(contest)}
    parsed = {}
    for criterion_id, (value, comment) in scores.items():
        criterion = criteria.get(int(criterion_id))
        if criterion is None:
            raise JudgingError("Критерий не из набора этого конкурса.")
        parsed[criterion] = (_parsed(criterion, value), (comment or "").strip())
    saved = []
    for criterion, (value, comment) in parsed.items():
        if value is None:
            Score.objects.filter(entry=entry, juror=user, criterion=criterion).delete()
            continue
        score, _ = Score.objects.update_or_create(
            entry=entry,
            juror=user,
            criterion=criterion,
            defaults={"value": value, "comment": comment},
        )
        saved.append(score)
    # New scores make a new ranking: an order the chair set for an earlier tie no longer holds.
    Entry.objects.filter(pk=entry.pk).update(tie_order=None)
    return saved


def judged_contests(user: User):
    """The contests this expert is on the jury of, the judging ones first."""
    return (
        Contest.objects.filter(jury__expert=user)
        .exclude(state=ContestState.DRAFT)
        .order_by("-judging_from", "pk")
        .distinct()
    )


def nominations_judged(member: JuryMember) -> list[Nomination]:
    return list(member.nominations.all())


def scored_entry_ids(user: User, contest: Contest) -> set[int]:
    """The entries this juror has scored by every criterion."""
    criteria = len(criteria_of(contest))
    counts = {}
    for entry_id in Score.objects.filter(entry__contest=contest, juror=user).values_list(
        "entry_id", flat=True
    ):
        counts[entry_id] = counts.get(entry_id, 0) + 1
    return {pk for pk, n in counts.items() if criteria and n >= criteria}


def saved_scores(user: User, entry: Entry) -> dict:
    """{criterion id: (value, comment)} as this juror saved them."""
    return {
        s.criterion_id: (s.value, s.comment) for s in Score.objects.filter(entry=entry, juror=user)
    }

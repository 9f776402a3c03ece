"""The yearly report's life: built in the background, reviewed, submitted and frozen; a new
version when something must change after submission (STYLE.md points 1–3)."""

from celery import shared_task
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from moc_portal.access import check_manages_municipality
from moc_portal.core.concurrency import check_seen, snapshot
from moc_portal.core.errors import DomainError
from moc_portal.core.lifecycle import Lifecycle, Transition
from moc_portal.users.models import User
from programs.territory import supply

from . import contests, figures, staffing
from .models import ReportState, YearlyReport


class ReportError(DomainError):
    """A rule refused the action; the message says what to do."""


def check_staff_of(user: User, municipality_id: int) -> None:
    check_manages_municipality(
        user, municipality_id, "Отчёт муниципалитета ведут его сотрудники МОЦ."
    )


def _staff(user: User, report: YearlyReport) -> bool:
    return user.manages_municipality(report.municipality_id)


R = ReportState
_OPEN = frozenset({R.DRAFT, R.FAILED})
# The yearly report: building → draft (the background build) → submitted, frozen; a draft
# or a failed build is rebuilt; a submitted report is changed only in a new version.
REPORT_LIFECYCLE = Lifecycle(
    state_field="state",
    transitions=(
        Transition(
            "rebuild",
            _OPEN,
            R.BUILDING,
            "Пересобрать по текущим данным",
            may=_staff,
            style="btn-outline-secondary",
        ),
        Transition(
            "submit",
            frozenset({R.DRAFT}),
            R.SUBMITTED,
            "Сдать отчёт",
            may=_staff,
            refusal={R.FAILED: "Сдать можно собранный отчёт."},
        ),
        Transition(
            "new_version",
            frozenset({R.SUBMITTED}),
            None,
            "Создать новую версию",
            may=_staff,
            refusal={R.DRAFT: "Отчёт ещё не сдан: меняйте его, новая версия не нужна."},
            style="btn-outline-primary",
        ),
        Transition("texts", _OPEN, None, "Сохранить тексты", may=_staff, button=False),
    ),
    error=ReportError,
    denied="Отчёт муниципалитета ведут его сотрудники МОЦ.",
    refusal={
        R.SUBMITTED: "Отчёт сдан и не меняется: создайте новую версию.",
        R.BUILDING: "Отчёт ещё собирается: подождите окончания.",
    },
    url=lambda report, step: reverse(f"reports:{step.name}", args=[report.pk]),
)


def _queue_build(report: YearlyReport) -> None:
    pk = report.pk
    transaction.on_commit(lambda: yearly_report_build_task.delay(pk))


@transaction.atomic
def yearly_report_create(*, user: User, report: YearlyReport) -> YearlyReport:
    check_staff_of(user, report.municipality_id)
    if report.plan is not None and report.plan.municipality_id != report.municipality_id:
        raise ValidationError({"plan": "Выберите план своего муниципалитета."})
    last = (
        YearlyReport.objects.filter(
            municipality_id=report.municipality_id, academic_year=report.academic_year
        )
        .order_by("-version")
        .first()
    )
    report.version = last.version + 1 if last else 1
    report.created_by = user
    report.state = ReportState.BUILDING
    report.full_clean()
    report.save()
    _queue_build(report)
    return report


def yearly_report_build(report_id: int) -> YearlyReport:
    """Compute every table into the snapshot, section by section, with the progress saved as
    it goes. A submitted report is never rebuilt."""
    report = YearlyReport.objects.select_related("plan").get(pk=report_id)
    if report.state == ReportState.SUBMITTED:
        return report
    steps = [
        ("registry", lambda: figures.registry_tables(report.municipality_id, report.as_of)),
        ("plan", lambda: figures.plan_table(report.plan, report.as_of)),
        (
            "assessment",
            lambda: figures.assessment_table(
                report.municipality_id, report.as_of, report.academic_year
            ),
        ),
        ("centre", lambda: figures.centre_table(report.municipality_id)),
        ("coverage", lambda: supply.coverage_data(report.municipality_id, report.as_of)),
        (
            "staff",
            lambda: staffing.development_table(
                report.municipality_id, report.as_of, report.academic_year
            ),
        ),
        (
            "contests",
            lambda: contests.contests_table(
                report.municipality_id, report.as_of, report.academic_year
            ),
        ),
    ]
    data = {"as_of": report.as_of.isoformat()}
    try:
        for done, (name, compute) in enumerate(steps, start=1):
            value = compute()
            if name == "registry":
                data.update(value)
            else:
                data[name] = value
            YearlyReport.objects.filter(pk=report.pk).update(
                progress=round(100 * done / len(steps))
            )
    except Exception as error:
        YearlyReport.objects.filter(pk=report.pk).update(
            state=ReportState.FAILED, error=f"Отчёт не собран: {error}"
        )
        raise
    YearlyReport.objects.filter(pk=report.pk).exclude(state=ReportState.SUBMITTED).update(
        data=data, state=ReportState.DRAFT, progress=100, built_at=timezone.now(), error=""
    )
    report.refresh_from_db()
    return report


@shared_task(name="reports.tasks.yearly_report_build")  # the name queued messages know
def yearly_report_build_task(report_id: int) -> int:
    """Build the report's tables in the background (the page shows the progress)."""
    return yearly_report_build(report_id).progress


@transaction.atomic
def yearly_report_texts(
    *,
    user: User,
    report: YearlyReport,
    directions: str,
    perspectives: str,
    seen: str | None = None,
) -> YearlyReport:
    """``seen``: the texts as the person's form showed them (core.concurrency)."""
    report = YearlyReport.objects.select_for_update().get(pk=report.pk)
    REPORT_LIFECYCLE.check(user, report, "texts")
    check_seen(seen, snapshot(report, TEXT_FIELDS))
    report.directions = directions.strip()
    report.perspectives = perspectives.strip()
    report.save(update_fields=["directions", "perspectives"])
    return report


TEXT_FIELDS = ["directions", "perspectives"]


@transaction.atomic
def yearly_report_rebuild(*, user: User, report: YearlyReport) -> YearlyReport:
    report = YearlyReport.objects.select_for_update().get(pk=report.pk)
    REPORT_LIFECYCLE.check(user, report, "rebuild")
    report.state = ReportState.BUILDING
    report.progress = 0
    report.save(update_fields=["state", "progress"])
    _queue_build(report)
    return report


@transaction.atomic
def yearly_report_submit(*, user: User, report: YearlyReport) -> YearlyReport:
    report = YearlyReport.objects.select_for_update().get(pk=report.pk)
    REPORT_LIFECYCLE.check(user, report, "submit")
    if not report.directions or not report.perspectives:
        raise ReportError("Заполните основные направления деятельности и перспективы.")
    report.state = ReportState.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = user
    report.save(update_fields=["state", "submitted_at", "submitted_by"])
    return report


@transaction.atomic
def yearly_report_new_version(*, user: User, report: YearlyReport) -> YearlyReport:
    """The next version of a submitted report: its texts carried over, its tables computed
    afresh."""
    report = YearlyReport.objects.select_for_update().get(pk=report.pk)
    REPORT_LIFECYCLE.check(user, report, "new_version")
    return yearly_report_create(
        user=user,
        report=YearlyReport(
            municipality_id=report.municipality_id,
            academic_year=report.academic_year,
            as_of=report.as_of,
            plan=report.plan,
            directions=report.directions,
            perspectives=report.perspectives,
        ),
    )

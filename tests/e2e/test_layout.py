"""Every role's main pages laid out right, at a desktop's size and a phone's: nothing wider
than the screen (wide staff tables scroll in their own frame), no visible control or label on
another, no text cut. A screenshot of each page is kept under ``tests/e2e/artifacts/`` (ignored
by git) for a person to look at."""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from programs.choices import ProgramStatus
from tests.e2e.layout import LAYOUT_PROBLEMS
from tests.factories import PASSWORD
from tests.helpers import move_to
from tests.test_url_authorization import world  # noqa: F401 (the records every page shows)

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SIZES = {"desktop": (1366, 800), "phone": (390, 844)}


def pages(w) -> dict[str, list[tuple[str, str]]]:
    """(name, path) of each role's main pages."""
    program, organisation = w.program.pk, w.organisation.pk
    return {
        "anonymous": [
            ("home", "/"),
            ("catalogue", reverse("programs:catalogue")),
            ("catalogue-filtered", reverse("programs:catalogue") + "?age=9&focus=technical"),
            ("programme", reverse("programs:public_detail", args=[w.published.pk])),
            ("organisation", reverse("programs:public_organisation", args=[organisation])),
            ("vacancies", reverse("programs:vacancies", args=[organisation])),
            ("news", reverse("portal:news")),
            ("news-item", reverse("portal:news_detail", args=[w.news.pk])),
            ("events", reverse("portal:events")),
            ("documents", reverse("portal:documents")),
            ("hotline", reverse("portal:hotline")),
            ("search", reverse("portal:search") + "?q=программа"),
            ("wish", reverse("portal:wish")),
            ("open-data", reverse("open_data")),
            ("contests-public", reverse("contests_public:list")),
            (
                "contest-public",
                reverse("contests_public:detail", args=[w.extra["public_contest"].pk]),
            ),
            ("practices", reverse("contests_public:practices")),
            ("practice", reverse("contests_public:practice", args=[w.extra["practice"].pk])),
        ],
        "coordinator_a": [
            ("coordinator-cabinet", reverse("users:cabinet")),
            ("coordinator-programmes", reverse("programs:list")),
            ("programme-new", reverse("programs:create")),
            ("programme-card", reverse("programs:detail", args=[program])),
            ("programme-form", reverse("programs:edit", args=[program])),
            ("group-form", reverse("programs:group_create", args=[program])),
            ("programme-import", reverse("programs:import_new")),
            ("coordinator-contests", reverse("contests:list")),
            ("contest-apply", reverse("contests:entry_create", args=[w.extra["apply_contest"].pk])),
            ("contest-entry", reverse("contests:entry", args=[w.extra["apply_entry"].pk])),
            ("teachers", reverse("staffing:organisation_teachers", args=[organisation])),
            ("teacher-record", reverse("development:teacher", args=[w.extra["teacher"].pk])),
            ("inventory", reverse("staffing:inventory", args=[organisation])),
            ("courses-due", reverse("development:organisation_due", args=[organisation])),
            ("methodical-events", reverse("development:events")),
        ],
        "staff": [
            ("staff-cabinet", reverse("users:cabinet")),
            ("moderation", reverse("programs:moderation")),
            ("review", reverse("programs:review", args=[program])),
            ("registry", reverse("programs:list")),
            ("organisations", reverse("programs:organisation_list")),
            ("organisation-card", reverse("programs:organisation_detail", args=[organisation])),
            ("plans", reverse("plans:list")),
            ("plan", reverse("plans:detail", args=[w.plan.pk])),
            ("plan-form", reverse("plans:edit", args=[w.plan.pk])),
            ("plan-print", reverse("plans:print", args=[w.plan.pk, "plan"])),
            ("plan-import", reverse("plans:import")),
            ("plan-import-job", reverse("programs:job", args=[w.plan_job.pk])),
            ("plan-import-review", reverse("plans:import_review", args=[w.plan_job.pk])),
            ("plan-due", reverse("plans:due")),
            ("media", reverse("plans:media")),
            ("events-register", reverse("plans:events")),
            ("reports", reverse("reports:list")),
            ("report", reverse("reports:detail", args=[w.report.pk])),
            ("monitoring", reverse("reports:monitoring_fill", args=[w.fill.pk])),
            ("navigator", reverse("navigator_sync:sync")),
            ("assessment", reverse("assessment:overview")),
            ("campaign", reverse("assessment:campaign", args=[w.campaign.pk])),
            ("portal-manage", reverse("portal:manage")),
            ("territory", reverse("reports:territory")),
            ("settlements", reverse("territory:settlements")),
            ("settlement", reverse("territory:settlement_edit", args=[w.settlement.pk])),
            (
                "territory-gap",
                reverse("reports:territory_gap", args=[w.settlement.pk, "11-14", "technical"]),
            ),
            ("contests", reverse("contests:list")),
            ("contest", reverse("contests:detail", args=[w.extra["apply_contest"].pk])),
            ("contest-entries", reverse("contests:entries", args=[w.extra["apply_contest"].pk])),
            ("contest-jury", reverse("contests:jury", args=[w.extra["judged"].pk])),
            ("contest-ranking", reverse("contests:ranking", args=[w.extra["judged"].pk])),
            ("practices-manage", reverse("contests_public:manage")),
            ("teachers-municipality", reverse("staffing:teacher_list")),
            ("resource-search", reverse("staffing:resource_search") + "?q=принтер"),
            ("staffing", reverse("reports:staffing")),
            ("staffing-overdue", reverse("reports:staffing_overdue")),
            ("courses-due-centre", reverse("development:due")),
            (
                "event-registrations",
                reverse("development:event_registrations", args=[w.extra["development_event"].pk]),
            ),
        ],
        "expert": [
            ("expert-queue", reverse("assessment:queue")),
            ("scoring", reverse("assessment:scoring", args=[w.assignment.pk])),
            ("judging", reverse("contests:judging")),
            ("judging-entries", reverse("contests:judging_entries", args=[w.extra["judged"].pk])),
        ],
        "administrator": [
            ("region", reverse("reports:region_overview")),
            ("municipality-new", reverse("territory:municipality_create")),
            ("territory-region", reverse("reports:territory")),
            ("staffing-region", reverse("reports:staffing")),
            ("contests-region", reverse("contests:list")),
        ],
    }


@pytest.mark.parametrize(
    "persona", ["anonymous", "coordinator_a", "staff", "expert", "administrator"]
)
def test_every_role_s_pages_are_laid_out_right(
    request,
    browser,
    live_server,
    world,  # noqa: F811
    persona,
):
    if persona == "staff":
        move_to(
            world.program,
            ProgramStatus.ON_MODERATION,
            staff=world.coordinator,
            coordinator=world.coordinator,
        )
    found = {}
    for size, (width, height) in SIZES.items():
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        if persona != "anonymous":
            user = request.getfixturevalue(persona)
            page.goto(f"{live_server.url}/accounts/login/")
            page.get_by_label("Логин").fill(user.username)
            page.get_by_label("Пароль").fill(PASSWORD)
            page.get_by_role("button", name="Войти").click()
        for name, path in pages(world)[persona]:
            response = page.goto(live_server.url + path)
            assert response.status == 200, (name, path, response.status)
            (ARTIFACTS / size).mkdir(parents=True, exist_ok=True)
            shot = ARTIFACTS / size / f"{name}.png"
            try:
                page.screenshot(path=shot, full_page=True)
            except PlaywrightError:  # taller than Chromium captures at once: the first screen
                page.screenshot(path=shot)
            problems = page.evaluate(LAYOUT_PROBLEMS)
            if problems:
                found[f"{name} ({size}, {path})"] = problems
        context.close()
    assert not found, "\n".join(f"{page}: {'; '.join(p)}" for page, p in found.items())

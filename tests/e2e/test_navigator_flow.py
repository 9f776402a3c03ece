"""A methodologist sends the registry to the Navigator from the staff page, fixes the
programme the Navigator refused, and a parent goes from the catalogue to the Navigator."""

import re

import pytest
from playwright.sync_api import expect

from navigator_sync import outbox
from programs.choices import ProgramStatus
from tests.helpers import move_to
from tests.navigator_sync.standin import TOKEN, standin_thread
from tests.programs.factories import ProgramFactory, ProgramGroupFactory

pytestmark = pytest.mark.browser


def test_staff_sends_retries_a_refused_programme_and_parents_follow_the_link(
    page, live_server, sign_in, csp_violations, settings, tmp_path, org_a, staff, coordinator_a
):
    programs = []
    for name in ["Робототехника", "Юный эколог"]:
        program = ProgramFactory(organisation=org_a, name=name)
        ProgramGroupFactory(program=program)
        programs.append(
            move_to(program, ProgramStatus.PUBLISHED, staff=staff, coordinator=coordinator_a)
        )
    refused = programs[1].published
    refused.data["groups"][0]["age_to"] = 2  # the Navigator will refuse this group
    refused.save()
    outbox.programs_enqueue([p.pk for p in programs])

    with standin_thread(tmp_path) as url:
        settings.NAVIGATOR_URL, settings.NAVIGATOR_TOKEN = url, TOKEN
        sign_in(staff)
        page.get_by_role("link", name="Навигатор").click()
        expect(page.locator("#sync-totals")).to_contain_text("ожидают: 3")
        page.get_by_role("button", name="Отправить сейчас").click()
        expect(page.locator("#sync-totals")).to_contain_text("переданы: 2")
        expect(page.locator("#sync-totals")).to_contain_text("ошибки: 1")
        row = page.locator("#sync-entries tr", has_text="Юный эколог")
        expect(row).to_contain_text("groups[0].ageTo: меньше ageFrom")

        # The methodologist corrects the approved data, then retries the refused programme.
        refused.data["groups"][0]["age_to"] = refused.data["groups"][0]["age_from"] + 2
        refused.save()
        row.get_by_role("button", name="Повторить").click()
        expect(page.locator("#sync-totals")).to_contain_text("переданы: 3")
        expect(page.locator("#sync-totals")).to_contain_text("ошибки: 0")

        page.goto(f"{live_server.url}/catalog/programs/{programs[0].pk}/")
        link = page.get_by_role("link", name="Записаться в Навигаторе")
        expect(link).to_have_attribute("href", re.compile(rf"^{url}/programs/\d+$"))
        link.click()
        expect(page.locator("body")).to_contain_text("Робототехника")
    assert csp_violations == []

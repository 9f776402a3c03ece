"""The Django admin is for viewing: it cannot break a lifecycle or go round a service.

Every registered admin (the libraries' too) and every inline is read-only, unless it is named
below as saving through the portal's service; its actions only read or call a service."""

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict
from django.test import RequestFactory
from django.urls import reverse
from django_celery_beat.models import IntervalSchedule, PeriodicTask
from simple_history.admin import SimpleHistoryAdmin

from moc_portal.core.admin import ServiceSaveMixin
from moc_portal.users import services as account_services
from moc_portal.users.models import Role, User
from navigator_sync.models import SyncOutboxEntry, SyncState
from plans.models import PlanItem
from plans.portal.models import News
from programs import services as registry_services
from programs.assessment.models import ExpertProfile
from programs.models import NetworkPartner, Organisation, Program, Specialisation
from reports.models import ReportState, YearlyReport
from tests.factories import AdministratorFactory, ExpertFactory
from tests.programs.factories import ProgramFactory
from tests.programs.test_admin import form_values

pytestmark = pytest.mark.django_db

# Admins whose writes are proven below to go through a service, and which service.
SERVICE_ADMINS = {
    "ProgramAdmin": "programs.services.program_create / program_update (card_seen)",
    "OrganisationAdmin": "programs.services.organisation_create / organisation_update (seen)",
    "UserAdmin": "users.services.account_create / account_update (account_seen)",
    "SpecialisationAdmin": (
        "programs.specialisations.specialisation_create / specialisation_update "
        "(specialisation_seen)"
    ),
    "ExpertProfileAdmin": (
        "assessment.experts.expert_profile_create / expert_profile_update (expert_profile_seen)"
    ),
    "SignInLockAdmin": "axes.utils.reset (an administrator unlocks a sign-in)",
}
# Actions that only read, and those that call a service.
READING_ACTIONS = {"export_admin_action"}
SERVICE_ACTIONS = {
    "SyncOutboxEntryAdmin": {"retry", "send_again"},  # outbox.outbox_retry / outbox_resend
    "SyncStateAdmin": {"resume", "reconcile"},  # outbox.sync_resume / navigator_reconcile
    "SignInLockAdmin": {"delete_selected", "cleanup_expired_attempts"},  # axes' handler
}
# What a lifecycle or a frozen result holds: never a field of an admin's form.
LIFECYCLE_FIELDS = {
    "status",
    "state",
    "version",
    "submitted_at",
    "submitted_by",
    "data",
    "built_at",
    "uuid",
    "navigator_id",
    "created_by",
}


ADDED_HERE = {Program, Organisation, User, Specialisation, ExpertProfile}


def superuser_request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def may_write(model_admin, request) -> list[str]:
    checks = {
        "add": model_admin.has_add_permission(request),
        "change": model_admin.has_change_permission(request, None),
        "delete": model_admin.has_delete_permission(request, None),
    }
    return [name for name, allowed in checks.items() if allowed]


def test_every_admin_and_inline_is_read_only_unless_it_saves_through_a_service():
    request = superuser_request(AdministratorFactory())
    writable, inlines_writable, bad_actions = {}, {}, {}
    for model, model_admin in admin.site._registry.items():
        name = type(model_admin).__name__
        label = f"{model._meta.label} ({name})"
        if name not in SERVICE_ADMINS and may_write(model_admin, request):
            writable[label] = may_write(model_admin, request)
        for inline_class in model_admin.inlines:
            inline = inline_class(model, admin.site)
            rights = {
                "add": inline.has_add_permission(request, None),
                "change": inline.has_change_permission(request, None),
                "delete": inline.has_delete_permission(request, None),
            }
            if any(rights.values()):
                inlines_writable[f"{label}: {inline_class.__name__}"] = rights
        allowed = READING_ACTIONS | SERVICE_ACTIONS.get(name, set())
        actions = set(model_admin.get_actions(request)) - allowed
        if actions:
            bad_actions[label] = actions
    assert writable == {}
    assert inlines_writable == {}
    assert bad_actions == {}


def test_the_admins_that_save_do_it_in_a_service_and_never_show_a_lifecycle_field():
    request = superuser_request(AdministratorFactory())
    by_name = {type(a).__name__: a for a in admin.site._registry.values()}
    assert set(SERVICE_ADMINS) <= set(by_name)
    for name in sorted(set(SERVICE_ADMINS) - {"SignInLockAdmin"}):
        model_admin = by_name[name]
        # Its save_model is ServiceSaveMixin's, handing the form to its own service calls.
        assert isinstance(model_admin, ServiceSaveMixin), name
        assert {"update", "create"} <= set(type(model_admin).__dict__), name
        assert not model_admin.has_delete_permission(request, None), name
        form = model_admin.get_form(request, None, change=False)
        fields = set(form.base_fields) | set(
            flatten_fieldsets(model_admin.get_fieldsets(request, None))
        )
        editable = fields - set(model_admin.get_readonly_fields(request, None))
        assert not editable & LIFECYCLE_FIELDS, name


# What happens when a superuser posts the admin's forms.


def post_change_form(client, url, **changes):
    data = {**form_values(client, url), **{name: [value] for name, value in changes.items()}}
    return client.post(url, data)


def stored(instance):
    instance.refresh_from_db()
    return model_to_dict(instance)


def test_a_submitted_yearly_report_cannot_be_changed_or_deleted_in_the_admin(
    client, demo, administrator
):
    report = YearlyReport.objects.get(municipality=demo, state=ReportState.SUBMITTED)
    before = stored(report)
    client.force_login(administrator)
    url = reverse("admin:reports_yearlyreport_change", args=[report.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()

    response = post_change_form(
        client, url, state=ReportState.DRAFT, directions="Переписано в админке"
    )
    assert response.status_code == 403
    delete = reverse("admin:reports_yearlyreport_delete", args=[report.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.post(reverse("admin:reports_yearlyreport_add"), {}).status_code == 403
    assert stored(report) == before


def test_a_plan_item_cannot_be_changed_or_restored_to_an_old_version_in_the_admin(
    client, demo, administrator
):
    item = PlanItem.objects.filter(plan__municipality=demo).first()
    for title in ["Старое название", "Новое название"]:  # two versions in its history
        item.title = title
        item.save()
    before = stored(item)
    client.force_login(administrator)
    url = reverse("admin:plans_planitem_change", args=[item.pk])
    response = post_change_form(client, url, title="Из админки", version="1")
    assert response.status_code == 403

    old = item.history.earliest()
    history = reverse("admin:plans_planitem_simple_history", args=[item.pk, old.history_id])
    assert client.get(history).status_code == 200
    assert client.post(history, form_values(client, history)).status_code == 403
    assert stored(item) == before


def test_a_news_item_cannot_be_changed_in_the_admin(client, demo, administrator):
    news = News.objects.filter(municipality=demo, is_published=True).first()
    before = stored(news)
    client.force_login(administrator)
    url = reverse("admin:portal_news_change", args=[news.pk])
    response = post_change_form(client, url, title="Из админки", is_published="")
    assert response.status_code == 403
    assert stored(news) == before


def test_every_admin_list_and_record_opens_for_a_superuser(client, demo, administrator):
    AccessAttempt.objects.create(
        username="someone", ip_address="203.0.113.9", failures_since_start=1
    )
    program = Program.objects.filter(organisation__municipality=demo).first()
    NetworkPartner.objects.create(program=program, name="Кванториум")
    SyncOutboxEntry.objects.create(kind=SyncOutboxEntry.Kind.PROGRAM, uuid=program.uuid)
    SyncState.load()
    Group.objects.create(name="Группа")
    every_minute = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.MINUTES)
    PeriodicTask.objects.create(name="Проверка", task="x", interval=every_minute)
    client.force_login(administrator)
    opened, empty = set(), set()
    for model, model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        changelist = reverse("admin:{}_{}_changelist".format(*info))
        assert client.get(changelist).status_code == 200, changelist
        add = reverse("admin:{}_{}_add".format(*info))
        assert client.get(add).status_code == (200 if model in ADDED_HERE else 403), add
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            empty.add(model._meta.label)
            continue
        change = reverse("admin:{}_{}_change".format(*info), args=[obj.pk])
        assert client.get(change).status_code == 200, change
        if isinstance(model_admin, SimpleHistoryAdmin):
            history = reverse("admin:{}_{}_history".format(*info), args=[obj.pk])
            assert client.get(history).status_code == 200, history
        opened.add(model._meta.label)
    # The demo and the records above hold one of every kind but these.
    assert empty == {
        "axes.AccessFailureLog",
        "axes.AccessLog",
        "django_celery_beat.ClockedSchedule",
        "django_celery_beat.CrontabSchedule",
        "django_celery_beat.SolarSchedule",
        "programs.SpreadsheetJob",
    }
    assert {"reports.YearlyReport", "plans.PlanItem", "portal.News"} <= opened


# The admins kept for saving go through their service with its version check.


def test_a_stale_admin_save_of_a_programme_is_refused_with_the_other_change(
    client, administrator, org_a
):
    program = ProgramFactory(organisation=org_a, name="Робототехника")
    client.force_login(administrator)
    url = reverse("admin:programs_program_change", args=[program.pk])
    data = form_values(client, url)
    registry_services.program_update(
        user=administrator, program=program, data={"name": "Робототехника и 3D"}
    )
    response = client.post(url, {**data, "name": ["Из админки"]}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "сохранил другой пользователь" in page and "Робототехника и 3D" in page
    program.refresh_from_db()
    assert program.name == "Робототехника и 3D"


def test_an_account_is_changed_in_the_admin_through_its_service_and_never_deleted(
    client, administrator
):
    expert = ExpertFactory(last_name="Бочаров")
    client.force_login(administrator)
    url = reverse("admin:users_user_change", args=[expert.pk])
    data = form_values(client, url)
    assert data["seen"]

    response = client.post(url, {**data, "role": [Role.ADMINISTRATOR]})
    assert response.status_code == 302
    expert.refresh_from_db()
    assert expert.role == Role.ADMINISTRATOR

    # Someone else's change since the form was opened is not overwritten.
    account_services.account_update(
        user=administrator, account=expert, data={"phone": "+7 900 000-00-00"}
    )
    response = client.post(url, {**data, "last_name": ["Другой"]}, follow=True)
    assert "сохранил другой пользователь" in response.content.decode()
    expert.refresh_from_db()
    assert (expert.last_name, expert.phone) == ("Бочаров", "+7 900 000-00-00")

    delete = reverse("admin:users_user_delete", args=[expert.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=expert.pk).exists()


def test_an_account_added_in_the_admin_goes_through_its_service(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("admin:users_user_add"),
        {
            "username": "ekspert9",
            "usable_password": "true",
            "password1": "Длинный-пароль-2026",
            "password2": "Длинный-пароль-2026",
            "email": "ekspert9@example.org",
            "role": Role.EXPERT,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    account = User.objects.get(username="ekspert9")
    assert account.role == Role.EXPERT and account.check_password("Длинный-пароль-2026")


def test_a_staff_member_cannot_change_accounts_through_the_service(staff, coordinator_a):
    with pytest.raises(PermissionDenied):
        account_services.account_update(
            user=staff, account=coordinator_a, data={"role": Role.ADMINISTRATOR}
        )
    coordinator_a.refresh_from_db()
    assert coordinator_a.role == Role.COORDINATOR

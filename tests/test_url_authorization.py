"""Every URL pattern of the project, requested as every kind of person.

Each pattern must declare who may open it. A page that answers the wrong person with
anything but a login redirect, 403 or 404 fails; so does a POST from the wrong person that
changes anything; so does a pattern nobody declared, so a new page cannot go unchecked.
"""

import re
from dataclasses import dataclass, field
from datetime import date

import pytest
from django.core import signing
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from moc_portal.core.workers import BEAT, heartbeat
from moc_portal.users.models import User
from navigator_sync.models import SyncOutboxEntry, SyncState
from plans import imports as plan_imports
from plans.models import Event, EvidenceFile, Plan, PlanItem, PlanSection, Publication
from plans.portal.models import Block, Document, News, Page, Question
from programs import opendata
from programs import services as registry
from programs.assessment import services as assessment
from programs.assessment.models import (
    Assignment,
    Campaign,
    CampaignProgram,
    CriteriaSet,
    Criterion,
    ExpertGroup,
    Score,
)
from programs.choices import ProgramStatus
from programs.models import (
    ChildCount,
    GroupSchedule,
    NetworkPartner,
    Organisation,
    Program,
    ProgramGroup,
    ProgramTransition,
    PublishedProgram,
    Settlement,
    SpreadsheetJob,
    Wish,
)
from reports import monitoring
from reports import services as reports
from reports.models import (
    Indicator,
    MonitoringFill,
    MonitoringForm,
    SupplyGap,
    YearlyReport,
)
from tests import url_access
from tests.helpers import move_to
from tests.plans.factories import PlanFactory
from tests.portal import helpers as portal_helpers
from tests.programs.factories import CampaignFactory, ProgramFactory, ProgramGroupFactory
from tests.test_uploads import docx_bytes

PERSONAS = [
    "anonymous",
    "coordinator_a",
    "coordinator_b",
    "staff_other",
    "expert",
    "expert_other",
    "staff",
    "administrator",
]
EVERYONE = set(PERSONAS)
SIGNED_IN = EVERYONE - {"anonymous"}
REGISTRY = {"coordinator_a", "coordinator_b", "staff", "staff_other", "administrator"}
STAFF_ANY = {"staff", "staff_other", "administrator"}
OWNERS_OF_A = {"coordinator_a", "staff", "administrator"}
STAFF_OF_A = {"staff", "administrator"}
# Centre staff work in their own municipality (an administrator has none to create things in).
CENTRE_STAFF = {"staff", "staff_other"}
# Plans are read by the municipality's coordinators; only its staff change them. Experts score
# programmes and read nothing else of a municipality (issue 16).
READERS_OF_PLAN = {"staff", "administrator", "coordinator_a", "coordinator_b"}


@dataclass
class World:
    program: Program
    group: ProgramGroup
    organisation: Organisation
    coordinator: User
    published: Program
    job: SpreadsheetJob
    plan_job: SpreadsheetJob  # a plan file read by the worker, staff's, waiting to be confirmed
    plan: Plan
    plan_item: PlanItem
    plan_section: PlanSection
    publication: Publication
    event: Event
    evidence: EvidenceFile
    campaign: Campaign
    assignment: Assignment
    report: YearlyReport
    fill: MonitoringFill
    news: News
    page: Page
    document: Document
    question: Question
    settlement: Settlement
    confirmation: str  # coordinator B's link to confirm coordinating organisation A
    other_organisation: Organisation | None = None  # coordinator B's
    extra: dict = field(default_factory=dict)  # what tests/url_access/ modules built


def _program(w):
    return {"pk": w.program.pk}


# name -> (who may open it, the URL's arguments)
ACCESS = {
    "home": (EVERYONE, None),
    "healthz": (EVERYONE, None),
    "public_image": (EVERYONE, lambda w: {"path": w.news.cover.name}),
    "users:login": (EVERYONE, None),
    "users:logout": (EVERYONE, None),
    "users:password_reset": (EVERYONE, None),
    "users:password_reset_done": (EVERYONE, None),
    "users:password_reset_confirm": (EVERYONE, lambda w: {"uidb64": "MQ", "token": "x-y"}),
    "users:password_reset_complete": (EVERYONE, None),
    "users:password_change": (SIGNED_IN, None),
    "users:password_change_done": (SIGNED_IN, None),
    "users:cabinet": (SIGNED_IN, None),
    "programs:list": (REGISTRY, None),
    "programs:create": (REGISTRY, None),
    "programs:detail": (OWNERS_OF_A, _program),
    "programs:edit": (OWNERS_OF_A, _program),
    "programs:copy": (OWNERS_OF_A, _program),
    "programs:action": (OWNERS_OF_A, lambda w: {"pk": w.program.pk, "action": "submit"}),
    "programs:review": (STAFF_OF_A, _program),
    "programs:history": (STAFF_OF_A, _program),
    "programs:group_create": (OWNERS_OF_A, _program),
    "programs:group_edit": (OWNERS_OF_A, lambda w: {"pk": w.group.pk}),
    "programs:group_delete": (OWNERS_OF_A, lambda w: {"pk": w.group.pk}),
    "programs:group_free_places": (OWNERS_OF_A, lambda w: {"pk": w.group.pk}),
    "programs:moderation": (STAFF_ANY, None),
    "programs:organisation_list": (STAFF_ANY, None),
    "programs:organisation_create": (STAFF_ANY, None),
    "programs:organisation_detail": (OWNERS_OF_A, lambda w: {"pk": w.organisation.pk}),
    "programs:organisation_edit": (OWNERS_OF_A, lambda w: {"pk": w.organisation.pk}),
    "programs:organisation_history": (STAFF_OF_A, lambda w: {"pk": w.organisation.pk}),
    "programs:coordinator_add": (STAFF_OF_A, lambda w: {"pk": w.organisation.pk}),
    "programs:coordinator_confirm": ({"coordinator_b"}, lambda w: {"token": w.confirmation}),
    "programs:coordinator_remove": (
        STAFF_OF_A,
        lambda w: {"pk": w.organisation.pk, "user_pk": w.coordinator.pk},
    ),
    "programs:public_detail": (EVERYONE, lambda w: {"pk": w.published.pk}),
    "programs:public_organisation": (EVERYONE, lambda w: {"pk": w.organisation.pk}),
    "programs:catalogue": (EVERYONE, None),
    "programs:vacancies": (EVERYONE, lambda w: {"pk": w.organisation.pk}),
    "programs:vacancies_embed": (EVERYONE, lambda w: {"pk": w.organisation.pk}),
    "programs:vacancies_json": (EVERYONE, lambda w: {"pk": w.organisation.pk}),
    "programs:vacancies_xlsx": (EVERYONE, lambda w: {"pk": w.organisation.pk}),
    # A municipality and its centre: set up by the regional administrator, kept by its staff.
    "territory:municipality_create": ({"administrator"}, None),
    "territory:municipality": (STAFF_OF_A, lambda w: {"pk": w.organisation.municipality_id}),
    "territory:municipality_edit": (
        {"administrator"},
        lambda w: {"pk": w.organisation.municipality_id},
    ),
    "territory:centre_edit": (STAFF_OF_A, lambda w: {"pk": w.organisation.municipality_id}),
    "territory:staff_invite": (STAFF_OF_A, lambda w: {"pk": w.organisation.municipality_id}),
    "reports:region_overview": ({"administrator"}, None),
    "portal:municipality": (EVERYONE, lambda w: {"slug": w.organisation.municipality.slug}),
    "portal:municipality_choose": (EVERYONE, None),
    "plans:list": (SIGNED_IN, None),
    "plans:due": (SIGNED_IN, None),
    "plans:renumber": (STAFF_OF_A, lambda w: {"pk": w.plan.pk}),
    "plans:item_move": (STAFF_OF_A, lambda w: {"pk": w.plan_item.pk, "direction": "up"}),
    "plans:create": ({"staff", "staff_other"}, None),
    "plans:detail": (READERS_OF_PLAN, lambda w: {"pk": w.plan.pk}),
    "plans:edit": (STAFF_OF_A, lambda w: {"pk": w.plan.pk}),
    "plans:copy": (STAFF_OF_A, lambda w: {"pk": w.plan.pk}),
    "plans:action": (STAFF_OF_A, lambda w: {"pk": w.plan.pk, "action": "agree"}),
    "plans:section_add": (STAFF_OF_A, lambda w: {"pk": w.plan.pk}),
    "plans:item_add": (STAFF_OF_A, lambda w: {"pk": w.plan.pk}),
    "plans:item_edit": (STAFF_OF_A, lambda w: {"pk": w.plan_item.pk}),
    "plans:item_row": (STAFF_OF_A, lambda w: {"pk": w.plan_item.pk}),
    "plans:item_delete": (STAFF_OF_A, lambda w: {"pk": w.plan_item.pk}),
    "plans:history": (STAFF_OF_A, lambda w: {"pk": w.plan.pk}),
    "plans:print": (READERS_OF_PLAN, lambda w: {"pk": w.plan.pk, "document": "plan"}),
    "plans:export": (
        READERS_OF_PLAN,
        lambda w: {"pk": w.plan.pk, "document": "report", "fmt": "xlsx"},
    ),
    "plans:import": ({"staff", "staff_other"}, None),
    "plans:import_confirm": ({"staff", "staff_other"}, None),
    "plans:import_review": ({"staff"}, lambda w: {"pk": w.plan_job.pk}),
    "plans:section_edit": (STAFF_OF_A, lambda w: {"pk": w.plan_section.pk}),
    "plans:section_delete": (STAFF_OF_A, lambda w: {"pk": w.plan_section.pk}),
    "plans:section_move": (STAFF_OF_A, lambda w: {"pk": w.plan_section.pk, "direction": "up"}),
    # The media register and events are the centre staff's working lists.
    "plans:media": (STAFF_ANY, None),
    "plans:media_export": (STAFF_ANY, None),
    "plans:publication_edit": (STAFF_OF_A, lambda w: {"pk": w.publication.pk}),
    "plans:publication_delete": (STAFF_OF_A, lambda w: {"pk": w.publication.pk}),
    "plans:events": (STAFF_ANY, None),
    "plans:event_edit": (STAFF_OF_A, lambda w: {"pk": w.event.pk}),
    "plans:event_delete": (STAFF_OF_A, lambda w: {"pk": w.event.pk}),
    "plans:item_evidence": (STAFF_OF_A, lambda w: {"pk": w.plan_item.pk}),
    "plans:evidence_download": (STAFF_OF_A, lambda w: {"pk": w.evidence.pk}),
    "plans:evidence_delete": (STAFF_OF_A, lambda w: {"pk": w.evidence.pk}),
    "navigator_sync:sync": (STAFF_ANY, None),
    "navigator_sync:progress": (STAFF_ANY, None),
    "navigator_sync:send": (STAFF_ANY, None),
    "navigator_sync:retry": (STAFF_ANY, None),
    "navigator_sync:resume": ({"administrator"}, None),
    "navigator_sync:reconcile": (STAFF_ANY, None),
    "navigator_sync:export": (STAFF_ANY, None),
    "assessment:overview": (STAFF_ANY, None),
    "assessment:criteria_set_create": (CENTRE_STAFF, None),
    "assessment:criteria_set": (STAFF_OF_A, lambda w: {"pk": w.campaign.criteria_set_id}),
    "assessment:criteria_version": (STAFF_OF_A, lambda w: {"pk": w.campaign.criteria_set_id}),
    "assessment:criterion_delete": (
        STAFF_OF_A,
        lambda w: {"pk": w.campaign.criteria_set.criteria.first().pk},
    ),
    "assessment:campaign_create": (CENTRE_STAFF, None),
    "assessment:campaign": (STAFF_OF_A, lambda w: {"pk": w.campaign.pk}),
    "assessment:add_programs": (STAFF_OF_A, lambda w: {"pk": w.campaign.pk}),
    "assessment:group_add": (STAFF_OF_A, lambda w: {"pk": w.campaign.pk}),
    "assessment:distribute": (STAFF_OF_A, lambda w: {"pk": w.campaign.pk}),
    "assessment:campaign_state": (
        STAFF_OF_A,
        lambda w: {"pk": w.campaign.pk, "action": "close"},
    ),
    "assessment:protocol": (STAFF_OF_A, lambda w: {"pk": w.campaign.pk, "fmt": "xlsx"}),
    "assessment:remove_program": (STAFF_OF_A, lambda w: {"pk": w.assignment.entry_id}),
    "assessment:assign": (STAFF_OF_A, lambda w: {"pk": w.assignment.entry_id}),
    "assessment:register_toggle": (STAFF_OF_A, lambda w: {"pk": w.assignment.entry_id}),
    "assessment:unassign": (STAFF_OF_A, lambda w: {"pk": w.assignment.pk}),
    "assessment:reopen": (STAFF_OF_A, lambda w: {"pk": w.assignment.pk}),
    "assessment:register": (STAFF_ANY, None),
    "assessment:queue": ({"expert", "expert_other"}, None),  # each expert's own list
    "assessment:scoring": ({"expert"}, lambda w: {"pk": w.assignment.pk}),
    "reports:list": (STAFF_ANY, None),
    "reports:detail": (STAFF_OF_A, lambda w: {"pk": w.report.pk}),
    "reports:progress": (STAFF_OF_A, lambda w: {"pk": w.report.pk}),
    "reports:texts": (STAFF_OF_A, lambda w: {"pk": w.report.pk}),
    "reports:submit": (STAFF_OF_A, lambda w: {"pk": w.report.pk}),
    "reports:rebuild": (STAFF_OF_A, lambda w: {"pk": w.report.pk}),
    "reports:new_version": (STAFF_OF_A, lambda w: {"pk": w.report.pk}),
    "reports:export": (STAFF_OF_A, lambda w: {"pk": w.report.pk}),
    "reports:export_docx": (STAFF_OF_A, lambda w: {"pk": w.report.pk}),
    "reports:compare": (STAFF_OF_A, lambda w: {"pk": w.report.pk, "other": w.report.pk}),
    "reports:regional": ({"administrator"}, None),
    "reports:monitoring": (STAFF_ANY, None),
    "reports:monitoring_form": (STAFF_OF_A, lambda w: {"pk": w.fill.form_id}),
    "reports:monitoring_fill": (STAFF_OF_A, lambda w: {"pk": w.fill.pk}),
    "reports:regional_export": ({"administrator"}, None),
    "programs:export": (REGISTRY, None),
    "programs:import_new": (REGISTRY, None),
    "programs:job": ({"coordinator_a"}, lambda w: {"pk": w.job.pk}),
    "programs:job_confirm": ({"coordinator_a"}, lambda w: {"pk": w.job.pk}),
    "programs:job_cancel": ({"coordinator_a"}, lambda w: {"pk": w.job.pk}),
    "programs:job_result": ({"coordinator_a"}, lambda w: {"pk": w.job.pk}),
    "programs:template": (REGISTRY, None),
    "programs:history_export": (STAFF_ANY, None),
    "programs:organisation_export": (STAFF_ANY, None),
    "programs:organisation_template": (STAFF_ANY, None),
    "robots_txt": (EVERYONE, None),
    "favicon": (EVERYONE, None),
    "sitemap": (EVERYONE, None),
    "sitemap_section": (EVERYONE, lambda w: {"section": "programs"}),
    "vision_mode": (EVERYONE, None),
    # The information portal: public pages, and the staff area under /portal/.
    "portal:news": (EVERYONE, None),
    "portal:news_rss": (EVERYONE, None),
    "portal:news_detail": (EVERYONE, lambda w: {"pk": w.news.pk}),
    "portal:news_cover": (EVERYONE, lambda w: {"pk": w.news.pk}),
    "portal:block": (EVERYONE, lambda w: {"slug": "methodical"}),
    "portal:page": (EVERYONE, lambda w: {"pk": w.page.pk}),
    "portal:documents": (EVERYONE, None),
    "portal:document_file": (EVERYONE, lambda w: {"pk": w.document.pk}),
    "portal:events": (EVERYONE, None),
    "portal:event": (EVERYONE, lambda w: {"pk": w.event.pk}),
    "portal:hotline": (EVERYONE, None),
    "portal:hotline_thanks": (EVERYONE, None),
    "portal:privacy": (EVERYONE, None),
    "portal:search": (EVERYONE, None),
    "portal:manage": (STAFF_ANY, None),
    "portal:preview": (STAFF_ANY, None),
    "portal:manage_news": (STAFF_ANY, None),
    "portal:news_create": (CENTRE_STAFF, None),
    "portal:news_edit": (STAFF_OF_A, lambda w: {"pk": w.news.pk}),
    "portal:news_delete": (STAFF_OF_A, lambda w: {"pk": w.news.pk}),
    "portal:block_create": ({"administrator"}, None),
    "portal:block_edit": ({"administrator"}, lambda w: {"pk": w.page.block_id}),
    "portal:block_move": ({"administrator"}, lambda w: {"pk": w.page.block_id, "direction": "up"}),
    "portal:page_create": (CENTRE_STAFF, None),
    "portal:page_edit": (STAFF_OF_A, lambda w: {"pk": w.page.pk}),
    "portal:page_move": (STAFF_OF_A, lambda w: {"pk": w.page.pk, "direction": "up"}),
    "portal:page_delete": (STAFF_OF_A, lambda w: {"pk": w.page.pk}),
    "portal:manage_documents": (STAFF_ANY, None),
    "portal:document_create": (CENTRE_STAFF, None),
    "portal:document_edit": (STAFF_OF_A, lambda w: {"pk": w.document.pk}),
    "portal:document_delete": (STAFF_OF_A, lambda w: {"pk": w.document.pk}),
    "portal:plan_publish": (STAFF_OF_A, lambda w: {"pk": w.plan.pk}),
    "portal:questions": (STAFF_ANY, None),
    "portal:question": (STAFF_OF_A, lambda w: {"pk": w.question.pk}),
    "portal:wish": (EVERYONE, None),
    "portal:wish_thanks": (EVERYONE, None),
    # Supply and demand by territory: staff of their municipality, administrators of any.
    "reports:territory": (STAFF_ANY, None),
    "reports:territory_export": (STAFF_ANY, None),
    "reports:territory_gap": (
        STAFF_OF_A,
        lambda w: {"pk": w.settlement.pk, "band": "11-14", "focus": "technical"},
    ),
    "territory:settlements": (STAFF_ANY, None),
    "territory:settlement_edit": (STAFF_OF_A, lambda w: {"pk": w.settlement.pk}),
    "territory:settlement_delete": (STAFF_OF_A, lambda w: {"pk": w.settlement.pk}),
    "territory:settlements_from_addresses": (STAFF_ANY, None),
    "territory:child_counts_template": (STAFF_ANY, None),
    "territory:child_counts_import": (STAFF_ANY, None),
    # Open data and the open API: anyone, without signing in.
    "open_data": (EVERYONE, None),
    "open_data_file": (EVERYONE, lambda w: {"name": "meta.csv"}),
    "open_data_build": ({"administrator"}, None),
    "api-docs": (EVERYONE, None),
    "api-schema": (EVERYONE, None),
    "api-programme-list": (EVERYONE, None),
    "api-programme-detail": (EVERYONE, lambda w: {"pk": w.published.pk}),
    "api-group-list": (EVERYONE, None),
    "api-group-detail": (EVERYONE, lambda w: {"pk": w.published.groups.get().pk}),
    "api-organisation-list": (EVERYONE, None),
    "api-organisation-detail": (EVERYONE, lambda w: {"pk": w.organisation.pk}),
    "api-municipality-list": (EVERYONE, None),
    "api-municipality-detail": (EVERYONE, lambda w: {"pk": w.organisation.municipality_id}),
    # No endpoint: «not found» in JSON for everyone.
    "api-not-found": (set(), lambda w: {"path": "v1/nothing/"}),
}

# The Django admin is for administrators; its login page is public.
ADMIN_PUBLIC = {"admin:login", "admin:logout"}
ADMIN_ARGUMENTS = {
    "object_id": "1",
    "id": "1",
    "history_id": "1",
    "content_type_id": "1",
    "app_label": "programs",
}
# Admin views that need a query to answer their own user at all.
ADMIN_QUERY = {
    "admin:autocomplete": "?app_label=programs&model_name=program&field_name=organisation"
}
# Patterns without a name are allowed only inside the admin, which makes its own.

POST_DATA = {
    "erase": "1",  # the hotline question's «удалить персональные данные»
    "organisation": "",  # filled with organisation A's id
    "academic_year": "2025/2026",
    "name": "Чужая программа",
    "short_description": "x",
    "content": "x",
    "goals": "x",
    "expected_results": "x",
    "focus": "technical",
    "level": "starting",
    "program_type": "general_development",
    "age_from": "7",
    "age_to": "10",
    "duration_months": "9",
    "duration_hours": "72",
    "study_form": "full_time",
    "funding_budget": "on",
    "partners-TOTAL_FORMS": "0",
    "partners-INITIAL_FORMS": "0",
    "schedule-TOTAL_FORMS": "1",
    "schedule-INITIAL_FORMS": "0",
    "schedule-0-weekday": "1",
    "schedule-0-time_start": "10:00",
    "schedule-0-time_end": "11:00",
    "teacher_name": "Взломщик",
    "places": "10",
    "comment": "Чужой комментарий",
    "email": "intruder@example.org",
    "last_name": "Чужой",
    "first_name": "Человек",
    "full_name": "Чужое название",
    "short_name": "Чужое",
    "org_type": "general",
    "department": "education",
    "legal_form": "budgetary",
    "ownership": "municipal",
    "inn": "4800000991",
    "ogrn": "1024800000994",
    "address": "Чужой адрес",
}


def iter_patterns(resolver=None, namespace=(), groups=(), route=""):
    """(qualified name or None, full route text, argument names or positional indexes)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        own = groups + _arguments(entry.pattern)
        text = route + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = (*namespace, entry.namespace) if entry.namespace else namespace
            yield from iter_patterns(entry, inner, own, text)
        elif isinstance(entry, URLPattern):
            if entry.name:
                yield ":".join((*namespace, entry.name)), text, own
            else:
                yield (f"{':'.join(namespace)}:<unnamed>" if namespace else None), text, own


def _arguments(pattern) -> tuple:
    regex = pattern.regex
    if regex.groups > len(regex.groupindex):  # unnamed groups: positional arguments
        return tuple(range(regex.groups))
    return tuple(regex.groupindex)


def declared(name, pattern, arguments, world):
    """(who may open it, path) for a pattern, or None where nothing is declared."""
    if name is None:
        return None
    if name == "admin:<unnamed>":
        path = re.sub(r"<[^>]+>", "1", pattern.replace("(?P<url>.*)$", "no-such-page/"))
        return {"administrator"}, "/" + path
    access = {**ACCESS, **url_access.access()}
    if name in access:
        who, make_args = access[name]
        return who, reverse(name, kwargs=make_args(world) if make_args else None)
    if name.startswith("admin:"):
        who = EVERYONE if name in ADMIN_PUBLIC else {"administrator"}
        if all(isinstance(a, int) for a in arguments):
            path = reverse(name, args=["1"] * len(arguments))
        else:
            path = reverse(name, kwargs={a: ADMIN_ARGUMENTS[a] for a in arguments})
        return who, path + ADMIN_QUERY.get(name, "")
    return None


def watched_models() -> list:
    tables = [
        Program,
        ProgramGroup,
        GroupSchedule,
        NetworkPartner,
        Organisation,
        ProgramTransition,
        PublishedProgram,
    ]
    tables += [SpreadsheetJob, Plan, PlanSection, PlanItem, Publication, Event, EvidenceFile]
    tables += [SyncOutboxEntry, SyncState, YearlyReport, MonitoringForm, Indicator, MonitoringFill]
    tables += [CriteriaSet, Criterion, Campaign, CampaignProgram, ExpertGroup, Assignment, Score]
    tables += [Block, News, Page, Document, Question, Wish]
    tables += [Settlement, ChildCount, SupplyGap]
    tables += url_access.tables()
    return tables


def fingerprint():
    state = [list(model.objects.order_by("pk").values()) for model in watched_models()]
    state.append(list(User.objects.order_by("pk").values("pk", "email", "role", "is_active")))
    state.append(list(Organisation.coordinators.through.objects.order_by("pk").values()))
    return state


def _plan_job(staff) -> SpreadsheetJob:
    """A plan file the worker has read for ``staff``, as the plan import leaves it."""
    plan = {"kind": "work", "period_start": "2025-09-01", "period_end": "2026-08-31"}
    job = SpreadsheetJob.objects.create(
        kind=SpreadsheetJob.Kind.PLAN_IMPORT,
        user=staff,
        state="checked",
        source_name="План работы на 2025-2026 учебный год.docx",
        message="Файл прочитан. Найдены таблицы плана: «без заголовка» — 1 мероприятие.",
        summary={
            "token": plan_imports.sign(plan, plan_imports.read_document(docx_bytes(), "p.docx"))
        },
    )
    job.params = {
        "back": reverse("plans:import"),
        "next": reverse("plans:import_review", args=[job.pk]),
    }
    job.save()
    return job


@pytest.fixture
def world(program_a, org_a, org_b, coordinator_a, staff, expert):
    published = ProgramFactory(organisation=org_a, name="Опубликованная программа")
    ProgramGroupFactory(program=published)
    move_to(published, ProgramStatus.PUBLISHED, staff=staff, coordinator=coordinator_a)
    job = SpreadsheetJob.objects.create(
        kind=SpreadsheetJob.Kind.PROGRAM_EXPORT, user=coordinator_a, state="done"
    )
    job.result.save("export.xlsx", ContentFile(b"PK"), save=True)
    plan = PlanFactory(municipality=org_a.municipality)
    plan_section = PlanSection.objects.create(plan=plan, number="1", title="Раздел")
    plan_item = PlanItem.objects.create(
        plan=plan, section=plan_section, number="1.1", title="Мониторинг"
    )
    publication = Publication.objects.create(
        municipality=plan.municipality,
        item=plan_item,
        published_on=date(2025, 10, 1),
        channel="portal",
        title="Новость",
    )
    event = Event.objects.create(
        municipality=plan.municipality,
        item=plan_item,
        kind="seminar",
        title="Семинар",
        starts_on=date(2025, 10, 2),
        is_public=True,
    )
    evidence = EvidenceFile(item=plan_item, title="Приказ")
    evidence.file.save("prikaz.pdf", ContentFile(b"%PDF-1.4"), save=True)
    criteria = assessment.criteria_set_create(
        user=staff, municipality=org_a.municipality, title="Критерии"
    )
    assessment.criterion_save(
        user=staff, criterion=Criterion(criteria_set=criteria, title="Содержание")
    )
    campaign = assessment.campaign_save(
        user=staff,
        campaign=CampaignFactory.build(
            municipality=org_a.municipality, title="Оценка", criteria_set=criteria
        ),
    )
    assessment.campaign_add_programs(user=staff, campaign=campaign, programs=[published])
    assessment.expert_group_save(
        user=staff, group=ExpertGroup(campaign=campaign, title="Группа"), experts=[expert]
    )
    assessment.assignments_distribute(user=staff, campaign=campaign)
    assessment.campaign_open(user=staff, campaign=campaign)
    report = reports.yearly_report_create(
        user=staff,
        report=YearlyReport(
            municipality=org_a.municipality, academic_year="2024/2025", as_of=date(2025, 6, 1)
        ),
    )
    reports.yearly_report_build(report.pk)
    form = MonitoringForm.objects.create(municipality=org_a.municipality, title="Мониторинг")
    monitoring.indicator_save(
        user=staff,
        indicator=Indicator(form=form, code="children", title="Дети", kind="manual"),
    )
    fill = monitoring.fill_create(
        user=staff, form=form, period_label="2025", as_of=date(2025, 6, 1)
    )
    settlement = Settlement.objects.create(
        municipality=org_a.municipality, kind="с.", name="Донское"
    )
    org_a.settlement = settlement
    org_a.save()
    opendata.build()  # the nightly set, so its files are there to be served
    heartbeat("сервер-задач:1")  # a worker and beat are running: /healthz/ answers 200
    heartbeat(BEAT)
    world = World(
        other_organisation=org_b,
        confirmation=signing.dumps(
            {"user": org_b.coordinators.get().pk, "organisation": org_a.pk},
            salt=registry.CONFIRM_SALT,
        ),
        news=portal_helpers.news(staff, cover=portal_helpers.image_upload(size=(40, 30))),
        page=portal_helpers.page(staff),
        document=portal_helpers.document(staff),
        question=Question.objects.create(
            municipality=org_a.municipality,
            asker_kind="parent",
            name="Анна",
            email="anna@example.org",
            topic="other",
            text="Вопрос",
            consent_text="Согласие",
            consent_at=timezone.now(),
        ),
        fill=fill,
        report=report,
        campaign=campaign,
        assignment=Assignment.objects.get(entry__campaign=campaign),
        plan=plan,
        plan_item=plan_item,
        plan_section=plan_section,
        publication=publication,
        event=event,
        evidence=evidence,
        job=job,
        plan_job=_plan_job(staff),
        program=program_a,
        group=program_a.groups.get(),
        organisation=org_a,
        coordinator=coordinator_a,
        published=published,
        settlement=settlement,
    )
    world.extra = url_access.build(world)
    return world


def test_every_url_pattern_declares_who_may_open_it(world):
    missing = [
        name or pattern
        for name, pattern, arguments in iter_patterns()
        if declared(name, pattern, arguments, world) is None
    ]
    assert missing == [], f"URL patterns with no access declared in this test: {missing}"


def test_declarations_name_existing_patterns():
    names = {name for name, _, _ in iter_patterns() if name}
    declared_names = set(ACCESS) | set(url_access.access())
    assert declared_names <= names, declared_names - names


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_url_answers_only_the_people_it_is_for(request, client, world, persona):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    post_data = {**POST_DATA, "organisation": str(world.organisation.pk)}
    watched = Watched()
    failures = []
    for name, pattern, arguments in iter_patterns():
        who, path = declared(name, pattern, arguments, world)
        label = name or pattern
        with watched:
            response = client.get(path)
        watched.changed()  # what a page wrote on its own (a log, a first build) is the new state
        if persona in who:
            # The admin answers its own user 403/404 for disabled adding and missing objects.
            refused = () if path.startswith("/admin/") else (403, 404)
            if response.status_code in refused or response.status_code >= 500:
                failures.append(f"GET {label} {path}: {response.status_code} for an allowed person")
            continue
        problem = _not_refused(response, persona, path)
        if problem:
            failures.append(f"GET {label} {path}: {problem}")
        with watched:
            response = client.post(path, post_data)
        problem = _not_refused(response, persona, path)
        if problem:
            failures.append(f"POST {label} {path}: {problem}")
        if watched.changed():
            failures.append(f"POST {label} {path}: changed data for {persona}")
    assert failures == [], "\n".join(failures)


class Watched:
    """The state of the watched tables, read again only after a request wrote to one of them
    (reading every table around every request made the sweep take minutes). A write that was
    rolled back leaves the state as it was: ``changed`` compares the tables themselves."""

    WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)

    def __init__(self):
        self.tables = {model._meta.db_table for model in watched_models()} | {
            User._meta.db_table,
            Organisation.coordinators.through._meta.db_table,
        }
        self.state = fingerprint()
        self.wrote = False

    def __enter__(self):
        self.queries = CaptureQueriesContext(connection)
        self.queries.__enter__()
        return self

    def __exit__(self, *exc):
        self.queries.__exit__(*exc)
        written = {
            m.group(1) for q in self.queries.captured_queries if (m := self.WRITE.match(q["sql"]))
        }
        self.wrote = bool(written & self.tables)

    def changed(self) -> bool:
        """Whether the last request changed a watched table (and take the new state)."""
        if not self.wrote:
            return False
        before, self.state = self.state, fingerprint()
        return self.state != before


def _not_refused(response, persona, path):
    status = response.status_code
    if status in (403, 404, 405):
        return None
    if status == 302:
        location = response["Location"]
        to_login = location.startswith(reverse("users:login")) or location.startswith(
            reverse("admin:login")
        )
        if to_login and (persona == "anonymous" or path.startswith("/admin/")):
            return None
        return f"redirects to {location}"
    return f"answers {status}"


def test_the_sweep_sees_a_write_and_forgives_a_rolled_back_one(world):
    from django.db import transaction

    watched = Watched()
    with watched:
        Wish.objects.none()  # a read
    assert not watched.changed()
    with watched, transaction.atomic():
        sid = transaction.savepoint()
        Settlement.objects.filter(pk=world.settlement.pk).update(name="Другое имя")
        transaction.savepoint_rollback(sid)
    assert not watched.changed()  # written, rolled back: the tables are as they were
    with watched:
        Settlement.objects.filter(pk=world.settlement.pk).update(name="Другое имя")
    assert watched.changed()

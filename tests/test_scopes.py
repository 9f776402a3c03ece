"""One rule for whose records a person keeps (``core.scopes.ManagedQuerySet.managed_by``):
every record that belongs to a municipality gives its centre's staff only their municipality's,
an administrator every one, a coordinator what their organisations hold where that applies, and
nobody else anything."""

import uuid
from datetime import date

import pytest
from django.utils import timezone

from navigator_sync.models import SyncOutboxEntry
from plans.models import Event, Plan, Publication
from plans.portal.models import Block, Document, News, Page, Question
from programs.assessment.models import Campaign, CampaignProgram, CriteriaSet
from programs.choices import ProgramStatus
from programs.models import (
    Centre,
    ChildCount,
    Municipality,
    Organisation,
    Program,
    PublishedProgram,
    Settlement,
    Wish,
)
from reports.models import MonitoringFill, MonitoringForm, SupplyGap, YearlyReport
from tests.factories import StaffFactory
from tests.helpers import move_to
from tests.plans.factories import PlanFactory
from tests.programs.factories import (
    CampaignFactory,
    OrganisationFactory,
    ProgramFactory,
    ProgramGroupFactory,
)

pytestmark = pytest.mark.django_db

# Kept by the centre's staff only (coordinators read plans, and keep their organisations').
STAFF_ONLY = [
    Publication,
    Event,
    News,
    Page,
    Document,
    Question,
    CriteriaSet,
    Campaign,
    CampaignProgram,
    YearlyReport,
    MonitoringForm,
    MonitoringFill,
    SyncOutboxEntry,
    PublishedProgram,
    Municipality,
    Centre,
    Settlement,
    ChildCount,
    Wish,
    SupplyGap,
]
MANAGED = [Organisation, Program, Plan, *STAFF_ONLY]


def _records_of(municipality, administrator) -> dict:
    """One record of every managed model in ``municipality``."""
    organisation = OrganisationFactory(municipality=municipality)
    published = ProgramFactory(organisation=organisation)
    ProgramGroupFactory(program=published)
    move_to(published, ProgramStatus.PUBLISHED, staff=administrator, coordinator=administrator)
    plan = PlanFactory(municipality=municipality)
    item = plan.items.create(number="1", title="Семинар")
    campaign = CampaignFactory(municipality=municipality)
    block, _ = Block.objects.get_or_create(slug="methodical", defaults={"title": "Методический"})
    form = MonitoringForm.objects.create(municipality=municipality, title="Мониторинг")
    here = {"municipality": municipality}
    settlement = Settlement.objects.create(**here, kind="с.", name="Донское")
    centre, _ = Centre.objects.get_or_create(**here)
    return {
        Municipality: municipality,
        Centre: centre,
        Settlement: settlement,
        ChildCount: ChildCount.objects.create(
            settlement=settlement, year=2025, band="5-7", children=40
        ),
        Wish: Wish.objects.create(**here, settlement=settlement, age=9, focus="technical"),
        SupplyGap: SupplyGap.objects.create(
            settlement=settlement, band="5-7", focus="technical", item=item
        ),
        Organisation: organisation,
        Program: published,
        Plan: plan,
        Publication: Publication.objects.create(
            **here, item=item, published_on=date(2025, 10, 1), channel="portal", title="Пост"
        ),
        Event: Event.objects.create(
            **here, item=item, kind="seminar", title="Семинар", starts_on=date(2025, 10, 2)
        ),
        News: News.objects.create(**here, title="Новость", lead="Кратко", body="Текст"),
        Page: Page.objects.create(**here, block=block, title="Страница", body="Текст"),
        Document: Document.objects.create(
            **here, kind="regulation", title="Положение", file="documents/p.pdf"
        ),
        Question: Question.objects.create(
            **here,
            asker_kind="parent",
            topic="other",
            text="Вопрос",
            consent_text="Согласие",
            consent_at=timezone.now(),
        ),
        CriteriaSet: campaign.criteria_set,
        Campaign: campaign,
        CampaignProgram: CampaignProgram.objects.create(campaign=campaign, program=published),
        YearlyReport: YearlyReport.objects.create(
            **here, academic_year="2024/2025", as_of=date(2025, 6, 1)
        ),
        MonitoringForm: form,
        MonitoringFill: MonitoringFill.objects.create(
            form=form, period_label="2025", as_of=date(2025, 6, 1)
        ),
        SyncOutboxEntry: SyncOutboxEntry.objects.create(
            kind="program", uuid=uuid.uuid4(), municipality_id=municipality.pk
        ),
        PublishedProgram: PublishedProgram.objects.get(program=published),
    }


@pytest.fixture
def records(municipality, other_municipality, administrator):
    return (
        _records_of(municipality, administrator),
        _records_of(other_municipality, administrator),
    )


def _kept(model, user) -> set[int]:
    return set(model.objects.managed_by(user).values_list("pk", flat=True))


@pytest.mark.parametrize("model", MANAGED, ids=lambda model: model.__name__)
def test_staff_keep_only_their_municipalitys_records(model, records, staff, staff_other):
    own, other = records
    assert _kept(model, staff) == {own[model].pk}
    assert _kept(model, staff_other) == {other[model].pk}


@pytest.mark.parametrize("model", MANAGED, ids=lambda model: model.__name__)
def test_administrators_keep_every_municipalitys_records(model, records, administrator):
    own, other = records
    assert _kept(model, administrator) == {own[model].pk, other[model].pk}


@pytest.mark.parametrize("model", MANAGED, ids=lambda model: model.__name__)
def test_experts_anonymous_and_inactive_people_keep_nothing(model, records, expert, municipality):
    from django.contrib.auth.models import AnonymousUser

    retired = StaffFactory(username="retired", municipality=municipality, is_active=False)
    for person in (expert, AnonymousUser(), retired):
        assert _kept(model, person) == set()


@pytest.mark.parametrize("model", STAFF_ONLY, ids=lambda model: model.__name__)
def test_coordinators_keep_none_of_the_centres_records(model, records, coordinator_a, org_a):
    assert _kept(model, coordinator_a) == set()


def test_coordinators_keep_their_organisations_and_programmes(
    records, municipality, coordinator_a, org_a
):
    program = ProgramFactory(organisation=org_a)
    ProgramFactory(organisation=OrganisationFactory(municipality=municipality))
    assert _kept(Organisation, coordinator_a) == {org_a.pk}
    assert _kept(Program, coordinator_a) == {program.pk}


def test_coordinators_read_their_municipalitys_plans_once(
    records, municipality, coordinator_a, org_a
):
    """Two organisations of the same municipality do not show its plan twice."""
    OrganisationFactory(municipality=municipality, coordinators=[coordinator_a])
    own, _ = records
    plans = list(Plan.objects.managed_by(coordinator_a).values_list("pk", flat=True))
    assert plans == [own[Plan].pk]

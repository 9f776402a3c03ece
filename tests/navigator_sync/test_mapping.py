"""Every programme and organisation of the demo registry is a valid contract payload."""

from navigator_sync import mapping
from navigator_sync.schema import field_errors
from programs.models import Organisation, PublishedProgram


def test_demo_registry_maps_to_valid_payloads(demo):
    published = PublishedProgram.objects.select_related("program", "organisation__municipality")
    assert published.count() == 163
    invalid = {
        p.name: errors
        for p in published
        if (errors := field_errors("program", mapping.program_payload(p)))
    }
    assert invalid == {}
    organisations = Organisation.objects.select_related("municipality")
    assert all(
        not field_errors("organisation", mapping.organisation_payload(o)) for o in organisations
    )


def test_payload_is_the_approved_version_not_the_draft(demo):
    published = PublishedProgram.objects.select_related(
        "program", "organisation__municipality"
    ).first()
    program = published.program
    program.name = "Черновик правки на модерации"
    program.save()
    published.refresh_from_db()
    payload = mapping.program_payload(published)
    assert payload["fullName"] == published.name != program.name
    assert payload["uuid"] == str(program.uuid)
    group = payload["groups"][0]
    assert set(group) >= {"ageFrom", "ageTo", "orderFrom", "orderTo", "schedule"}
    assert group["schedule"][0]["weekDays"][0] in range(1, 8)


def test_withdrawal_payload_is_valid(demo):
    published = PublishedProgram.objects.select_related("program").first()
    payload = mapping.withdrawal_payload(published.program.uuid, published.approved_at)
    assert field_errors("program", payload) == []

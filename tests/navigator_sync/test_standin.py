"""The stand-in Navigator keeps the contract strictly: tests talk to it over HTTP."""

import uuid

import pytest
import requests

from .standin import TOKEN, StandinProcess, standin_thread

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def organisation(**changes):
    return {
        "uuid": str(uuid.uuid4()),
        "lastmodifiedTs": 1_700_000_000_000,
        "isDeleted": False,
        "name": "МБОУ СШ № 1",
        "fullName": "Муниципальное бюджетное общеобразовательное учреждение СШ № 1",
        "inn": "4808000001",
        "ogrn": "1024800000001",
        "oktmo": "42624000",
        "address": "г. Задонск, ул. Советская, 1",
        **changes,
    }


def program(org_uuid, **changes):
    return {
        "uuid": str(uuid.uuid4()),
        "lastmodifiedTs": 1_700_000_000_000,
        "isDeleted": False,
        "organisationUuid": org_uuid,
        "name": "Робототехника",
        "fullName": "Дополнительная общеразвивающая программа «Робототехника»",
        "announce": "Собираем и программируем роботов.",
        "minAge": 8,
        "maxAge": 12,
        "focusCode": "technical",
        "levelSet": ["starting"],
        "programType": "general_development",
        "ovz": False,
        "ovzTypes": [],
        "certificateRequired": False,
        "financingSources": [{"type": "budget", "cost": None}],
        "duration": 9,
        "durationunit": "month",
        "oktmo": "42624000",
        "groups": [
            {
                "code": "1",
                "name": "Группа 1",
                "teacher": "Петрова А.С.",
                "ageFrom": 8,
                "ageTo": 12,
                "places": 12,
                "orderFrom": "2025-09-01",
                "orderTo": None,
                "schedule": [{"weekDays": [2, 4], "timeStart": "15:00", "timeEnd": "16:30"}],
            }
        ],
        **changes,
    }


@pytest.fixture
def navigator(tmp_path):
    with standin_thread(tmp_path) as url:
        yield url


def put(navigator, kind, payload, headers=AUTH):
    return requests.put(
        f"{navigator}/api/v1/{kind}/{payload['uuid']}", json=payload, headers=headers
    )


def test_upsert_answers_id_and_public_url_and_is_idempotent(navigator):
    org = organisation()
    assert put(navigator, "organisations", org).status_code == 201
    prog = program(org["uuid"])
    first = put(navigator, "programs", prog)
    assert first.status_code == 201
    body = first.json()
    assert body["uuid"] == prog["uuid"] and body["id"]
    accept_json = {"Accept": "application/json"}
    assert requests.get(body["url"], headers=accept_json).json()["name"] == "Робототехника"
    again = put(navigator, "programs", {**prog, "lastmodifiedTs": prog["lastmodifiedTs"] + 1})
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    stats = requests.get(f"{navigator}/_control/stats").json()
    assert stats["programs"] == {"count": 1, "deleted": 0, "versions_max": 1, "versions_total": 1}


def test_a_parent_following_the_link_gets_a_page_with_the_groups(navigator):
    org = organisation()
    put(navigator, "organisations", org)
    url = put(navigator, "programs", program(org["uuid"])).json()["url"]
    page = requests.get(url)
    assert page.headers["Content-Type"].startswith("text/html")
    text = page.text
    assert "<h1>Робототехника</h1>" in text
    assert "демонстрационная замена регионального Навигатора" in text
    assert "Вт, Чт 15:00–16:30" in text


def test_older_version_does_not_replace_newer(navigator):
    org = organisation()
    put(navigator, "organisations", org)
    prog = program(org["uuid"])
    put(navigator, "programs", {**prog, "name": "Новое", "lastmodifiedTs": 2_000_000_000_000})
    put(navigator, "programs", {**prog, "name": "Старое", "lastmodifiedTs": 1_000_000_000_000})
    listing = requests.get(f"{navigator}/api/v1/programs", headers=AUTH).json()
    (item,) = listing["items"]
    page = requests.get(
        f"{navigator}/programs/{item['id']}", headers={"Accept": "application/json"}
    )
    assert page.json()["name"] == "Новое"


def test_invalid_programme_gets_422_with_field_errors(navigator):
    org = organisation()
    put(navigator, "organisations", org)
    prog = program(org["uuid"], minAge=-1, focusCode="cooking", extra="x")
    del prog["announce"]
    prog["groups"][0]["schedule"][0]["timeStart"] = "25:00"
    response = put(navigator, "programs", prog)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_failed"
    fields = {f["field"]: f["message"] for f in error["fields"]}
    assert fields == {
        "announce": "обязательное поле",
        "extra": "поле не предусмотрено контрактом",
        "minAge": "значение меньше допустимого (0)",
        "focusCode": "недопустимое значение",
        "groups[0].schedule[0].timeStart": "неверный формат",
    }
    bad_ages = put(navigator, "programs", program(org["uuid"], minAge=14, maxAge=10))
    assert bad_ages.json()["error"]["fields"] == [{"field": "maxAge", "message": "меньше minAge"}]


def test_programme_of_an_unknown_organisation_is_a_conflict(navigator):
    response = put(navigator, "programs", program(str(uuid.uuid4())))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "unknown_organisation"


def test_withdrawal_and_listing(navigator):
    org = organisation()
    put(navigator, "organisations", org)
    prog = program(org["uuid"])
    body = put(navigator, "programs", prog).json()
    withdrawal = {
        "uuid": prog["uuid"],
        "lastmodifiedTs": prog["lastmodifiedTs"] + 5,
        "isDeleted": True,
    }
    assert put(navigator, "programs", withdrawal).status_code == 200
    assert requests.get(body["url"]).status_code == 404
    listing = requests.get(f"{navigator}/api/v1/programs", headers=AUTH).json()
    assert listing["count"] == 1 and listing["items"][0]["isDeleted"] is True


def test_batch_answers_each_item(navigator):
    org = organisation()
    good = program(org["uuid"])
    bad = program(org["uuid"], maxAge=40)
    response = requests.post(
        f"{navigator}/api/v1/batch",
        json={
            "items": [
                {"kind": "organisation", "payload": org},
                {"kind": "program", "payload": good},
                {"kind": "program", "payload": bad},
            ]
        },
        headers=AUTH,
    )
    assert response.status_code == 200
    statuses = [r["status"] for r in response.json()["results"]]
    assert statuses == [201, 201, 422]
    too_many = requests.post(
        f"{navigator}/api/v1/batch",
        json={"items": [{"kind": "program", "payload": good}] * 201},
        headers=AUTH,
    )
    assert too_many.status_code == 400


def test_token_is_required(navigator):
    response = put(navigator, "organisations", organisation(), headers={})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"


def test_it_can_be_told_to_fail(navigator):
    control = f"{navigator}/_control"
    requests.post(control, json={"rate_limited_requests": 1, "retry_after": 7})
    limited = put(navigator, "organisations", organisation())
    assert limited.status_code == 429 and limited.headers["Retry-After"] == "7"
    requests.post(control, json={"fail_rate": 1.0, "fail_after_store": 1.0})
    org = organisation()
    assert put(navigator, "organisations", org).status_code == 500
    requests.post(control, json={"fail_rate": 0.0})
    assert put(navigator, "organisations", org).status_code == 200  # stored before the 500
    requests.post(control, json={"unauthorized": True})
    assert put(navigator, "organisations", org).status_code == 401
    requests.post(control, json={"unauthorized": False, "timeout_rate": 1.0, "timeout_seconds": 2})
    with pytest.raises(requests.Timeout):
        put_url = f"{navigator}/api/v1/organisations/{org['uuid']}"
        requests.put(put_url, json=org, headers=AUTH, timeout=0.5)
    assert requests.post(control, json={"no_such": 1}).status_code == 400


def test_one_command_starts_it_and_data_survives_a_restart(tmp_path):
    standin = StandinProcess(tmp_path).start()
    try:
        org = organisation()
        assert put(standin.url, "organisations", org).status_code == 201
        standin.stop()
        standin.start()
        assert put(standin.url, "organisations", org).status_code == 200
        assert standin.stats()["organisations"]["count"] == 1
    finally:
        standin.stop()

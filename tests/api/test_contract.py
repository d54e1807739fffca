"""The OpenAPI description is valid and every answer of every endpoint matches it."""

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

ENDPOINTS = ["editions", "courses", "tracks", "packages", "venues", "partners", "themes", "programme-years"]


@pytest.fixture
def schema(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def assert_matches(schema, path, status, response):
    operation = schema["paths"][path]["get"]
    body_schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    validator = Draft202012Validator({**body_schema, "components": schema["components"]})
    errors = sorted(validator.iter_errors(response.json()), key=str)
    assert not errors, [error.message for error in errors]


def test_openapi_description_is_valid(schema):
    validate(schema)
    assert set(schema["paths"]) >= {f"/api/v1/{name}/" for name in ENDPOINTS}
    detail_paths = [path for path in schema["paths"] if path.endswith("_id}/")]
    assert len(detail_paths) == len(ENDPOINTS)


def test_catalogue_filters_are_documented_with_their_choices(schema):
    parameters = {
        parameter["name"]: parameter for parameter in schema["paths"]["/api/v1/editions/"]["get"]["parameters"]
    }

    assert {"q", "traject", "niveau", "vorm", "reikwijdte", "provincie", "doelgroep", "partner", "thema"} <= set(
        parameters
    )
    assert {"van", "tot", "plaatsen", "sorteer", "limit", "offset"} <= set(parameters)
    assert "limburg" in parameters["provincie"]["schema"]["enum"]


@pytest.mark.parametrize("name", ENDPOINTS)
def test_every_list_and_detail_answer_matches_the_schema(client, api_offer, schema, name):
    path = f"/api/v1/{name}/"
    response = client.get(path, {"limit": 2})
    assert response.status_code == 200
    assert_matches(schema, path, 200, response)
    assert response.json()["count"] >= 1
    detail_path = next(p for p in schema["paths"] if p.startswith(path) and p != path)
    for item in client.get(path, {"limit": 100}).json()["results"]:
        detail = client.get(f"{path}{item['id']}/")
        assert detail.status_code == 200
        assert_matches(schema, detail_path, 200, detail)
    missing = client.get(f"{path}999999/")
    assert missing.status_code == 404
    assert_matches(schema, detail_path, 404, missing)


def test_error_answers_match_the_schema(client, api_offer, schema):
    bad_filter = client.get("/api/v1/editions/", {"provincie": "mars"})
    bad_limit = client.get("/api/v1/editions/", {"limit": "veel"})

    assert bad_filter.status_code == 400
    assert_matches(schema, "/api/v1/editions/", 400, bad_filter)
    assert bad_limit.status_code == 422
    assert_matches(schema, "/api/v1/editions/", 422, bad_limit)


def test_no_answer_holds_personal_data(client, api_offer):
    bodies = [client.get(f"/api/v1/{name}/", {"limit": 100}).content.decode() for name in ENDPOINTS]
    bodies += [
        client.get(f"/api/v1/editions/{edition.pk}/").content.decode() for edition in api_offer["public"].values()
    ]
    bodies += [client.get("/feeds/aanbod.atom").content.decode(), client.get("/feeds/aanbod.ics").content.decode()]

    for body in bodies:
        assert "@example.org" not in body
        assert "persoon" not in body

"""The learning record, a PDF rendered on every request, is rate limited per person."""

from certificates.models import Certificate
from certificates.views import LEARNING_RECORD_RATE
from tests.factories import make_person


def test_learning_record_is_rate_limited_per_person_with_a_dutch_page(client, completed_enrolment, participant):
    assert Certificate.objects.filter(person=participant).exists()
    limit = int(LEARNING_RECORD_RATE.split("/")[0])
    # Someone without certificates gets a quick 404 each time, and is counted all the same.
    client.force_login(make_person())

    statuses = [client.get("/mijn/attesten/leerbewijs.pdf").status_code for _ in range(limit + 1)]

    assert statuses == [404] * limit + [429]
    refused = client.get("/mijn/attesten/leerbewijs.pdf")
    assert refused.status_code == 429
    assert "Even geduld" in refused.content.decode()

    client.force_login(participant)
    response = client.get("/mijn/attesten/leerbewijs.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"

from io import StringIO

from django.core.management import call_command

from evaluations.models import Invitation, Response


def test_the_demo_has_answered_evaluations_and_one_waiting_in_mijn_academie(client, db):
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())

    assert Response.objects.count() == 4
    [edition_id] = set(Response.objects.values_list("edition_id", flat=True))
    assert client.login(username="deelnemer@example.org", password="demo-academie-2026")
    assert "Geef je mening over" in client.get("/mijn/").content.decode()
    assert Invitation.objects.filter(person__username="deelnemer@example.org", is_answered=False).exists()

    assert client.login(username="lesgever@example.org", password="demo-academie-2026")
    html = client.get(f"/admin/evaluaties/editie/{edition_id}/").content.decode()
    assert "Meer tijd om in groepjes te werken." in html

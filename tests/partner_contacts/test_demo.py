from io import StringIO

from django.core.management import call_command


def test_demo_has_a_partner_contact_with_consenting_members(client, db):
    output = StringIO()
    call_command("seed_demo", stdout=output)
    call_command("seed_demo", stdout=StringIO())

    assert "partner@example.org / demo-academie-2026" in output.getvalue()
    assert client.login(username="partner@example.org", password="demo-academie-2026")
    assert 'href="/organisatie/acv/deelname/"' in client.get("/mijn/").content.decode()
    html = client.get("/organisatie/acv/deelname/").content.decode()
    # The demo participant consented and attended a past edition.
    assert "Dina Deelnemer" in html
    assert "voltooid" in html

"""The partner contact's page and its exports, over HTTP."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.partner_contacts.conftest import enrol, make_member

PAGE = "/organisatie/{slug}/deelname/"
COUNTS_CSV = "/organisatie/{slug}/deelname/cijfers.csv"
MEMBERS_CSV = "/organisatie/{slug}/deelname/leden.csv"
XLSX = "/organisatie/{slug}/deelname.xlsx"

PROFILE = {"first_name": "Bert", "last_name": "Geheim", "consent_given": "on"}


def counts_row(html, label):
    """The three numbers of the table row headed by label."""
    match = re.search(
        rf'<th scope="row">{re.escape(label)}</th>\s*'
        r'<td class="number">(\d+)</td>\s*<td class="number">(\d+)</td>\s*<td class="number">(\d+)</td>',
        html,
    )
    assert match, f"no row for {label}"
    return tuple(int(number) for number in match.groups())


def page(client, world, slug="acv"):
    client.force_login(world["contact"])
    response = client.get(PAGE.format(slug=slug))
    return response, response.content.decode()


def test_contact_sees_counts_per_course_track_and_programme_year(client, world):
    response, html = page(client, world)

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "4 personen noemen ACV als organisatie in hun profiel." in html
    # Enrolled (confirmed), attended at least one session, completed by the course's rule.
    assert counts_row(html, "Hoe werkt de gemeente?") == (2, 2, 1)
    assert counts_row(html, "Armoede begrijpen") == (2, 0, 0)
    assert counts_row(html, "Politieke vorming") == (2, 2, 1)
    assert counts_row(html, "Sociale vorming") == (2, 0, 0)
    assert counts_row(html, "2025-2026") == (2, 2, 1)
    assert counts_row(html, "Zonder werkjaar") == (2, 0, 0)


def test_only_consenting_members_are_named_and_nobody_s_needs(client, world):
    response, html = page(client, world)

    assert "Ann Peeters" in html and "ann@example.org" in html
    assert "Dirk Claes" in html and "dirk@example.org" in html
    assert "Armoede begrijpen – Gent, najaar" in html
    for hidden in ("Bert", "bert@example.org", "Carla", "carla@example.org", "Een rolstoelplaats", "Eva", "eva@"):
        assert hidden not in html


def test_giving_consent_lists_the_member_at_once(client, world):
    client.force_login(world["bert"])
    saved = client.post(
        "/account/profiel/", {**PROFILE, "partner_organisations": [world["acv"].pk], "shares_participation": "on"}
    )
    assert saved.status_code == 302

    profile = client.get("/account/profiel/").content.decode()
    assert "Mijn organisatie mag zien aan welke vormingen ik deelneem" in profile
    assert "Je gaf deze toestemming op" in profile

    response, html = page(client, world)
    assert "Bert Geheim" in html and "bert@example.org" in html
    assert "Hoe werkt de gemeente?" in html.split("Bert Geheim", 1)[1]
    # Consent shows the name, never the needs.
    assert "Een rolstoelplaats" not in html


def test_withdrawing_consent_removes_the_name_at_once_and_forgets_the_date(client, world):
    ann = world["ann"]
    client.force_login(ann)
    response = client.post(
        "/account/profiel/",
        {
            "first_name": "Ann",
            "last_name": "Peeters",
            "consent_given": "on",
            "partner_organisations": [world["acv"].pk],
        },
    )
    assert response.status_code == 302
    ann.profile.refresh_from_db()
    assert (ann.profile.shares_participation, ann.profile.shares_participation_since) == (False, None)
    assert "Je gaf deze toestemming op" not in client.get("/account/profiel/").content.decode()

    response, html = page(client, world)
    assert "Ann Peeters" not in html and "ann@example.org" not in html
    # Still counted, without a name.
    assert counts_row(html, "Hoe werkt de gemeente?") == (2, 2, 1)


@pytest.mark.parametrize("url", [PAGE, COUNTS_CSV, MEMBERS_CSV, XLSX])
@pytest.mark.parametrize("slug", ["cm", "bestaat-niet"])
def test_another_organisation_is_refused_with_the_site_s_page(client, world, url, slug):
    client.force_login(world["contact"])

    response = client.get(url.format(slug=slug))

    assert response.status_code == 403
    html = response.content.decode()
    assert "Geen toegang" in html and "Mijn academie" in html
    assert "Eva" not in html and "eva@example.org" not in html


@pytest.mark.parametrize("who", ["ann", "bert"])
def test_a_member_or_participant_is_refused(client, world, who):
    client.force_login(world[who])

    assert client.get(PAGE.format(slug="acv")).status_code == 403
    assert client.get("/organisatie/").status_code == 403


def test_anonymous_visitor_is_sent_to_login(client, world):
    response = client.get(PAGE.format(slug="acv"))

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_the_group_alone_or_the_binding_alone_shows_nothing(client, world):
    contact = world["contact"]
    contact.groups.remove(world["group"])
    client.force_login(contact)
    assert client.get(PAGE.format(slug="acv")).status_code == 403

    bystander = make_member("groep@example.org")
    bystander.groups.add(world["group"])
    client.force_login(bystander)
    assert client.get(PAGE.format(slug="acv")).status_code == 403


def test_contact_is_sent_to_their_own_organisation(client, world):
    client.force_login(world["other_contact"])

    response = client.get("/organisatie/")

    assert response.status_code == 302
    assert response["Location"] == PAGE.format(slug="cm")


def test_mijn_academie_links_a_contact_to_their_page(client, world):
    client.force_login(world["contact"])
    assert 'href="/organisatie/acv/deelname/"' in client.get("/mijn/").content.decode()

    client.force_login(world["ann"])
    assert "/organisatie/" not in client.get("/mijn/").content.decode()


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_counts_csv_for_belgian_excel(client, world):
    client.force_login(world["contact"])

    response = client.get(COUNTS_CSV.format(slug="acv"))

    assert response["Content-Disposition"] == 'attachment; filename="deelname-cijfers-acv.csv"'
    assert read_csv(response) == [
        ["Soort", "Naam", "Ingeschreven", "Aanwezig geweest", "Voltooid"],
        ["Vorming", "Armoede begrijpen", "2", "0", "0"],
        ["Vorming", "Hoe werkt de gemeente?", "2", "2", "1"],
        ["Traject", "Politieke vorming", "2", "2", "1"],
        ["Traject", "Sociale vorming", "2", "0", "0"],
        ["Werkjaar", "Zonder werkjaar", "2", "0", "0"],
        ["Werkjaar", "2025-2026", "2", "2", "1"],
    ]


def test_members_csv_names_only_consenting_members(client, world):
    client.force_login(world["contact"])

    rows = read_csv(client.get(MEMBERS_CSV.format(slug="acv")))

    assert rows[0] == ["Naam", "E-mailadres", "Vorming", "Editie", "Begint op", "Aanwezig geweest", "Voltooid"]
    people = {(row[0], row[1], row[2], row[5], row[6]) for row in rows[1:]}
    assert people == {
        ("Ann Peeters", "ann@example.org", "Hoe werkt de gemeente?", "ja", "ja"),
        ("Ann Peeters", "ann@example.org", "Armoede begrijpen", "nee", "nee"),
        ("Dirk Claes", "dirk@example.org", "Armoede begrijpen", "nee", "nee"),
    }
    assert "Geheim" not in str(rows) and "Een rolstoelplaats" not in str(rows)


def test_a_name_that_looks_like_a_formula_stays_text(client, world):
    make_member("formule@example.org", world["acv"], first_name='=HYPERLINK("x")', consents=True)
    client.force_login(world["contact"])

    rows = read_csv(client.get(MEMBERS_CSV.format(slug="acv")))
    assert ['\'=HYPERLINK("x")', "formule@example.org", "", "", "", "", ""] in rows

    workbook = load_workbook(io.BytesIO(client.get(XLSX.format(slug="acv")).content))
    names = [cell.value for cell in workbook["Leden met toestemming"]["A"]]
    assert '=HYPERLINK("x")' in names
    assert workbook["Leden met toestemming"][f"A{names.index('=HYPERLINK("x")') + 1}"].data_type == "s"


def test_xlsx_holds_counts_and_consenting_members(client, world):
    client.force_login(world["contact"])

    response = client.get(XLSX.format(slug="acv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="deelname-acv.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Cijfers", "Leden met toestemming"]
    counts = [list(row) for row in workbook["Cijfers"].iter_rows(values_only=True)]
    assert counts[0] == ["Soort", "Naam", "Ingeschreven", "Aanwezig geweest", "Voltooid"]
    assert ["Vorming", "Hoe werkt de gemeente?", 2, 2, 1] in counts
    assert ["Werkjaar", "2025-2026", 2, 2, 1] in counts
    members = [list(row) for row in workbook["Leden met toestemming"].iter_rows(values_only=True)]
    assert {row[0] for row in members[1:]} == {"Ann Peeters", "Dirk Claes"}
    assert "bert@example.org" not in str(members)


def test_page_takes_the_same_queries_for_many_members(client, world):
    client.force_login(world["contact"])
    url = PAGE.format(slug="acv")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200

    for number in range(40):
        member = make_member(f"lid{number}@example.org", world["acv"], first_name=f"Lid{number}", consents=number % 2)
        enrol(member, world["past"], present=number % 4)
        enrol(member, world["ahead"])

    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert "Lid39" in response.content.decode() and "Lid38" not in response.content.decode()
    assert counts_row(response.content.decode(), "Hoe werkt de gemeente?")[0] == 42
    assert len(many.captured_queries) == len(few.captured_queries)


def test_exports_take_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    for number in range(30):
        member = make_member(f"lid{number}@example.org", world["acv"], consents=True)
        enrol(member, world["past"], present=1)
    client.force_login(world["contact"])

    for url in (COUNTS_CSV, MEMBERS_CSV, XLSX):
        with django_assert_max_num_queries(12):
            assert client.get(url.format(slug="acv")).status_code == 200

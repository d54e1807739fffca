"""The report pages, their charts and exports, and who may see them."""

import csv
import io
import re
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

from django.contrib.auth import get_user_model

from reports.definitions import REPORTS
from reports.dimensions import DIMENSIONS
from reports.exports import render_csv, render_xlsx
from reports.selectors import Column, Figures
from tests import factories

INDEX = "/admin/rapporten/"
SVG = "{http://www.w3.org/2000/svg}"


def report_url(slug, suffix="", **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{INDEX}{slug}/{suffix}" + (f"?{query}" if query else "")


def inline_svg(html):
    match = re.search(r'<svg xmlns="http://www.w3.org/2000/svg".*?</svg>', html, re.S)
    assert match, "no inline chart"
    return match.group(0)


def svg_texts(svg):
    root = ElementTree.fromstring(svg)
    return [
        text.strip()
        for element in root.iter()
        if element.tag in (f"{SVG}text", f"{SVG}title")
        for text in ["".join(element.itertext())]
        if text.strip()
    ]


@pytest.fixture
def steering_client(client, steering_member):
    client.force_login(steering_member)
    return client


def test_report_shows_chart_table_and_definitions_with_dutch_numbers(steering_client, figures):
    response = steering_client.get(report_url("bezetting", dimensie="traject", werkjaar="2025-2026"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<caption>Bezettingsgraad per traject, 2025-2026</caption>" in html
    assert re.search(r'<th scope="row">Politieke vorming</th>\s*<td>1</td><td>4</td><td>3</td><td>75,0</td>', html)
    assert re.search(r'<th scope="row">Sociale vorming</th>\s*<td>2</td><td>7</td><td>3</td><td>42,9</td>', html)
    assert re.search(r'<th scope="row">Totaal</th>\s*<td>3</td><td>11</td><td>6</td><td>54,5</td>', html)
    assert "Bezettingsgraad: bezette plaatsen gedeeld door plaatsen." in html
    assert "export.csv?dimensie=traject&amp;werkjaar=2025-2026" in html


def test_chart_is_svg_without_script_that_carries_the_figures(steering_client, figures):
    html = steering_client.get(report_url("bereik", dimensie="provincie", werkjaar="alle")).content.decode()

    svg = inline_svg(html)
    texts = svg_texts(svg)
    assert "<script" not in svg and "<?xml" not in svg
    assert ElementTree.fromstring(svg).get("role") == "img"
    assert "Bereik per provincie, alle werkjaren" in texts
    assert {"Antwerpen", "Limburg", "Deelnemers", "Unieke personen"} <= set(texts)
    # Antwerpen: 6 participants, 4 people; Limburg: 5 participants, 4 people.
    assert texts.count("6") >= 1 and texts.count("5") >= 1 and texts.count("4") >= 2


def test_percentages_in_the_chart_have_a_decimal_comma(steering_client, figures):
    html = steering_client.get(report_url("no-show", dimensie="provincie", werkjaar="alle")).content.decode()

    texts = svg_texts(inline_svg(html))
    assert {"33,3", "40,0"} <= set(texts)


def test_csv_export_is_for_belgian_excel(steering_client, figures):
    response = steering_client.get(report_url("bezetting", "export.csv", dimensie="traject", werkjaar="2025-2026"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="rapport-bezetting-traject-2025-2026.csv"' in response["Content-Disposition"]
    assert (
        response.content
        == (
            "\ufeffTraject;Edities;Plaatsen;Bezette plaatsen;Bezettingsgraad (%)\r\n"
            "Politieke vorming;1;4;3;75,0\r\n"
            "Sociale vorming;2;7;3;42,9\r\n"
            "Totaal;3;11;6;54,5\r\n"
        ).encode()
    )
    assert response.content.startswith(b"\xef\xbb\xbf")


def test_csv_export_of_reach_writes_hours_with_a_decimal_comma(steering_client, figures):
    response = steering_client.get(report_url("bereik", "export.csv", dimensie="provincie", werkjaar="alle"))

    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines == [
        "Provincie;Deelnemers;Unieke personen;Deelnemersuren",
        "Antwerpen;6;4;9,0",
        "Limburg;5;4;12,0",
        "Totaal;11;6;21,0",
    ]


def test_xlsx_export_holds_numbers_and_the_definitions(steering_client, figures):
    response = steering_client.get(
        report_url("nieuw-terugkerend", "export.xlsx", dimensie="traject", werkjaar="2026-2027")
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook["Cijfers"].iter_rows(values_only=True))
    assert rows == [
        ("Traject", "Unieke personen", "Nieuw", "Terugkerend", "Nieuw (%)"),
        ("Politieke vorming", 3, 1, 2, 33.3),
        ("Sociale vorming", 2, 0, 2, 0),
        ("Totaal", 5, 1, 4, 20),
    ]
    assert workbook["Cijfers"]["E2"].number_format == "0.0"
    notes = [row[0] for row in workbook["Toelichting"].iter_rows(values_only=True)]
    assert notes[0] == "Nieuw en terugkerend per traject, 2026-2027"
    assert any(note.startswith("Terugkerend: wie ook een plaats had") for note in notes)


def test_year_comparison_page_names_both_years(steering_client, figures):
    html = steering_client.get(
        report_url("jaarvergelijking", dimensie="traject", werkjaar="2026-2027")
    ).content.decode()

    assert '<th scope="col">Deelnemers 2025-2026</th><th scope="col">Deelnemers 2026-2027</th>' in html
    assert re.search(r'<th scope="row">Totaal</th>\s*<td>6</td><td>5</td><td>5</td><td>5</td>', html)
    assert "<td>-16,7</td>" in html


@pytest.mark.parametrize("slug", list(REPORTS))
def test_every_report_renders_with_its_defaults(steering_client, figures, slug):
    response = steering_client.get(report_url(slug))

    assert response.status_code == 200
    assert inline_svg(response.content.decode())


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"dimensie": "kleur"}, "Kies een indeling uit de lijst: “kleur” bestaat niet."),
        ({"werkjaar": "1999-2000"}, "Kies een werkjaar uit de lijst: “1999-2000” bestaat niet."),
        ({"dimensie": "<b>x</b>"}, "Kies een indeling uit de lijst: “&lt;b&gt;x&lt;/b&gt;” bestaat niet."),
    ],
)
def test_bad_parameters_get_a_clear_message(steering_client, figures, params, message):
    page = steering_client.get(report_url("bereik", **params))
    export = steering_client.get(report_url("bereik", "export.csv", **params))

    assert page.status_code == 400
    assert message in page.content.decode()
    assert "<svg xmlns" not in page.content.decode()
    assert export.status_code == 400
    assert export.content.decode() == message.replace("&lt;", "<").replace("&gt;", ">")


def test_year_reports_do_not_take_all_years(steering_client, figures):
    response = steering_client.get(report_url("jaarvergelijking", werkjaar="alle"))

    assert response.status_code == 400
    assert "Kies een werkjaar uit de lijst: “alle” bestaat niet." in response.content.decode()


def test_year_reports_without_any_programme_year_say_so(steering_client, site):
    response = steering_client.get(report_url("nieuw-terugkerend"))

    assert response.status_code == 400
    assert "Er is nog geen werkjaar: dit rapport vergelijkt werkjaren." in response.content.decode()


def test_unknown_report_is_not_found(steering_client, figures):
    assert steering_client.get(report_url("salarissen")).status_code == 404
    assert steering_client.get(report_url("salarissen", "export.csv")).status_code == 404


def test_index_lists_every_report(steering_client, figures):
    html = steering_client.get(INDEX).content.decode()

    for report in REPORTS.values():
        assert f'href="{INDEX}{report.slug}/"' in html


@pytest.mark.parametrize("who", ["steering_member", "staff_member"])
def test_steering_group_and_staff_see_reports_and_their_menu_items(client, figures, request, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(INDEX).status_code == 200
    assert client.get(report_url("bereik")).status_code == 200
    assert client.get(report_url("bereik", "export.xlsx")).status_code == 200
    assert report_url("bereik") in client.get("/admin/").content.decode()


def test_superuser_sees_the_reports(client, figures):
    admin = get_user_model().objects.create_superuser("beheer@example.org", "beheer@example.org", "wachtwoord-123")
    client.force_login(admin)

    assert client.get(report_url("bereik")).status_code == 200


@pytest.mark.parametrize("who", ["trainer", "participant"])
@pytest.mark.parametrize("path", [INDEX, report_url("bereik"), report_url("bereik", "export.csv")])
def test_trainers_and_participants_get_the_403_page(client, figures, request, who, path):
    user = factories.make_person() if who == "participant" else request.getfixturevalue("trainer")
    client.force_login(user)

    response = client.get(path)

    assert response.status_code == 403
    assert b"Traject" not in response.content


def test_trainers_see_no_report_in_the_menu(client, figures, trainer):
    client.force_login(trainer)

    assert report_url("bereik") not in client.get("/admin/").content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, figures):
    response = client.get(report_url("bereik", "export.csv"))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")


@pytest.mark.parametrize("slug", list(REPORTS))
def test_report_page_takes_the_same_queries_with_few_and_many_rows(
    request, steering_client, figures, slug, django_assert_num_queries
):
    url = report_url(slug, dimensie="partnerorganisatie", werkjaar="2026-2027")
    steering_client.get(url)
    expected = PAGE_QUERIES[slug]
    with django_assert_num_queries(expected):
        few = steering_client.get(url)
    request.getfixturevalue("many_rows")
    with django_assert_num_queries(expected):
        many = steering_client.get(url)

    assert few.status_code == many.status_code == 200
    assert many.content.decode().count('<th scope="row">') > few.content.decode().count('<th scope="row">')


# 13 for the page (session, user, groups, programme years, the admin's menu and sidebar),
# the rest the report's own (see tests/reports/test_figures.py).
PAGE_QUERIES = {
    "bereik": 13 + 4,
    "bezetting": 13 + 4,
    "wachtlijst": 13 + 2,
    "no-show": 13 + 2,
    "nieuw-terugkerend": 13 + 2,
    "jaarvergelijking": 13 + 5,
}


def test_exports_never_turn_a_name_into_a_formula():
    figures = Figures(
        columns=[Column("participants", "Deelnemers")],
        rows=[('=HYPERLINK("http://x")', {"participants": 2}), ("Gewoon", {"participants": 1})],
        total={"participants": 3},
    )
    dimension = DIMENSIONS["partnerorganisatie"]

    csv_text = render_csv(figures, dimension=dimension, total_label="Totaal").decode("utf-8-sig")
    sheet = load_workbook(
        io.BytesIO(render_xlsx(figures, dimension=dimension, total_label="Totaal", title="t", explanation=[]))
    ).active

    assert csv_text.splitlines()[1] == '"\'=HYPERLINK(""http://x"")";2'
    assert [row[0] for row in csv.reader(io.StringIO(csv_text), delimiter=";")][1:] == [
        '\'=HYPERLINK("http://x")',
        "Gewoon",
        "Totaal",
    ]
    assert sheet["A2"].value == '=HYPERLINK("http://x")'
    assert sheet["A2"].data_type == "s"

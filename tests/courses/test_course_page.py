import json
import re

from tests.factories import fill_edition, make_edition, make_venue


def json_ld(response):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S)
    return json.loads(match.group(1))


def test_course_page_shows_what_a_participant_needs_to_decide(client, offer):
    venue = make_venue(province="brussel", name="Huis van de Mens", municipality="Brussel", step_free=True)
    make_edition(offer["course"], province="brussel", venue=venue, capacity=12, starts_in_days=50)

    html = client.get(offer["course"].url).content.decode()

    assert "Hoe werkt de gemeente?" in html
    assert "Huis van de Mens" in html
    assert "Drempelvrij" in html
    assert "Nog 12 plaatsen vrij" in html
    assert "Gratis" in html
    assert html.count('<h3 id="editie-') == 2


def test_full_edition_says_volzet(client, offer):
    fill_edition(offer["edition"])

    html = client.get(offer["course"].url).content.decode()

    assert "Volzet" in html


def test_course_page_carries_schema_org_course_data(client, offer):
    data = json_ld(client.get(offer["course"].url))

    assert data["@type"] == "Course"
    assert data["name"] == "Hoe werkt de gemeente?"
    [instance] = data["hasCourseInstance"]
    assert instance["@type"] == "CourseInstance"
    assert instance["startDate"].startswith(offer["edition"].starts_at.astimezone().date().isoformat()[:4])
    assert instance["offers"]["availability"] == "https://schema.org/InStock"


def test_json_ld_cannot_break_out_of_its_script(client, offer):
    course = offer["course"]
    course.summary = "</script><script>alert(1)</script>"
    course.save_revision().publish()

    response = client.get(course.url)

    assert "<script>alert(1)" not in response.content.decode()
    assert json_ld(response)["description"] == "</script><script>alert(1)</script>"


def test_track_and_package_pages_list_their_courses(client, offer):
    track_html = client.get(offer["track"].url).content.decode()
    package_html = client.get(offer["basic"].url).content.decode()

    assert "Hoe werkt de gemeente?" in track_html
    assert "Hoe werkt de gemeente?" in package_html
    assert "Verplichte vormingen" in package_html


def test_home_page_lists_tracks_and_upcoming_editions(client, offer):
    html = client.get("/").content.decode()

    assert "Politieke vorming" in html
    assert "Hoe werkt de gemeente?" in html

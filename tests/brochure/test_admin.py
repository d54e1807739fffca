"""Staff have brochures made in the admin and download them there; the public gets the main one."""

from datetime import date

import pytest
from django_tasks_db.models import DBTaskResult

from brochure.models import Brochure
from courses.models import ProgrammeYear
from roles.groups import STAFF, STEERING_GROUP, TRAINERS
from tests.brochure.conftest import make_brochure, make_member, pdf_text, read_pdf
from tests.factories import make_partner

INDEX = "/admin/brochures/"
MAKE = "/admin/brochures/new/"


@pytest.fixture
def staff_client(client, roles):
    client.force_login(make_member("medewerker@example.org", STAFF))
    return client


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def queued_brochure_tasks():
    return DBTaskResult.objects.filter(task_path="brochure.tasks.make_brochure_pdf")


def test_make_action_queues_the_task_and_the_worker_makes_the_pdf(
    staff_client, year, database_tasks, run_worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(MAKE, {"programme_year": year.pk, "variant": "programma"}, follow=True)

    assert response.redirect_chain[-1][0] == INDEX
    assert any("op de achtergrond gemaakt" in message for message in messages_of(response))
    brochure = Brochure.objects.get()
    assert brochure.status == Brochure.Status.QUEUED and not brochure.pdf
    task = queued_brochure_tasks().get()
    assert task.args_kwargs["args"] == [brochure.pk]

    run_worker()

    brochure.refresh_from_db()
    assert brochure.status == Brochure.Status.READY
    download = staff_client.get(f"/admin/brochures/pdf/{brochure.pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert 'filename="programma-2026-2027.pdf"' in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    listing = staff_client.get(INDEX)
    assert "Volledig programma" in listing.content.decode()
    assert f"/admin/brochures/pdf/{brochure.pk}/" in listing.content.decode()


def test_variant_without_its_partner_is_refused_with_a_message(staff_client, year, database_tasks):
    response = staff_client.post(MAKE, {"programme_year": year.pk, "variant": "partner"})

    assert response.status_code == 200
    assert "Kies de partnerorganisatie van deze versie." in response.content.decode()
    assert not Brochure.objects.exists()
    assert not queued_brochure_tasks().exists()


def test_partner_variant_is_queued_for_that_partner(
    staff_client, year, database_tasks, django_capture_on_commit_callbacks
):
    acv = make_partner("ACV")
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            MAKE, {"programme_year": year.pk, "variant": "partner", "partner": acv.pk, "province": "limburg"}
        )

    brochure = Brochure.objects.get()
    assert (brochure.variant, brochure.partner, brochure.province) == (Brochure.Variant.PARTNER, acv, "")
    assert queued_brochure_tasks().count() == 1


def test_unpublished_year_is_refused_with_a_message(staff_client, offer, database_tasks):
    draft_year = ProgrammeYear.objects.create(name="2030-2031", starts_on=date(2030, 9, 1), ends_on=date(2031, 8, 31))

    response = staff_client.post(MAKE, {"programme_year": draft_year.pk, "variant": "programma"})

    assert response.status_code == 200
    assert any("nog niet gepubliceerd" in message for message in messages_of(response))
    assert not Brochure.objects.exists()


def test_remake_queues_the_same_brochure_again(staff_client, year, database_tasks, django_capture_on_commit_callbacks):
    brochure = Brochure.objects.create(programme_year=year, province="limburg", variant=Brochure.Variant.PROVINCE)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(f"/admin/brochures/remake/{brochure.pk}/")

    assert response.status_code == 302
    assert Brochure.objects.get() == brochure
    assert queued_brochure_tasks().get().args_kwargs["args"] == [brochure.pk]


@pytest.mark.parametrize("group_name", [TRAINERS, None])
def test_download_and_making_are_refused_without_the_permission(client, roles, year, group_name):
    brochure = make_brochure(year)
    user = make_member("lesgever@example.org", group_name) if group_name else None
    if user is None:
        user = make_member("iemand@example.org", TRAINERS)
        user.groups.clear()
    client.force_login(user)

    assert client.get(f"/admin/brochures/pdf/{brochure.pk}/").status_code in (302, 403)
    assert client.post(MAKE, {"programme_year": year.pk, "variant": "programma"}).status_code in (302, 403)
    assert client.post(f"/admin/brochures/remake/{brochure.pk}/").status_code in (302, 403)
    assert client.post("/admin/brochures/remake/999999/").status_code in (302, 403)
    assert Brochure.objects.get().requested_by is None


def test_steering_group_downloads_but_does_not_make(client, roles, year):
    brochure = make_brochure(year)
    client.force_login(make_member("stuurgroep@example.org", STEERING_GROUP))

    download = client.get(f"/admin/brochures/pdf/{brochure.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert client.get(MAKE).status_code in (302, 403)


def test_anonymous_visitors_are_sent_to_the_login(client, year):
    brochure = make_brochure(year)
    response = client.get(f"/admin/brochures/pdf/{brochure.pk}/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_public_link_and_download_only_for_a_published_year_with_its_pdf(
    client, year, site, django_capture_on_commit_callbacks
):
    catalogue = site["catalogue"].url
    assert "Download het programma (PDF)" not in client.get(catalogue).content.decode()
    assert client.get("/programma/2026-2027.pdf").status_code == 404

    brochure = make_brochure(year)

    page = client.get(catalogue).content.decode()
    assert "Download het programma (PDF)" in page
    assert 'href="/programma/2026-2027.pdf"' in page
    download = client.get("/programma/2026-2027.pdf")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert "Programma 2026-2027" in pdf_text(read_pdf(brochure))

    with django_capture_on_commit_callbacks(execute=True):
        year.is_published = False
        year.save()

    assert "Download het programma (PDF)" not in client.get(catalogue).content.decode()
    assert client.get("/programma/2026-2027.pdf").status_code == 404


def test_variants_are_never_public(client, year):
    make_brochure(year, province="limburg")

    assert "Download het programma (PDF)" not in client.get("/aanbod/").content.decode()
    assert client.get("/programma/2026-2027.pdf").status_code == 404
    assert client.get("/programma/limburg.pdf").status_code == 404

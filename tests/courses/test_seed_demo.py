from io import StringIO

from django.core.management import call_command

from wagtail.models import Page, Site

from certificates.models import Certificate
from courses.choices import CourseFormat, Province
from courses.models import CoursePage, Edition, PackagePage, TrackPage


def test_seed_demo_fills_an_empty_database_and_is_safe_to_run_again(client, db):
    output = StringIO()
    call_command("seed_demo", stdout=output)
    counts = (CoursePage.objects.count(), Edition.objects.count())

    call_command("seed_demo", stdout=StringIO())

    assert (CoursePage.objects.count(), Edition.objects.count()) == counts
    assert TrackPage.objects.count() == 3
    assert PackagePage.objects.filter(level="basis").count() == 3
    assert PackagePage.objects.filter(level="verdieping", required_package__level="basis").count() == 3
    assert counts[0] >= 30
    assert counts[1] >= 60
    assert set(Edition.objects.values_list("province", flat=True)) == set(Province.values)
    assert set(CoursePage.objects.values_list("format", flat=True)) == set(CourseFormat.values)
    for role in ("deelnemer@example.org", "lesgever@example.org", "stuurgroep@example.org", "medewerker@example.org"):
        assert role in output.getvalue()

    response = client.get("/aanbod/")
    assert response.status_code == 200
    assert f"{Edition.objects.in_catalogue().count()} vormingen gevonden" in response.content.decode()
    assert "Volzet" in client.get("/aanbod/?q=gemeenteraad").content.decode()
    assert client.login(username="deelnemer@example.org", password="demo-academie-2026")
    # The demo participant attended a past edition: its certificate waits in Mijn academie.
    [certificate] = Certificate.objects.filter(person__username="deelnemer@example.org")
    assert f"/mijn/attesten/{certificate.code}.pdf" in client.get("/mijn/").content.decode()
    assert Certificate.objects.count() == 4


def test_seed_demo_scale_multiplies_the_offer(db):
    call_command("seed_demo", "--scale", "2", stdout=StringIO())

    assert CoursePage.objects.count() == 60


def test_seed_demo_takes_over_wagtails_first_site(client, db):
    # What Wagtail's own migrations leave in a fresh database: a site at localhost:80 whose
    # root is a plain welcome page.
    Site.objects.all().delete()
    welcome = Page.get_first_root_node().add_child(instance=Page(title="Welcome", slug="welkom-wagtail"))
    Site.objects.create(hostname="localhost", port=80, root_page=welcome, is_default_site=True)

    call_command("seed_demo", stdout=StringIO())

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("testserver", 80)
    assert client.get("/aanbod/").status_code == 200
    assert not Page.objects.filter(pk=welcome.pk).exists()

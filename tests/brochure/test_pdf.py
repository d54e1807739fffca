"""The brochure as printed: real PDFs laid out by WeasyPrint and read back with pypdf."""

from datetime import date, timedelta

import pytest

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from brochure import services
from brochure.exceptions import PdfNotWritten, ProgrammeYearNotPublished
from brochure.models import Brochure
from brochure.rendering import render_brochure
from courses.models import Edition, ProgrammeYear
from tests.brochure.conftest import make_brochure, page_text, pdf_text, read_pdf
from tests.factories import make_course, make_edition, make_partner, make_track

A5 = (419.5, 595.3)  # points


def add_courses(parent, year, count, *, prefix="Vorming", province="antwerpen", partners=()):
    courses = []
    for number in range(count):
        course = make_course(parent, title=f"{prefix} {number + 1}", partners=partners)
        make_edition(course, programme_year=year, province=province, starts_in_days=40 + number)
        courses.append(course)
    return courses


def test_main_brochure_is_an_a5_booklet_with_the_year_its_introduction_and_offer(year, offer):
    acv = make_partner("ACV")
    make_course(offer["advanced"], title="Onderhandelen in de gemeenteraad", partners=[acv])
    course = offer["advanced"].get_children().specific().last()
    edition = make_edition(course, programme_year=year, province="west-vlaanderen", starts_in_days=60, price=25)

    brochure = make_brochure(year)

    assert brochure.status == Brochure.Status.READY
    reader = read_pdf(brochure)
    for page in reader.pages:
        assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == A5
    assert len(reader.pages) == brochure.page_count >= 5
    text = pdf_text(reader)
    assert "Programma 2026-2027" in text
    assert "Sociale en Politieke Academie" in text
    assert "samen leren over politiek en samenleving" in text
    assert "Hoe werkt de gemeente?" in text and "Onderhandelen in de gemeenteraad" in text
    assert "met ACV" in text
    assert "€ 25,00" in text and "Gratis" in text
    day = edition.starts_at.astimezone().strftime("%-d/%m/%Y")
    assert day in text
    # The index by province: a heading per province with editions, in the order of the provinces.
    province_index = page_text(reader.pages[-1])
    assert province_index.count("Per provincie") == 2  # the title and the running header
    assert province_index.index("Limburg") < province_index.index("West-Vlaanderen")
    assert "Oost-Vlaanderen" not in province_index
    # The running header names the track on its pages, and every page after the cover is numbered.
    assert page_text(reader.pages[2]).count("Politieke vorming") == 2
    for number, page in enumerate(reader.pages[1:], start=2):
        assert str(number) in page_text(page).split()


def test_brochure_leaves_out_what_is_not_public(year, offer, site):
    draft_course = make_course(offer["basic"], title="Conceptvorming")
    make_edition(draft_course, programme_year=year, status=Edition.Status.DRAFT)
    submitted_course = make_course(offer["basic"], title="Ingediende vorming")
    make_edition(submitted_course, programme_year=year, status=Edition.Status.SUBMITTED)
    cancelled_course = make_course(offer["basic"], title="Geschrapte vorming")
    make_edition(cancelled_course, programme_year=year, status=Edition.Status.CANCELLED)
    unpublished_course = make_course(offer["basic"], title="Onzichtbare vorming")
    make_edition(unpublished_course, programme_year=year)
    unpublished_course.unpublish()
    retired_course = make_course(offer["basic"], title="Afgevoerde vorming", is_retired=True)
    make_edition(retired_course, programme_year=year)
    other_year = ProgrammeYear.objects.create(
        name="2027-2028", starts_on=date(2027, 9, 1), ends_on=date(2028, 8, 31), is_published=False
    )
    hidden_course = make_course(offer["basic"], title="Vorming van volgend jaar")
    make_edition(hidden_course, programme_year=other_year)

    text = pdf_text(read_pdf(make_brochure(year)))

    assert "Hoe werkt de gemeente?" in text
    for title in (
        "Conceptvorming",
        "Ingediende vorming",
        "Geschrapte vorming",
        "Onzichtbare vorming",
        "Afgevoerde vorming",
        "Vorming van volgend jaar",
    ):
        assert title not in text


def test_page_count_grows_with_the_offer(year, offer):
    small = make_brochure(year).page_count
    add_courses(offer["basic"], year, 20)
    large = make_brochure(year)
    assert large.page_count > small
    assert len(read_pdf(large).pages) == large.page_count
    assert "Vorming 20" in pdf_text(read_pdf(large))


def test_partner_variant_holds_only_the_courses_the_partner_co_organises(year, offer):
    acv, femma = make_partner("ACV"), make_partner("Femma")
    add_courses(offer["basic"], year, 2, prefix="ACV-vorming", partners=[acv])
    add_courses(offer["advanced"], year, 2, prefix="Femma-vorming", partners=[femma])

    brochure = make_brochure(year, partner=acv)

    text = pdf_text(read_pdf(brochure))
    assert "ACV-vorming 1" in text and "ACV-vorming 2" in text
    assert "Femma-vorming" not in text
    assert "Hoe werkt de gemeente?" not in text
    assert brochure.file_slug() == "programma-2026-2027-acv"


def test_province_variant_holds_only_the_editions_in_the_province(year, offer):
    add_courses(offer["basic"], year, 2, prefix="Gentse vorming", province="oost-vlaanderen")
    add_courses(offer["basic"], year, 2, prefix="Brugse vorming", province="west-vlaanderen")
    both = make_course(offer["advanced"], title="Vorming op twee plaatsen")
    make_edition(both, programme_year=year, province="oost-vlaanderen", label="Gent, najaar")
    make_edition(both, programme_year=year, province="limburg", label="Hasselt, voorjaar")

    text = pdf_text(read_pdf(make_brochure(year, province="oost-vlaanderen")))

    assert "Gentse vorming 1" in text and "Gentse vorming 2" in text
    assert "Gent, najaar" in text
    assert "Hasselt, voorjaar" not in text
    assert "Brugse vorming" not in text
    assert "Hoe werkt de gemeente?" not in text


def test_each_track_gets_its_own_section(year, offer, site):
    second = make_track(site["catalogue"], slug="sociale-vorming", title="Sociale vorming")
    add_courses(second, year, 1, prefix="Losse studiedag")

    text = pdf_text(read_pdf(make_brochure(year)))

    assert text.index("Politieke vorming") < text.index("Sociale vorming") < text.index("Losse studiedag 1")
    assert "Losse vormingen" in text


def test_queries_do_not_grow_with_the_offer(year, offer):
    brochure = Brochure.objects.create(programme_year=year)
    render_brochure(brochure)  # the site root paths and the logo are cached after a first run
    with CaptureQueriesContext(connection) as small:
        render_brochure(brochure)
    acv = make_partner("ACV")
    add_courses(offer["basic"], year, 12, partners=[acv])
    add_courses(offer["advanced"], year, 12, province="limburg")
    with CaptureQueriesContext(connection) as large:
        render_brochure(brochure)
    assert len(large.captured_queries) == len(small.captured_queries) <= 10


def test_an_unpublished_year_gets_no_brochure(offer):
    draft_year = ProgrammeYear.objects.create(name="2030-2031", starts_on=date(2030, 9, 1), ends_on=date(2031, 8, 31))
    with pytest.raises(ProgrammeYearNotPublished):
        services.request_brochure(draft_year)
    assert not Brochure.objects.exists()


def test_a_failed_remake_keeps_the_previous_pdf_whole(year, offer, monkeypatch):
    brochure = make_brochure(year)
    previous_name, previous_bytes = brochure.pdf.name, brochure.pdf.read()
    brochure.pdf.close()
    storage = brochure.pdf.storage

    def refuse(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(type(storage), "save", refuse)
    with pytest.raises(PdfNotWritten):
        services.make_brochure(brochure)
    monkeypatch.undo()

    brochure.refresh_from_db()
    assert brochure.status == Brochure.Status.FAILED
    assert brochure.pdf.name == previous_name
    with storage.open(previous_name, "rb") as file:
        assert file.read() == previous_bytes


def test_a_failure_after_the_file_is_written_leaves_no_file_behind(year, offer, monkeypatch):
    brochure = make_brochure(year)
    storage = brochure.pdf.storage
    files_before = set(storage.listdir("brochures")[1])

    def fail(**kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(services, "schedule_invalidation", fail)
    with pytest.raises(RuntimeError):
        services.make_brochure(brochure)

    brochure.refresh_from_db()
    assert brochure.status == Brochure.Status.FAILED
    assert set(storage.listdir("brochures")[1]) == files_before
    assert storage.exists(brochure.pdf.name)


def test_a_remake_replaces_the_file_and_deletes_the_old_one(year, offer, django_capture_on_commit_callbacks):
    first = make_brochure(year)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.make_brochure(first)
    assert second.pdf.name != first.pdf.name
    assert second.pdf.storage.exists(second.pdf.name)
    assert not first.pdf.storage.exists(first.pdf.name)


def test_orphan_files_are_deleted(year, offer):
    brochure = make_brochure(year)
    storage = brochure.pdf.storage
    orphan = storage.save("brochures/half.pdf", ContentFile(b"%PDF-1.7 half"))

    assert orphan in services.delete_orphan_brochure_files(older_than=timedelta(0))
    assert not storage.exists(orphan)
    assert storage.exists(brochure.pdf.name)
    young = storage.save("brochures/young.pdf", ContentFile(b"%PDF-1.7 still being committed"))
    assert young not in services.delete_orphan_brochure_files()
    assert storage.exists(young)
    storage.delete(young)

import gc
from datetime import date
from io import BytesIO

import pytest
from PIL import Image as PILImage

from django.core.files.images import ImageFile

from wagtail.images.models import Image

from courses.models import Edition, ProgrammeYear, Trainer


def test_editions_of_a_programme_year_in_preparation_stay_out_of_the_catalogue(
    client, offer, django_capture_on_commit_callbacks
):
    year = ProgrammeYear.objects.create(name="2027-2028", starts_on=date(2027, 9, 1), ends_on=date(2028, 8, 31))
    Edition.objects.filter(pk=offer["edition"].pk).update(programme_year=year)

    assert "0 vormingen gevonden" in client.get("/aanbod/").content.decode()

    year.is_published = True
    with django_capture_on_commit_callbacks(execute=True):
        year.save()

    assert "1 vorming gevonden" in client.get("/aanbod/").content.decode()


# Wagtail's rendition pipeline leaves a SpooledTemporaryFile for the garbage collector.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_course_page_shows_its_trainers_with_photo_and_organisation(client, offer):
    buffer = BytesIO()
    PILImage.new("RGB", (200, 200), "teal").save(buffer, "PNG")
    photo = Image.objects.create(title="Luc", file=ImageFile(buffer, name="luc.png"))
    from tests.factories import make_partner

    trainer = Trainer.objects.create(
        name="Luc Peeters", bio="Oud-schepen.", organisation=make_partner("OKRA"), photo=photo
    )
    offer["course"].trainers.add(trainer)
    offer["course"].save_revision().publish()

    html = client.get(offer["course"].url).content.decode()

    assert "Luc Peeters (OKRA): Oud-schepen." in html
    assert 'class="trainer-photo"' in html
    # Collect the leftover file here, inside this test's warning filter, not in a later test.
    gc.collect()

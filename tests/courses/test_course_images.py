"""Course images through Wagtail renditions: srcset, AVIF and WebP, the focal point, sizes."""

import re
from io import BytesIO

import pytest
from PIL import Image as PillowImage

from django.core.cache import cache
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images import get_image_model

from tests.factories import make_course, make_edition


def make_image(*, description="Deelnemers rond een tafel", focal_point=None):
    buffer = BytesIO()
    PillowImage.new("RGB", (1600, 900), (30, 60, 110)).save(buffer, format="JPEG")
    image = get_image_model()(
        title="Vorming",
        description=description,
        file=ImageFile(buffer, name="vorming.jpg"),
    )
    if focal_point:
        image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = focal_point
    image.save()
    return image


@pytest.fixture
def pictured(offer):
    course = offer["course"]
    course.image = make_image()
    course.save_revision().publish()
    return course


def pictures(html):
    return re.findall(r"<picture>.*?</picture>", html, re.S)


def assert_modern_responsive_picture(picture):
    assert re.search(r'<source[^>]*srcset="[^"]*\.avif [0-9]+w[^"]*\.avif [0-9]+w"[^>]*type="image/avif"', picture)
    assert re.search(r'<source[^>]*srcset="[^"]*\.webp [0-9]+w[^"]*\.webp [0-9]+w"[^>]*type="image/webp"', picture)
    img = re.search(r"<img [^>]*>", picture).group(0)
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
    assert 'alt="Deelnemers rond een tafel"' in img
    assert "sizes=" in picture


def test_course_page_shows_its_image_in_modern_formats_not_lazily(client, pictured):
    [picture] = pictures(client.get(pictured.url).content.decode())

    assert_modern_responsive_picture(picture)
    # Above the fold: the page's largest paint, fetched at once.
    assert 'loading="lazy"' not in picture
    assert 'fetchpriority="high"' in picture


def test_cards_show_the_image_lazily_on_home_track_and_package_pages(client, offer, pictured):
    for url in ("/", offer["track"].url, offer["basic"].url):
        found = pictures(client.get(url).content.decode())
        assert found, url
        for picture in found:
            assert_modern_responsive_picture(picture)
            assert 'loading="lazy"' in picture


def test_a_course_without_image_shows_no_picture(client, offer):
    assert pictures(client.get(offer["course"].url).content.decode()) == []


def test_the_crop_follows_the_focal_point(db):
    buffer = BytesIO()
    halves = PillowImage.new("RGB", (1600, 900), (0, 0, 255))
    halves.paste((255, 0, 0), (800, 0, 1600, 900))
    halves.save(buffer, format="PNG")
    image = get_image_model()(title="Twee helften", file=ImageFile(buffer, name="helften.png"))
    image.save()
    centred = image.get_rendition("fill-400x400-c75")
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = 1400, 450, 100, 100
    image.save()

    focused = image.get_rendition("fill-400x400-c75")

    def left_edge_colour(rendition):
        with rendition.file.open() as file:
            return PillowImage.open(file).convert("RGB").getpixel((10, 200))

    assert (focused.width, focused.height) == (400, 400)
    # Without a focal point the square is cut from the middle, its left edge in the blue half;
    # with one on the right, the whole square comes from the red half.
    assert left_edge_colour(centred)[2] > 200
    assert left_edge_colour(focused)[0] > 200


def test_cards_with_images_take_the_same_queries_for_one_course_or_many(client, offer, pictured):
    url = offer["basic"].url
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for number in range(4):
        make_edition(make_course(offer["basic"], title=f"Keuze {number}", image=pictured.image))
    cache.clear()

    with CaptureQueriesContext(connection) as five:
        html = client.get(url).content.decode()

    assert len(pictures(html)) == 5
    assert len(five) <= len(one)

"""One name and one logo in every header, mail and certificate; one colour per track."""

import pytest

from django.core.files.base import ContentFile
from django.template import Context, Template

from wagtail.images import get_image_model
from wagtail.models import Site

from academy.models import SiteSettings
from courses.choices import TRACK_COLOUR_HEX, TrackColour
from tests import factories

SVG_LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40" width="120" height="40">'
    b'<rect width="120" height="40" fill="#7a1f3d"/></svg>'
)


def contrast_with_white(hex_colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    return 1.05 / (luminance + 0.05)


@pytest.fixture
def svg_logo(site):
    logo = get_image_model().objects.create(title="Logo", file=ContentFile(SVG_LOGO, name="academie.svg"))
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.logo = logo
    site_settings.save()
    return logo


def test_the_header_shows_the_default_logo_beside_the_academy_s_name(client, site):
    html = client.get("/").content.decode()

    assert (
        '<a class="site-name" href="/"><img class="site-logo" src="/static/img/logo.svg" alt="" height="48">'
        "<span>Sociale en Politieke Academie</span></a>"
    ) in html


def test_an_svg_logo_set_in_the_site_settings_replaces_the_default(client, svg_logo):
    html = client.get("/").content.decode()

    assert f'<img class="site-logo" src="{svg_logo.file.url}"' in html
    assert '/static/img/logo.svg" alt' not in html


def test_mails_get_the_logo_at_the_site_s_full_address(site, svg_logo):
    rendered = Template("{% load academy_brand %}{% academy_logo_url absolute=True %}").render(Context())

    assert rendered == f"http://localhost{svg_logo.file.url}"


def test_error_pages_show_the_default_logo(client, db):
    html = client.get("/bestaat-niet/").content.decode()

    assert '<img class="site-logo" src="/static/img/logo.svg"' in html


@pytest.mark.parametrize("colour", TrackColour.values)
def test_every_track_colour_holds_white_text_at_aa_contrast(colour):
    assert contrast_with_white(TRACK_COLOUR_HEX[colour]) >= 4.5


def test_a_track_s_colour_is_the_same_on_its_page_its_courses_and_their_cards(client, offer):
    track = offer["track"]
    track.colour = TrackColour.PURPLE
    track.save_revision().publish()
    style = 'style="--track: #6b2c91"'

    track_page = client.get(track.url).content.decode()
    course_page = client.get(offer["course"].url).content.decode()
    package_page = client.get(offer["basic"].url).content.decode()
    catalogue = client.get("/aanbod/").content.decode()

    assert f'<body class="in-track" {style}>' in track_page
    assert f'<body class="in-track" {style}>' in course_page
    assert f'<body class="in-track" {style}>' in package_page
    assert f'<article class="edition-card" {style}>' in catalogue
    assert '<span class="track-chip">Politieke vorming</span>' in catalogue


def test_new_tracks_without_a_colour_get_the_default_one(client, site):
    track = factories.make_track(site["catalogue"])

    assert 'style="--track: #0b5394"' in client.get(track.url).content.decode()

"""Lay a brochure out as an A5 booklet with WeasyPrint: a cover, the introduction, the offer
per track and package with a QR code to each course page, an index by date and one by
province. Page numbers and running headers come from the stylesheet (CSS paged media)."""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from wagtail.models import Site

from academy.pdf import render_document
from brochure.models import Brochure
from brochure.selectors import BrochureOffer, get_brochure_offer
from certificates.rendering import logo_data_uri, qr_code_data_uri
from certificates.selectors import get_issuer
from courses.choices import Province

STYLESHEET = "brochure/brochure.css"

# A colour per track, in the order of the tracks in the page tree; each has a contrast of
# at least 7:1 on white, so headers and bands also read in a black-and-white copy.
TRACK_COLOURS = ("#7a1f3d", "#1f4f7a", "#2f5f1f", "#6b3f0f", "#4b1f6b", "#0f5f5a")


@dataclass
class RenderedBrochure:
    content: bytes
    page_count: int


def track_colour(number: int) -> str:
    return TRACK_COLOURS[number % len(TRACK_COLOURS)]


def _day(moment) -> str:
    return date_format(timezone.localtime(moment), "D j/m/Y")


def _time(moment) -> str:
    return date_format(timezone.localtime(moment), "H:i")


def _price(edition) -> str:
    if not edition.price:
        return _("Gratis")
    return f"€ {number_format(edition.price, decimal_pos=2)}"


def _accessibility(venue) -> str:
    features = [
        label
        for present, label in (
            (venue.step_free, _("rolstoeltoegankelijk")),
            (venue.hearing_loop, _("ringleiding")),
            (venue.public_transport, _("met het openbaar vervoer")),
        )
        if present
    ]
    text = ", ".join(features) if features else _("geen toegankelijkheid opgegeven")
    if venue.accessibility_notes:
        text = f"{text}. {venue.accessibility_notes}"
    return text


def edition_context(edition) -> dict:
    """What the brochure prints of an edition, worded once for the course and both indexes."""
    sessions = list(edition.sessions.all())
    venues = list({session.venue_id: session.venue for session in sessions if session.venue_id}.values())
    online = any(session.is_online for session in sessions)
    places = [f"{venue.name}, {venue.address}" for venue in venues]
    if online:
        places.append(_("online"))
    return {
        "anchor": f"editie-{edition.pk}",
        "label": edition.label,
        "sessions": [
            {"day": _day(session.starts_at), "hours": f"{_time(session.starts_at)}–{_time(session.ends_at)}"}
            for session in sessions
        ],
        "first_day": _day(edition.starts_at) if edition.starts_at else "",
        "municipality": ", ".join(venue.municipality for venue in venues) or _("online"),
        "places": places,
        "province": edition.get_province_display(),
        "price": _price(edition),
        "accessibility": [{"venue": venue.name, "text": _accessibility(venue)} for venue in venues],
    }


def _course_context(entry, *, site_url: str, root_path: str) -> dict:
    course = entry.course
    url = site_url + "/" + course.url_path[len(root_path) :]
    return {
        "anchor": f"vorming-{course.pk}",
        "title": course.title,
        "summary": course.summary,
        "format": course.get_format_display(),
        "is_required": course.is_required and course.package_id is not None,
        "partners": ", ".join(partner.name for partner in course.partner_organisations.all()),
        "url": url,
        "qr_code": qr_code_data_uri(url),
        "editions": entry.edition_contexts,
    }


def brochure_context(brochure: Brochure, offer: BrochureOffer) -> dict:
    issuer = get_issuer()
    site_url = issuer.site_url
    root_path = _site_root_path()
    by_pk = {edition.pk: edition_context(edition) for edition in offer.editions}
    tracks = []
    for section in offer.tracks:
        for entry in section.entries():
            entry.edition_contexts = [by_pk[edition.pk] for edition in entry.editions]
        tracks.append(
            {
                "number": section.number,
                "colour": track_colour(section.number),
                "title": section.track.title,
                "summary": section.track.summary,
                "packages": [
                    {
                        "title": package.package.title,
                        "level": package.package.get_level_display(),
                        "summary": package.package.summary,
                        "courses": [
                            _course_context(entry, site_url=site_url, root_path=root_path) for entry in package.courses
                        ],
                    }
                    for package in section.packages
                ],
                "loose_courses": [
                    _course_context(entry, site_url=site_url, root_path=root_path) for entry in section.loose_courses
                ],
            }
        )
    course_titles = {edition.pk: edition.course.title for edition in offer.editions}
    index_by_date = [{**by_pk[edition.pk], "title": course_titles[edition.pk]} for edition in offer.editions]
    index_by_province = []
    for province in Province:
        lines = [
            line for line, edition in zip(index_by_date, offer.editions, strict=True) if edition.province == province
        ]
        if lines:
            index_by_province.append({"name": province.label, "lines": lines})
    return {
        "brochure": brochure,
        "year": brochure.programme_year,
        "subtitle": "" if brochure.variant == Brochure.Variant.MAIN else brochure.subject_label,
        "academy": issuer.settings,
        "logo": logo_data_uri(issuer.settings.logo),
        "site_url": site_url,
        "tracks": tracks,
        "index_by_date": index_by_date,
        "index_by_province": index_by_province,
        "course_count": offer.course_count,
    }


def _site_root_path() -> str:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.url_path if site else "/"


def render_brochure(brochure: Brochure) -> RenderedBrochure:
    """Lay the brochure out and return its PDF and number of pages."""
    with translation.override(settings.LANGUAGE_CODE):
        offer = get_brochure_offer(brochure)
        html = render_to_string("brochure/brochure.html", brochure_context(brochure, offer))
        document = render_document(html, stylesheet_name=STYLESHEET)
        return RenderedBrochure(document.write_pdf(pdf_tags=True), len(document.pages))

"""Small builders for the offer; each returns saved objects with sensible defaults."""

import itertools
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from academy.models import HomePage, SiteSettings
from courses.choices import AudienceCode
from courses.models import (
    Audience,
    CatalogueIndexPage,
    CoursePage,
    Edition,
    PackagePage,
    PartnerOrganisation,
    Session,
    Theme,
    TrackPage,
    Venue,
)
from courses.services import refresh_edition_schedule
from enrolment.models import Enrolment
from roles.services import ensure_role_permissions

_sequence = itertools.count(1)


def ensure_migration_data():
    """Recreate what data migrations made and a transactional test's flush removed."""
    try:
        locale = Locale.get_default()
    except Locale.DoesNotExist:
        locale = Locale.objects.create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    for code in AudienceCode.values:
        Audience.objects.get_or_create(code=code)


def make_site():
    ensure_migration_data()
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Academie", slug="academie-home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"root_page": home, "hostname": "localhost", "port": 80}
    )
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    catalogue = home.add_child(instance=CatalogueIndexPage(title="Aanbod", slug="aanbod"))
    return home, catalogue


def make_track(catalogue, slug="politieke-vorming", title="Politieke vorming"):
    return catalogue.add_child(instance=TrackPage(title=title, slug=slug))


def make_package(track, level="basis", **fields):
    number = next(_sequence)
    return track.add_child(
        instance=PackagePage(
            title=fields.pop("title", f"Pakket {number}"), slug=f"pakket-{number}", level=level, **fields
        )
    )


def make_course(parent, *, title=None, format="studiedag", audiences=(), themes=(), partners=(), **fields):
    number = next(_sequence)
    title = title or f"Vorming {number}"
    course = parent.add_child(
        instance=CoursePage(
            title=title,
            slug=f"vorming-{number}",
            summary=fields.pop("summary", f"Over {title}"),
            format=format,
            **fields,
        )
    )
    if audiences or themes or partners:
        course.audiences.set(Audience.objects.filter(code__in=audiences))
        course.themes.set(themes)
        course.partner_organisations.set(partners)
        course.save()
    return course


def make_partner(name="ACV"):
    return PartnerOrganisation.objects.create(name=name, slug=name.lower().replace(" ", "-"))


def make_theme(name="Klimaat"):
    return Theme.objects.create(name=name, slug=name.lower().replace(" ", "-"))


def make_venue(province="antwerpen", **fields):
    number = next(_sequence)
    defaults = {"name": f"Zaal {number}", "street": "Straat 1", "postcode": "2000", "municipality": "Antwerpen"}
    defaults.update(fields)
    return Venue.objects.create(province=province, **defaults)


def make_edition(
    course,
    *,
    starts_in_days=30,
    sessions=1,
    capacity=20,
    province="antwerpen",
    scope="lokaal",
    status=Edition.Status.APPROVED,
    venue=None,
    **fields,
):
    starts_at = timezone.now().replace(microsecond=0) + timedelta(days=starts_in_days)
    edition = Edition.objects.create(
        course=course,
        status=status,
        capacity=capacity,
        enrolment_opens_at=timezone.now() - timedelta(days=10),
        enrolment_closes_at=starts_at - timedelta(days=1) if starts_in_days > 1 else timezone.now() + timedelta(days=1),
        province=province,
        scope=scope,
        **fields,
    )
    venue = venue or make_venue(province=province)
    for index in range(sessions):
        start = starts_at + timedelta(days=7 * index)
        Session.objects.create(edition=edition, starts_at=start, ends_at=start + timedelta(hours=3), venue=venue)
    return refresh_edition_schedule(edition)


def make_person(email=None):
    email = email or f"persoon{next(_sequence)}@example.org"
    return get_user_model().objects.create_user(username=email, email=email, password="wachtwoord-123")


def fill_edition(edition, count=None):
    for _ in range(edition.capacity if count is None else count):
        Enrolment.objects.create(person=make_person(), edition=edition, status=Enrolment.Status.CONFIRMED)


def make_member(group_name):
    """A new person in the role group (Stuurgroep, Lesgevers, Academiemedewerkers), with its permissions."""
    ensure_role_permissions()
    person = make_person()
    person.groups.add(Group.objects.get(name=group_name))
    return person

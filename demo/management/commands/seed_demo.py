"""Fill an empty database with the demo offer; running it again adds nothing twice."""

import itertools
import random
from datetime import datetime, time, timedelta

from allauth.account.models import EmailAddress

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Page, Site

from academy.models import HomePage, SiteSettings
from academy.sites import site_from_base_url
from accounts.services import get_or_create_profile
from attendance.models import Attendance
from certificates.services import issue_certificates_for_edition
from courses.choices import PackageLevel, Province, Scope
from courses.demo_images import get_demo_image
from courses.models import (
    Audience,
    CatalogueIndexPage,
    CoursePage,
    Edition,
    PackagePage,
    PartnerOrganisation,
    ProgrammeYear,
    Session,
    Theme,
    TrackPage,
    Trainer,
    Venue,
)
from courses.services import refresh_edition_schedule
from curation.models import CourseRequest, CourseRequestEvent
from demo import demo_content
from enrolment.models import Enrolment, EnrolmentEvent
from evaluations.demo import seed_demo_evaluations
from partner_contacts.models import PartnerContact
from partner_contacts.services import assign_partner_contact
from payments.demo import seed_payments
from roles.groups import STAFF, STEERING_GROUP, TRAINERS
from roles.services import ensure_role_permissions

DEMO_PASSWORD = "demo-academie-2026"
PAST_EDITION_LABEL = "Antwerpen, vorig najaar"
DEMO_ACCOUNTS = [
    ("deelnemer@example.org", "Dina", "Deelnemer", "deelnemer"),
    ("lesgever@example.org", "Luc", "Lesgever", "lesgever"),
    ("stuurgroep@example.org", "Sara", "Stuurgroep", "stuurgroeplid"),
    ("medewerker@example.org", "Mo", "Medewerker", "academiemedewerker"),
    ("partner@example.org", "Pieter", "Partner", "partnercontact (ACV)"),
]
ROLE_GROUPS = {"lesgever": TRAINERS, "stuurgroeplid": STEERING_GROUP, "academiemedewerker": STAFF}


class Command(BaseCommand):
    help = "Vul de databank met het demo-aanbod en demo-accounts. Veilig om opnieuw uit te voeren."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Maak N keer zoveel vormingen en edities.")

    def handle(self, *args, scale, **options):
        if scale < 1:
            self.stderr.write("--scale moet minstens 1 zijn.")
            return
        self.random = random.Random(2026)
        self.now = timezone.now().replace(minute=0, second=0, microsecond=0)
        with transaction.atomic():
            home = self.seed_site()
            partners, themes, venues, programme_year = self.seed_reference_data()
            accounts = self.seed_accounts()
            trainers = self.seed_trainers(partners, accounts["lesgever@example.org"])
            catalogue = self.seed_catalogue_page(home)
            ensure_role_permissions()
            created = self.seed_offer(catalogue, scale, partners, themes, venues, programme_year, trainers)
            self.seed_full_edition()
            self.seed_past_participation(accounts["deelnemer@example.org"], trainers, programme_year)
            self.seed_report_figures(scale, programme_year)
            self.seed_partner_contact(accounts["partner@example.org"], accounts["deelnemer@example.org"])
            self.seed_course_requests(themes)
        # Outside the block above: enrolling is a durable transaction of its own.
        seed_payments()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo klaar: {CoursePage.objects.count()} vormingen, {Edition.objects.count()} edities "
                f"({created} nieuw)."
            )
        )
        self.stdout.write("Demo-accounts (e-mail / wachtwoord):")
        for email, _first, _last, role in DEMO_ACCOUNTS:
            self.stdout.write(f"  {role:20} {email} / {DEMO_PASSWORD}")

    def seed_course_requests(self, themes):
        """A few public course requests, which the home page and /vormingsvraag/ show."""
        by_name = {theme.name: theme for theme in themes}
        for subject, theme, municipality, province, organisation in demo_content.COURSE_REQUESTS:
            if CourseRequest.objects.filter(subject=subject).exists():
                continue
            course_request = CourseRequest.objects.create(
                subject=subject,
                theme=by_name.get(theme),
                municipality=municipality,
                province=province,
                organisation=organisation,
                group_size=15,
                period="voorjaar 2027",
                contact_name="Demo Aanvrager",
                contact_email="vraag@example.org",
                is_public=True,
            )
            CourseRequestEvent.objects.create(course_request=course_request, status=course_request.status)

    def seed_site(self):
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            home = root.add_child(
                instance=HomePage(
                    title="Sociale en Politieke Academie",
                    slug="academie",
                    intro="Vorming voor vrijwilligers, beroepskrachten en (toekomstige) mandatarissen, "
                    "door en met de partnerorganisaties van de beweging.",
                )
            )
        site = Site.objects.filter(is_default_site=True).first()
        # The demo's links in mails point at the server make run starts (WAGTAILADMIN_BASE_URL).
        address = site_from_base_url(django_settings.WAGTAILADMIN_BASE_URL)
        if site is None:
            Site.objects.create(**address, root_page=home, is_default_site=True, site_name="Academie")
        else:
            # Wagtail's own site of a fresh database: give it the demo's address and the
            # demo's home page (both, or the catalogue answers 404).
            if (site.hostname, site.port) == ("localhost", 80):
                site.hostname, site.port = address["hostname"], address["port"]
            old_root = site.root_page if site.root_page_id != home.pk else None
            site.root_page = home
            site.save()
            if old_root is not None and old_root.specific_class is Page and not old_root.get_children().exists():
                old_root.delete()
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        if not settings.contact_email:
            settings.contact_email = "academie@example.org"
            settings.contact_phone = "02 123 45 67"
            settings.contact_address = "Pletinckxstraat 19, 1000 Brussel"
            settings.signatory_name = "An Voorzitter"
            settings.signatory_title = "Coördinator Sociale en Politieke Academie"
            settings.save()
        return home

    def seed_reference_data(self):
        partners = []
        for name, kind in demo_content.PARTNERS:
            partner, _ = PartnerOrganisation.objects.get_or_create(
                slug=slugify(name),
                defaults={"name": name, "kind": kind, "description": demo_content.PARTNER_DESCRIPTIONS.get(name, "")},
            )
            partners.append(partner)
        themes = [
            Theme.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0] for name in demo_content.THEMES
        ]
        venues = []
        for name, street, postcode, municipality, province, step_free, loop, transport in demo_content.VENUES:
            venue, _ = Venue.objects.get_or_create(
                name=name,
                defaults={
                    "street": street,
                    "postcode": postcode,
                    "municipality": municipality,
                    "province": province,
                    "step_free": step_free,
                    "hearing_loop": loop,
                    "public_transport": transport,
                },
            )
            venues.append(venue)
        year = self.now.year if self.now.month >= 9 else self.now.year - 1
        programme_year, _ = ProgrammeYear.objects.get_or_create(
            name=f"{year}-{year + 1}",
            defaults={
                "starts_on": self.now.date().replace(year=year, month=9, day=1),
                "ends_on": self.now.date().replace(year=year + 1, month=8, day=31),
                "is_published": True,
                "introduction": (
                    "<p>Welkom bij het nieuwe werkjaar van de academie. Samen met onze partnerorganisaties "
                    "bieden we vormingen aan voor vrijwilligers, beroepskrachten en (kandidaat-)mandatarissen: "
                    "dicht bij huis, betaalbaar en toegankelijk.</p>"
                ),
            },
        )
        return partners, themes, venues, programme_year

    def seed_accounts(self):
        User = get_user_model()
        accounts = {}
        for email, first_name, last_name, role in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=email, defaults={"email": email, "first_name": first_name, "last_name": last_name}
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.is_staff = role == "academiemedewerker"
                user.save()
            if role in ROLE_GROUPS:
                user.groups.add(Group.objects.get_or_create(name=ROLE_GROUPS[role])[0])
            # The staff role's group gives what staff need; older demo databases made
            # this account a superuser.
            if user.is_superuser:
                user.is_superuser = False
                user.save(update_fields=["is_superuser"])
            # Demo accounts can log in at once: their address counts as verified.
            EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
            get_or_create_profile(user)
            accounts[email] = user
        return accounts

    def seed_trainers(self, partners, trainer_user):
        names = ["Luc Lesgever", "Fatima El Amrani", "Johan Peeters", "Els Wouters", "Kobe Janssens", "Nadia Claes"]
        trainers = []
        for index, name in enumerate(names):
            trainer, _ = Trainer.objects.get_or_create(
                name=name,
                defaults={
                    "organisation": partners[index % len(partners)],
                    "bio": "Ervaren lesgever in de volwasseneneducatie.",
                    "user": trainer_user if index == 0 else None,
                },
            )
            trainers.append(trainer)
        return trainers

    def seed_catalogue_page(self, home):
        catalogue = CatalogueIndexPage.objects.first()
        if catalogue is None:
            catalogue = home.add_child(
                instance=CatalogueIndexPage(
                    title="Aanbod",
                    slug="aanbod",
                    intro="<p>Alle geplande vormingen van de academie. Filter op wat voor jou past.</p>",
                )
            )
        return catalogue

    def seed_offer(self, catalogue, scale, partners, themes, venues, programme_year, trainers):
        audiences = list(Audience.objects.all())
        venues_by_province = {}
        for venue in venues:
            venues_by_province.setdefault(venue.province, []).append(venue)
        provinces = itertools.cycle(Province.values)
        scopes = itertools.cycle(Scope.values)
        created = 0
        course_number = 0
        for slug, title, summary in demo_content.TRACKS:
            track = self.child_by_slug(catalogue, TrackPage, slug) or catalogue.add_child(
                instance=TrackPage(title=title, slug=slug, summary=summary, colour=demo_content.TRACK_COLOURS[slug])
            )
            image = get_demo_image(slug, title)
            packages = {}
            for level, label in ((PackageLevel.BASIC, "Basisvorming"), (PackageLevel.ADVANCED, "Verdiepend pakket")):
                package_slug = f"{level}-{slug}"
                package = self.child_by_slug(track, PackagePage, package_slug)
                if package is None:
                    package = track.add_child(
                        instance=PackagePage(
                            title=f"{label} {title.lower()}",
                            slug=package_slug,
                            level=level,
                            summary=f"{label} binnen het traject {title.lower()}.",
                            electives_required=1,
                            required_package=packages.get(PackageLevel.BASIC),
                        )
                    )
                packages[level] = package
            plan = (
                [(packages[PackageLevel.BASIC], entry) for entry in demo_content.COURSES[slug]["basis"]]
                + [(packages[PackageLevel.ADVANCED], entry) for entry in demo_content.COURSES[slug]["verdieping"]]
                + [(track, (*entry, False)) for entry in demo_content.COURSES[slug]["los"]]
            )
            for copy in range(scale):
                for parent, (course_title, course_summary, course_format, required) in plan:
                    course_number += 1
                    suffix = "" if copy == 0 else f" ({copy + 1})"
                    course_slug = slugify(course_title) + ("" if copy == 0 else f"-{copy + 1}")
                    course = self.child_by_slug(parent, CoursePage, course_slug)
                    if course is None:
                        course = parent.add_child(
                            instance=CoursePage(
                                title=course_title + suffix,
                                slug=course_slug,
                                summary=course_summary,
                                description=f"<p>{course_summary} Met veel ruimte voor vragen en uitwisseling.</p>",
                                learning_goals="<ul><li>Je kent de basisbegrippen.</li>"
                                "<li>Je past ze toe op je eigen praktijk.</li></ul>",
                                format=course_format,
                                is_required=required and isinstance(parent, PackagePage),
                                # Some courses with an image, some without: the demo shows both.
                                image=image if course_number % 2 else None,
                            )
                        )
                        course.audiences.set(self.random.sample(audiences, k=self.random.randint(1, 3)))
                        course.themes.set(self.random.sample(themes, k=2))
                        course.partner_organisations.set(self.random.sample(partners, k=self.random.randint(1, 3)))
                        course.trainers.set(self.random.sample(trainers, k=2))
                        course.save()
                    if not course.editions.exists():
                        edition_count = 3 if course_number % 3 == 0 else 2
                        for index in range(edition_count):
                            self.create_edition(
                                course,
                                index=index,
                                province=next(provinces),
                                scope=next(scopes),
                                venues_by_province=venues_by_province,
                                programme_year=programme_year,
                                trainers=list(course.trainers.all()),
                                number=course_number,
                            )
                            created += 1
        return created

    def child_by_slug(self, parent, page_class, slug):
        return page_class.objects.child_of(parent).filter(slug=slug).first()

    def create_edition(self, course, *, index, province, scope, venues_by_province, programme_year, trainers, number):
        count, hour, length = demo_content.SESSIONS_PER_FORMAT[course.format]
        first_day = self.now + timedelta(days=7 + (number * 11 + index * 45) % 280)
        first_day = first_day.replace(hour=hour)
        if course.format in ("weekendlessenreeks",):
            first_day += timedelta(days=(5 - first_day.weekday()) % 7)
        step = 1 if course.format == "zomerkamp" else 7
        edition = Edition.objects.create(
            course=course,
            label=f"{Province(province).label}, {first_day.strftime('%m/%Y')}",
            programme_year=programme_year,
            status=Edition.Status.APPROVED,
            capacity=self.random.choice([8, 12, 15, 20, 25, 30]),
            enrolment_opens_at=self.now - timedelta(days=30),
            enrolment_closes_at=first_day - timedelta(days=1),
            scope=scope,
            province=province,
            region="" if scope == Scope.NATIONAL else Province(province).label,
            price=self.random.choice([0, 0, 0, 15, 25]),
        )
        edition.trainers.set(trainers[:1])
        online = course.format == "online"
        venue = None if online else self.random.choice(venues_by_province[province])
        for session_index in range(count):
            starts_at = first_day + timedelta(days=session_index * step)
            Session.objects.create(
                edition=edition,
                title=f"Deel {session_index + 1}" if count > 1 else "",
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=length),
                venue=venue,
                online_url="https://meet.example.org/academie" if online else "",
            )
        refresh_edition_schedule(edition)
        return edition

    def seed_full_edition(self):
        """Fill one edition to its capacity so the demo shows 'volzet' and a waitlist."""
        edition = Edition.objects.filter(course__slug="je-eerste-gemeenteraad").order_by("starts_at").first()
        if edition is None or edition.enrolments.exists():
            return
        User = get_user_model()
        for number in range(1, edition.capacity + 1):
            person, _ = User.objects.get_or_create(
                username=f"demo-deelnemer-{number}@example.org",
                defaults={
                    "email": f"demo-deelnemer-{number}@example.org",
                    "first_name": "Demo",
                    "last_name": f"Deelnemer {number}",
                },
            )
            Enrolment.objects.create(person=person, edition=edition, status=Enrolment.Status.CONFIRMED)

    def seed_partner_contact(self, contact, participant):
        """Make the demo partner contact ACV's contact, and the demo participants ACV's
        members: every other one lets ACV see in what they take part."""
        acv = PartnerOrganisation.objects.get(slug="acv")
        if not PartnerContact.objects.filter(user=contact).exists():
            assign_partner_contact(contact, organisation=acv, by=None)
        people = get_user_model().objects.filter(username__startswith="demo-deelnemer-").order_by("pk")[:12]
        for number, person in enumerate([participant, *people]):
            profile = get_or_create_profile(person)
            profile.partner_organisations.add(acv)
            if number % 2 == 0 and not profile.shares_participation:
                profile.shares_participation, profile.shares_participation_since = True, self.now
                profile.save(update_fields=["shares_participation", "shares_participation_since"])

    def seed_past_participation(self, participant, trainers, programme_year):
        """Give the demo participant an edition they attended, with its certificate, and the
        demo trainer a past edition whose attendance they can look at."""
        if Edition.objects.filter(label=PAST_EDITION_LABEL).exists():
            return
        course = CoursePage.objects.filter(package__level=PackageLevel.BASIC).order_by("path").first()
        if course is None:
            return
        first_day = (self.now - timedelta(days=60)).replace(hour=19)
        edition = Edition.objects.create(
            course=course,
            label=PAST_EDITION_LABEL,
            programme_year=programme_year,
            status=Edition.Status.APPROVED,
            capacity=15,
            enrolment_opens_at=first_day - timedelta(days=40),
            enrolment_closes_at=first_day - timedelta(days=1),
            scope=Scope.REGIONAL,
            province=Province.ANTWERPEN,
            region=Province.ANTWERPEN.label,
        )
        edition.trainers.set(trainers[:1])
        venue = Venue.objects.filter(province=Province.ANTWERPEN).order_by("pk").first()
        sessions = [
            Session.objects.create(
                edition=edition,
                title=f"Deel {index + 1}",
                starts_at=first_day + timedelta(days=7 * index),
                ends_at=first_day + timedelta(days=7 * index, hours=3),
                venue=venue,
            )
            for index in range(3)
        ]
        refresh_edition_schedule(edition)
        people = [participant, *get_user_model().objects.filter(username__startswith="demo-deelnemer-")[:5]]
        joined_at = first_day - timedelta(days=10)
        for number, person in enumerate(people):
            enrolment = Enrolment.objects.create(person=person, edition=edition, status=Enrolment.Status.CONFIRMED)
            Enrolment.objects.filter(pk=enrolment.pk).update(created_at=joined_at, confirmed_at=joined_at)
            for index, session in enumerate(sessions):
                # Everyone but the last two attended every session; they missed one or two.
                missed = number >= len(people) - 2 and index < number - len(people) + 3
                status = Attendance.Status.ABSENT if missed else Attendance.Status.PRESENT
                Attendance.objects.create(
                    enrolment=enrolment, session=session, status=status, recorded_by=trainers[0].user
                )
        issue_certificates_for_edition(edition)
        seed_demo_evaluations(edition, keep_open_for=participant)

    def seed_report_figures(self, scale, programme_year):
        """Give the reports (Rapporten in the admin) two programme years to compare: last
        year's editions of every course, past, with seats, waitlists and attendance, and
        seats in a third of this year's editions, for a pool of demo people of whom some
        come back and some are new."""
        starts_on = programme_year.starts_on
        last_year, _ = ProgrammeYear.objects.get_or_create(
            name=f"{starts_on.year - 1}-{starts_on.year}",
            defaults={
                "starts_on": starts_on.replace(year=starts_on.year - 1),
                "ends_on": starts_on - timedelta(days=1),
                "is_published": True,
            },
        )
        if Edition.objects.filter(programme_year=last_year).exists():
            return
        User = get_user_model()
        User.objects.bulk_create(
            [
                User(username=f"demo-bereik-{n}@example.org", email=f"demo-bereik-{n}@example.org", password="!")
                for n in range(50 * scale)
            ],
            ignore_conflicts=True,
        )
        people = list(
            User.objects.filter(username__startswith="demo-bereik-").order_by("pk").values_list("pk", flat=True)
        )
        provinces, scopes = itertools.cycle(Province.values), itertools.cycle(Scope.values)
        zone = timezone.get_current_timezone()
        editions = []
        for number, course in enumerate(CoursePage.objects.order_by("path")):
            day = last_year.starts_on + timedelta(days=(number * 7) % 300)
            first = datetime.combine(day, time(19), tzinfo=zone)
            province = next(provinces)
            editions.append(
                Edition(
                    course=course,
                    label=f"{Province(province).label}, vorig werkjaar",
                    programme_year=last_year,
                    status=Edition.Status.APPROVED,
                    capacity=self.random.choice([8, 12, 15, 20]),
                    enrolment_opens_at=first - timedelta(days=40),
                    enrolment_closes_at=first - timedelta(days=1),
                    scope=next(scopes),
                    province=province,
                    starts_at=first,
                    ends_at=first + timedelta(days=7, hours=3),
                )
            )
        editions = Edition.objects.bulk_create(editions)
        venues = {venue.province: venue for venue in Venue.objects.order_by("-pk")}
        sessions = Session.objects.bulk_create(
            Session(
                edition=edition,
                starts_at=start,
                ends_at=start + timedelta(hours=3),
                venue=venues.get(edition.province),
                online_url="" if edition.province in venues else "https://meet.example.org/academie",
            )
            for edition in editions
            for start in (edition.starts_at, edition.starts_at + timedelta(days=7))
        )
        sessions_of = {}
        for session in sessions:
            sessions_of.setdefault(session.edition_id, []).append(session)
        # Last year's people are the first four fifths of the pool; this year adds the rest.
        returning_pool = people[: len(people) * 4 // 5]
        this_year = Edition.objects.filter(programme_year=programme_year, starts_at__gt=self.now).exclude(
            course__slug="je-eerste-gemeenteraad"
        )
        enrolments, waitlisted = [], []
        for edition in editions:
            count = self.random.randint(edition.capacity // 2, edition.capacity + 3)
            for index, person in enumerate(self.random.sample(returning_pool, count)):
                seat = index < edition.capacity
                enrolment = Enrolment(
                    person_id=person,
                    edition=edition,
                    status=Enrolment.Status.CONFIRMED if seat else Enrolment.Status.CANCELLED,
                    confirmed_at=edition.starts_at - timedelta(days=10) if seat else None,
                    cancelled_at=None if seat else edition.starts_at,
                )
                enrolments.append(enrolment)
                if not seat or index >= edition.capacity - 2 and count > edition.capacity:
                    waitlisted.append(enrolment)
        for edition in list(this_year.order_by("pk"))[::3]:
            for person in self.random.sample(people, self.random.randint(1, edition.capacity // 2)):
                enrolments.append(
                    Enrolment(
                        person_id=person, edition=edition, status=Enrolment.Status.CONFIRMED, confirmed_at=self.now
                    )
                )
        Enrolment.objects.bulk_create(enrolments)
        EnrolmentEvent.objects.bulk_create(
            EnrolmentEvent(enrolment=enrolment, status=Enrolment.Status.WAITLISTED) for enrolment in waitlisted
        )
        attendances = []
        for enrolment in enrolments:
            if enrolment.status != Enrolment.Status.CONFIRMED or enrolment.edition.programme_year_id != last_year.pk:
                continue
            stayed_away = self.random.random() < 0.08
            for session in sessions_of[enrolment.edition_id]:
                present = not stayed_away and self.random.random() < 0.85
                status = Attendance.Status.PRESENT if present else Attendance.Status.ABSENT
                attendances.append(Attendance(enrolment=enrolment, session=session, status=status))
        Attendance.objects.bulk_create(attendances)

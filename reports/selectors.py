"""Read the figures of the reports: reach, fill rate, waitlist, no-shows, new and returning people.

Each report is computed in SQL, grouped by one dimension (reports.dimensions), in a fixed
number of queries whatever the number of editions or enrolments: one grouped query per
kind of row (enrolments, editions, attendances) and one for the totals, since unique
people and many-to-many dimensions do not add up. The definitions, in Dutch for the
report pages and the README, are in reports.definitions; this module is their one home
in code.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from attendance.models import Attendance
from courses.models import Edition, ProgrammeYear
from enrolment.models import Enrolment, EnrolmentEvent

ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    decimals: int = 0
    percent: bool = False


@dataclass
class Figures:
    """A report's table: one row per group of the dimension, and the total over all groups."""

    columns: list
    rows: list = field(default_factory=list)
    total: dict = field(default_factory=dict)
    chart_columns: tuple = ()


def seats():
    """Enrolments that hold a seat: confirmed, in an edition that is not cancelled."""
    return Enrolment.objects.confirmed().exclude(edition__status=Edition.Status.CANCELLED)


def offered_editions():
    """Editions that were offered: approved and not cancelled."""
    return Edition.objects.approved()


def get_previous_programme_year(year):
    """The programme year that started last before `year`, or None."""
    return ProgrammeYear.objects.filter(starts_on__lt=year.starts_on).order_by("-starts_on").first()


def get_current_programme_year(years, today=None):
    """The programme year that contains today, else the last that started, else the first planned."""
    today = today or timezone.localdate()
    years = sorted(years, key=lambda year: year.starts_on)
    for year in years:
        if year.starts_on <= today <= year.ends_on:
            return year
    started = [year for year in years if year.starts_on <= today]
    return started[-1] if started else (years[0] if years else None)


def _hours(duration):
    if not duration:
        return Decimal("0.0")
    if not isinstance(duration, timedelta):
        # Some backends sum durations to microseconds.
        duration = timedelta(microseconds=duration)
    return (Decimal(duration.total_seconds()) / 3600).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _percentage(part, whole):
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _in_year(queryset, prefix, year):
    return queryset.filter(**{f"{prefix}programme_year": year}) if year else queryset


def _grouped(queryset, dimension, prefix, *extra, **aggregates):
    """Aggregate the queryset per group of the dimension: {group key: (name, row)}."""
    groups = {}
    rows = queryset.order_by().values(*extra, **dimension.values(prefix)).annotate(**aggregates)
    for row in rows:
        groups[(row["group_key"], *(row[name] for name in extra))] = (dimension.name_of(row), row)
    return groups


def _merge(*groupings):
    """One list of (key, name) over several groupings, sorted by name (the empty group last)."""
    names = {}
    for grouping in groupings:
        for key, (name, _row) in grouping.items():
            names[key] = name
    return sorted(names.items(), key=lambda item: (item[0][0] is None, str(item[1]).lower()))


def _value(grouping, key, name, default=0):
    row = grouping.get(key)
    return row[1][name] if row and row[1][name] is not None else default


def _session_length():
    return ExpressionWrapper(F("session__ends_at") - F("session__starts_at"), output_field=DurationField())


def _attended():
    """Present attendances of enrolments that hold a seat."""
    return Attendance.objects.filter(
        status=Attendance.Status.PRESENT, enrolment__status=Enrolment.Status.CONFIRMED
    ).exclude(enrolment__edition__status=Edition.Status.CANCELLED)


def get_reach(dimension, year=None):
    """Participants (seats), unique people and participation hours (present x session length)."""
    seat_counts = {"participants": Count("pk"), "people": Count("person", distinct=True)}
    hour_sums = {"duration": Sum(_session_length())}
    enrolments = _in_year(seats(), "edition__", year)
    attendances = _in_year(_attended(), "enrolment__edition__", year)
    by_seats = _grouped(enrolments, dimension, "edition__", **seat_counts)
    by_hours = _grouped(attendances, dimension, "enrolment__edition__", **hour_sums)
    totals = enrolments.aggregate(**seat_counts) | attendances.aggregate(**hour_sums)
    figures = Figures(
        columns=[
            Column("participants", _("Deelnemers")),
            Column("people", _("Unieke personen")),
            Column("hours", _("Deelnemersuren"), decimals=1),
        ],
        chart_columns=("participants", "people"),
    )
    for key, name in _merge(by_seats, by_hours):
        figures.rows.append(
            (
                name,
                {
                    "participants": _value(by_seats, key, "participants"),
                    "people": _value(by_seats, key, "people"),
                    "hours": _hours(_value(by_hours, key, "duration", None)),
                },
            )
        )
    figures.total = {
        "participants": totals["participants"],
        "people": totals["people"],
        "hours": _hours(totals["duration"]),
    }
    return figures


def get_fill_rate(dimension, year=None):
    """Editions offered, their seats (capacity), the seats taken and the share taken."""
    edition_sums = {"editions": Count("pk"), "capacity": Sum("capacity")}
    seat_counts = {"confirmed": Count("pk")}
    editions = _in_year(offered_editions(), "", year)
    enrolments = _in_year(seats().filter(edition__status=Edition.Status.APPROVED), "edition__", year)
    by_editions = _grouped(editions, dimension, "", **edition_sums)
    by_seats = _grouped(enrolments, dimension, "edition__", **seat_counts)
    totals = editions.aggregate(**edition_sums) | enrolments.aggregate(**seat_counts)
    figures = Figures(
        columns=[
            Column("editions", _("Edities")),
            Column("capacity", _("Plaatsen")),
            Column("confirmed", _("Bezette plaatsen")),
            Column("rate", _("Bezettingsgraad (%)"), decimals=1, percent=True),
        ],
        chart_columns=("rate",),
    )
    for key, name in _merge(by_editions, by_seats):
        capacity = _value(by_editions, key, "capacity")
        confirmed = _value(by_seats, key, "confirmed")
        figures.rows.append(
            (
                name,
                {
                    "editions": _value(by_editions, key, "editions"),
                    "capacity": capacity,
                    "confirmed": confirmed,
                    "rate": _percentage(confirmed, capacity),
                },
            )
        )
    figures.total = {
        "editions": totals["editions"],
        "capacity": totals["capacity"] or 0,
        "confirmed": totals["confirmed"],
        "rate": _percentage(totals["confirmed"], totals["capacity"]),
    }
    return figures


def _counts_and_share(queryset, dimension, columns, counts, *, share, part, whole, chart_columns=None):
    """Count per group of the dimension and in total, with the share of `part` in `whole` in percent."""
    by_group = _grouped(queryset, dimension, "edition__", **counts)
    totals = queryset.aggregate(**counts)
    figures = Figures(columns=columns, chart_columns=chart_columns or (share,))
    for key, name in _merge(by_group):
        row = {column: _value(by_group, key, column) for column in counts}
        figures.rows.append((name, row | {share: _percentage(row[part], row[whole])}))
    figures.total = totals | {share: _percentage(totals[part], totals[whole])}
    return figures


def waitlist_places():
    """Enrolments that were on a waitlist at some moment: waiting now, or with a waitlist step in their history."""
    was_waitlisted = EnrolmentEvent.objects.filter(enrolment=OuterRef("pk"), status=Enrolment.Status.WAITLISTED)
    return Enrolment.objects.filter(Q(status=Enrolment.Status.WAITLISTED) | Q(Exists(was_waitlisted)))


def get_waitlist_conversion(dimension, year=None):
    """Waitlist places, how many became a seat (were confirmed later) and the share that did."""
    return _counts_and_share(
        _in_year(waitlist_places(), "edition__", year),
        dimension,
        [
            Column("waitlisted", _("Wachtlijstplaatsen")),
            Column("converted", _("Werden een plaats")),
            Column("waiting", _("Wachten nog")),
            Column("rate", _("Omzetting (%)"), decimals=1, percent=True),
        ],
        {
            "waitlisted": Count("pk"),
            "converted": Count("pk", filter=Q(confirmed_at__isnull=False)),
            "waiting": Count("pk", filter=Q(status=Enrolment.Status.WAITLISTED)),
        },
        share="rate",
        part="converted",
        whole="waitlisted",
    )


def get_no_shows(dimension, year=None, now=None):
    """Seats in past editions whose attendance was taken, and those that attended no session."""
    now = now or timezone.now()
    attendance_taken = Attendance.objects.filter(session__edition=OuterRef("edition"))
    attended = Attendance.objects.filter(enrolment=OuterRef("pk"), status=Attendance.Status.PRESENT)
    return _counts_and_share(
        _in_year(seats().filter(Exists(attendance_taken), edition__ends_at__lt=now), "edition__", year),
        dimension,
        [
            Column("confirmed", _("Bevestigd in afgelopen edities")),
            Column("no_shows", _("Op geen enkele sessie")),
            Column("rate", _("No-show (%)"), decimals=1, percent=True),
        ],
        {"confirmed": Count("pk"), "no_shows": Count("pk", filter=~Q(Exists(attended)))},
        share="rate",
        part="no_shows",
        whole="confirmed",
    )


def get_new_and_returning(dimension, year):
    """People with a seat in the programme year: new (no seat in an earlier year) or returning."""
    earlier_seat = seats().filter(person=OuterRef("person"), edition__programme_year__starts_on__lt=year.starts_on)
    return _counts_and_share(
        _in_year(seats(), "edition__", year),
        dimension,
        [
            Column("people", _("Unieke personen")),
            Column("new", _("Nieuw")),
            Column("returning", _("Terugkerend")),
            Column("share_new", _("Nieuw (%)"), decimals=1, percent=True),
        ],
        {
            "people": Count("person", distinct=True),
            "new": Count("person", distinct=True, filter=~Q(Exists(earlier_seat))),
            "returning": Count("person", distinct=True, filter=Q(Exists(earlier_seat))),
        },
        share="share_new",
        part="new",
        whole="people",
        chart_columns=("new", "returning"),
    )


def get_year_comparison(dimension, year):
    """Participants, unique people and participation hours in the year and in the year before it."""
    previous = get_previous_programme_year(year)
    years = [year] if previous is None else [previous, year]
    seat_counts = {"participants": Count("pk"), "people": Count("person", distinct=True)}
    hour_sums = {"duration": Sum(_session_length())}
    enrolments = seats().filter(edition__programme_year__in=years)
    attendances = _attended().filter(enrolment__edition__programme_year__in=years)
    seat_year = "edition__programme_year_id"
    hour_year = "enrolment__edition__programme_year_id"
    by_seats = _grouped(enrolments.annotate(year_id=F(seat_year)), dimension, "edition__", "year_id", **seat_counts)
    by_hours = _grouped(
        attendances.annotate(year_id=F(hour_year)), dimension, "enrolment__edition__", "year_id", **hour_sums
    )
    seat_totals = {
        row["year_id"]: row for row in enrolments.order_by().values(year_id=F(seat_year)).annotate(**seat_counts)
    }
    hour_totals = {
        row["year_id"]: row for row in attendances.order_by().values(year_id=F(hour_year)).annotate(**hour_sums)
    }
    previous_name = previous.name if previous else _("vorig werkjaar")
    figures = Figures(
        columns=[
            Column("participants_previous", _("Deelnemers %(year)s") % {"year": previous_name}),
            Column("participants", _("Deelnemers %(year)s") % {"year": year.name}),
            Column("people_previous", _("Unieke personen %(year)s") % {"year": previous_name}),
            Column("people", _("Unieke personen %(year)s") % {"year": year.name}),
            Column("hours_previous", _("Deelnemersuren %(year)s") % {"year": previous_name}),
            Column("hours", _("Deelnemersuren %(year)s") % {"year": year.name}),
            Column("change", _("Verschil deelnemers (%)"), decimals=1, percent=True),
        ],
        chart_columns=("participants_previous", "participants"),
    )
    previous_id = previous.pk if previous else None

    def row_for(seats_of, hours_of):
        now_count = seats_of(year.pk, "participants")
        before = seats_of(previous_id, "participants")
        return {
            "participants_previous": before,
            "participants": now_count,
            "people_previous": seats_of(previous_id, "people"),
            "people": seats_of(year.pk, "people"),
            "hours_previous": _hours(hours_of(previous_id)),
            "hours": _hours(hours_of(year.pk)),
            "change": _percentage(now_count - before, before),
        }

    for (group,), name in _merge({key[:1]: value for key, value in (by_seats | by_hours).items()}):
        figures.rows.append(
            (
                name,
                row_for(
                    lambda year_id, column, group=group: _value(by_seats, (group, year_id), column),
                    lambda year_id, group=group: _value(by_hours, (group, year_id), "duration", None),
                ),
            )
        )
    figures.total = row_for(
        lambda year_id, column: (seat_totals.get(year_id) or {}).get(column, 0),
        lambda year_id: (hour_totals.get(year_id) or {}).get("duration"),
    )
    return figures

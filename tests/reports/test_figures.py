"""Each report's figures against the hand-counted fixture of conftest.py."""

from decimal import Decimal

import pytest

from reports import selectors
from reports.definitions import REPORTS
from reports.dimensions import DIMENSIONS

D = Decimal


def table(figures):
    return {name: values for name, values in figures.rows} | {"Totaal": figures.total}


def test_reach_per_track_in_a_year_counts_seats_people_and_hours(figures):
    result = table(selectors.get_reach(DIMENSIONS["traject"], figures["last_year"]))

    assert result == {
        "Politieke vorming": {"participants": 3, "people": 3, "hours": D("9.0")},
        "Sociale vorming": {"participants": 3, "people": 3, "hours": D("3.0")},
        "Totaal": {"participants": 6, "people": 5, "hours": D("12.0")},
    }


def test_reach_this_year_leaves_out_cancelled_enrolments_and_editions(figures):
    result = table(selectors.get_reach(DIMENSIONS["traject"], figures["this_year"]))

    assert result == {
        "Politieke vorming": {"participants": 3, "people": 3, "hours": D("9.0")},
        "Sociale vorming": {"participants": 2, "people": 2, "hours": D("0.0")},
        "Totaal": {"participants": 5, "people": 5, "hours": D("9.0")},
    }


def test_reach_per_province_over_all_years_counts_a_person_once_per_row_and_in_the_total(figures):
    result = table(selectors.get_reach(DIMENSIONS["provincie"]))

    assert result == {
        "Antwerpen": {"participants": 6, "people": 4, "hours": D("9.0")},
        "Limburg": {"participants": 5, "people": 4, "hours": D("12.0")},
        "Totaal": {"participants": 11, "people": 6, "hours": D("21.0")},
    }


def test_reach_per_audience_counts_an_enrolment_under_each_audience_of_its_course(figures):
    result = table(selectors.get_reach(DIMENSIONS["doelgroep"]))

    assert result == {
        "Mandatarissen": {"participants": 5, "people": 4, "hours": D("3.0")},
        "Vrijwilligers": {"participants": 11, "people": 6, "hours": D("21.0")},
        "Totaal": {"participants": 11, "people": 6, "hours": D("21.0")},
    }


def test_reach_per_partner_puts_courses_without_partner_last(figures):
    figures_ = selectors.get_reach(DIMENSIONS["partnerorganisatie"])

    assert [name for name, _values in figures_.rows] == ["ACV", "Zonder partnerorganisatie"]
    assert table(figures_)["ACV"] == {"participants": 6, "people": 4, "hours": D("18.0")}
    assert table(figures_)["Zonder partnerorganisatie"] == {"participants": 5, "people": 4, "hours": D("3.0")}


def test_reach_per_format_scope_package_and_year(figures):
    assert table(selectors.get_reach(DIMENSIONS["vorm"]))["Studiedag"]["participants"] == 6
    assert table(selectors.get_reach(DIMENSIONS["vorm"]))["Avond"]["participants"] == 5
    assert table(selectors.get_reach(DIMENSIONS["reikwijdte"]))["Provinciaal"]["participants"] == 2
    assert table(selectors.get_reach(DIMENSIONS["reikwijdte"]))["Nationaal"]["participants"] == 2
    assert table(selectors.get_reach(DIMENSIONS["reikwijdte"]))["Lokaal"]["participants"] == 7
    assert list(table(selectors.get_reach(DIMENSIONS["pakket"]))) == ["Zonder pakket (los)", "Totaal"]
    assert table(selectors.get_reach(DIMENSIONS["werkjaar"])) == {
        "2025-2026": {"participants": 6, "people": 5, "hours": D("12.0")},
        "2026-2027": {"participants": 5, "people": 5, "hours": D("9.0")},
        "Totaal": {"participants": 11, "people": 6, "hours": D("21.0")},
    }


def test_fill_rate_divides_seats_taken_by_places_of_offered_editions(figures):
    assert table(selectors.get_fill_rate(DIMENSIONS["traject"], figures["last_year"])) == {
        "Politieke vorming": {"editions": 1, "capacity": 4, "confirmed": 3, "rate": D("75.0")},
        "Sociale vorming": {"editions": 2, "capacity": 7, "confirmed": 3, "rate": D("42.9")},
        "Totaal": {"editions": 3, "capacity": 11, "confirmed": 6, "rate": D("54.5")},
    }
    # The cancelled edition E5 and its five places are left out.
    assert table(selectors.get_fill_rate(DIMENSIONS["traject"], figures["this_year"])) == {
        "Politieke vorming": {"editions": 1, "capacity": 3, "confirmed": 3, "rate": D("100.0")},
        "Sociale vorming": {"editions": 1, "capacity": 4, "confirmed": 2, "rate": D("50.0")},
        "Totaal": {"editions": 2, "capacity": 7, "confirmed": 5, "rate": D("71.4")},
    }


def test_waitlist_conversion_counts_places_that_became_a_seat(figures):
    assert table(selectors.get_waitlist_conversion(DIMENSIONS["traject"])) == {
        "Politieke vorming": {"waitlisted": 2, "converted": 1, "waiting": 1, "rate": D("50.0")},
        "Sociale vorming": {"waitlisted": 2, "converted": 0, "waiting": 1, "rate": D("0.0")},
        "Totaal": {"waitlisted": 4, "converted": 1, "waiting": 2, "rate": D("25.0")},
    }


def test_no_shows_count_seats_of_past_editions_with_attendance_that_attended_nothing(figures):
    assert table(selectors.get_no_shows(DIMENSIONS["provincie"])) == {
        "Antwerpen": {"confirmed": 3, "no_shows": 1, "rate": D("33.3")},
        "Limburg": {"confirmed": 5, "no_shows": 2, "rate": D("40.0")},
        "Totaal": {"confirmed": 8, "no_shows": 3, "rate": D("37.5")},
    }


def test_new_and_returning_people_by_their_first_seat_in_an_earlier_year(figures):
    assert table(selectors.get_new_and_returning(DIMENSIONS["traject"], figures["this_year"])) == {
        "Politieke vorming": {"people": 3, "new": 1, "returning": 2, "share_new": D("33.3")},
        "Sociale vorming": {"people": 2, "new": 0, "returning": 2, "share_new": D("0.0")},
        "Totaal": {"people": 5, "new": 1, "returning": 4, "share_new": D("20.0")},
    }
    assert table(selectors.get_new_and_returning(DIMENSIONS["traject"], figures["last_year"]))["Totaal"] == {
        "people": 5,
        "new": 5,
        "returning": 0,
        "share_new": D("100.0"),
    }


def test_year_comparison_sets_this_year_beside_the_year_before(figures):
    result = selectors.get_year_comparison(DIMENSIONS["traject"], figures["this_year"])

    assert [str(column.label) for column in result.columns][:2] == ["Deelnemers 2025-2026", "Deelnemers 2026-2027"]
    assert table(result) == {
        "Politieke vorming": {
            "participants_previous": 3,
            "participants": 3,
            "people_previous": 3,
            "people": 3,
            "hours_previous": D("9.0"),
            "hours": D("9.0"),
            "change": D("0.0"),
        },
        "Sociale vorming": {
            "participants_previous": 3,
            "participants": 2,
            "people_previous": 3,
            "people": 2,
            "hours_previous": D("3.0"),
            "hours": D("0.0"),
            "change": D("-33.3"),
        },
        "Totaal": {
            "participants_previous": 6,
            "participants": 5,
            "people_previous": 5,
            "people": 5,
            "hours_previous": D("12.0"),
            "hours": D("9.0"),
            "change": D("-16.7"),
        },
    }


def test_year_comparison_of_the_first_year_has_nothing_to_compare_with(figures):
    total = selectors.get_year_comparison(DIMENSIONS["traject"], figures["last_year"]).total

    assert total["participants"] == 6 and total["participants_previous"] == 0
    assert total["change"] is None


def _run(report, dimension, year):
    return report.selector(DIMENSIONS[dimension], year)


# Queries per report: the grouped queries, the totals, and the previous year for the comparison.
QUERIES = {
    "bereik": 4,
    "bezetting": 4,
    "wachtlijst": 2,
    "no-show": 2,
    "nieuw-terugkerend": 2,
    "jaarvergelijking": 5,
}


@pytest.mark.parametrize("slug", list(REPORTS))
@pytest.mark.parametrize("dimension", ["traject", "partnerorganisatie"])
def test_each_report_takes_the_same_number_of_queries_with_few_and_many_rows(
    request, slug, dimension, django_assert_num_queries
):
    report = REPORTS[slug]
    few = request.getfixturevalue("figures")
    with django_assert_num_queries(QUERIES[slug]):
        small = _run(report, dimension, few["this_year"])
    request.getfixturevalue("many_rows")
    with django_assert_num_queries(QUERIES[slug]):
        large = _run(report, dimension, few["this_year"])

    assert len(large.rows) > len(small.rows) or large.total != small.total

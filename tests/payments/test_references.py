import pytest

from payments.references import check_digits, find_reference, format_reference, is_valid, make_reference


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("1234567890", "123456789002"),
        # 1197530766 = 97 × 12345678: the remainder 0 is written 97.
        ("1197530766", "119753076697"),
        ("0000000097", "000000009797"),
        ("0000000001", "000000000101"),
        ("9999999999", "999999999948"),
    ],
)
def test_check_digits_are_the_remainder_modulo_97_with_97_for_zero(base, expected):
    assert make_reference(base) == expected
    assert is_valid(expected)


def test_zero_remainder_never_gives_00():
    assert check_digits("1197530766") == "97"
    assert not is_valid("119753076600")


def test_formatted_as_banks_print_it():
    assert format_reference("123456789002") == "+++123/4567/89002+++"


@pytest.mark.parametrize(
    "typed",
    [
        "+++123/4567/89002+++",
        "***123/4567/89002***",
        "123456789002",
        "123 4567 89002",
        "123/4567/89002",
        "  +++ 123 / 4567 / 89002 +++ ",
        "Inschrijving Jan 123/4567/89002 bedankt",
    ],
)
def test_payer_typed_communication_is_found(typed):
    assert find_reference(typed) == "123456789002"


@pytest.mark.parametrize("typed", ["+++123/4567/89003+++", "12345678900", "", "Inschrijving Jan", None])
def test_wrong_check_digits_or_no_communication_finds_nothing(typed):
    assert find_reference(typed) == ""

"""Reading figures as spreadsheets write them, writing them back, and the small-number rule."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from councillor_hub.wards.importing import parse_unit
from councillor_hub.wards.models import Unit
from councillor_hub.wards.numbers import (
    LARGEST,
    NotANumber,
    format_number,
    format_value,
    parse_number,
    shown_count,
)

FIGURES = st.decimals(
    min_value=-LARGEST + 1, max_value=LARGEST - 1, places=3, allow_nan=False, allow_infinity=False
)


@pytest.mark.parametrize(
    ("text", "value", "percent"),
    [
        ("1234", Decimal("1234"), False),
        ("1,234", Decimal("1234"), False),
        ("1,234,567.25", Decimal("1234567.25"), False),
        (" 12.5% ", Decimal("12.5"), True),
        ("12.5 %", Decimal("12.5"), True),
        ("0.1234", Decimal("0.123"), False),
        ("0.0005", Decimal("0.001"), False),
        ("-3", Decimal("-3"), False),
        ("\u22123.5", Decimal("-3.5"), False),
        ("1.2E+04", Decimal("12000"), False),
        (".5", Decimal("0.5"), False),
        ("7.", Decimal("7"), False),
        ("-0", Decimal("0"), False),
        ("10\u00a0250", Decimal("10250"), False),
    ],
)
def test_spreadsheet_figures_are_read(text, value, percent):
    assert parse_number(text) == (value, percent)


@pytest.mark.parametrize(
    "text",
    ["", "  ", "abc", "1,23", "12,34.5", "1.2.3", "1e999999", "NaN", "inf", "£12", "12%%", "1 2"],
)
def test_other_text_is_not_a_number(text):
    with pytest.raises(NotANumber):
        parse_number(text)


def test_too_large_a_figure_is_refused_with_its_own_message():
    with pytest.raises(NotANumber, match="too large"):
        parse_number("123,456,789,012")


@given(FIGURES, st.booleans(), st.booleans())
def test_any_figure_written_with_or_without_commas_and_a_percent_sign_reads_back(
    value, grouped, percent
):
    text = format(value, ",f" if grouped else "f") + ("%" if percent else "")
    assert parse_number(text) == (value + 0, percent)


@given(FIGURES)
def test_formatted_figures_read_back_to_the_same_value(value):
    shown = format_number(value)
    assert parse_number(shown)[0] == value
    assert not shown.endswith(".") and "E" not in shown


@given(st.text(max_size=30))
def test_arbitrary_text_gives_a_number_or_a_clear_message(text):
    try:
        value, _ = parse_number(text)
    except NotANumber as error:
        assert str(error)
    else:
        assert abs(value) < LARGEST
        assert value == value.quantize(Decimal("0.001"))


def test_values_are_shown_with_their_unit():
    assert format_value(Decimal("1830.000"), Unit.PEOPLE) == "1,830 people"
    assert format_value(Decimal("4410"), Unit.HOUSEHOLDS) == "4,410 households"
    assert format_value(Decimal("12.500"), Unit.PER_CENT) == "12.5%"
    assert format_value(Decimal("3"), Unit.DECILE) == "3"
    assert format_value(Decimal("12345.6"), Unit.RANK, places=0) == "12,346"
    assert format_number(Decimal("1000")) == "1,000"
    assert format_number(Decimal("0.000")) == "0"


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("people", Unit.PEOPLE),
        ("Persons", Unit.PEOPLE),
        ("per cent", Unit.PER_CENT),
        ("Per_Cent", Unit.PER_CENT),
        ("percentage", Unit.PER_CENT),
        ("%", Unit.PER_CENT),
        ("HOUSEHOLDS", Unit.HOUSEHOLDS),
        ("rank", Unit.RANK),
        ("decile", Unit.DECILE),
        ("score", Unit.SCORE),
        ("count", Unit.NUMBER),
        ("furlongs", None),
        ("", None),
    ],
)
def test_units_are_read_in_the_words_people_use(text, unit):
    assert parse_unit(text) == unit


# ---------------------------------------------------------------- small-number suppression
def test_zero_is_shown_as_zero():
    assert shown_count(0).text == "0"
    assert not shown_count(0).suppressed


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_one_to_four_are_shown_only_as_fewer_than_five(count):
    shown = shown_count(count)
    assert shown.text == "fewer than 5"
    assert shown.suppressed
    assert str(count) not in repr(shown)


@pytest.mark.parametrize(("count", "text"), [(5, "5"), (6, "6"), (99, "99"), (1234, "1,234")])
def test_five_and_more_are_shown(count, text):
    assert shown_count(count).text == text
    assert not shown_count(count).suppressed


@given(st.integers(min_value=0, max_value=10**7))
def test_the_rule_for_any_count(count):
    shown = shown_count(count)
    assert shown.suppressed == (1 <= count <= 4)
    if not shown.suppressed:
        assert int(shown.text.replace(",", "")) == count


@given(st.lists(st.integers(min_value=0, max_value=40), max_size=14))
def test_no_hidden_count_can_be_worked_out_from_the_total(counts):
    from councillor_hub.wards.numbers import SUPPRESSED_TEXT, WITHHELD_TEXT, shown_column

    shown = shown_column(counts)
    assert len(shown) == len(counts)
    for count, item in zip(counts, shown, strict=True):
        if item.suppressed:
            assert item.text in (SUPPRESSED_TEXT, WITHHELD_TEXT)
            assert count > 0
        else:
            assert item.text == f"{count:,}"
        if 0 < count < 5:
            assert item.suppressed
    hidden = [count for count, item in zip(counts, shown, strict=True) if item.suppressed]
    if sum(counts) >= 5:
        # Never exactly one hidden figure beside a shown total.
        assert len(hidden) != 1

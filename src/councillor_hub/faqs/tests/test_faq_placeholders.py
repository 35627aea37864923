"""Model responses and their placeholders: filled from the case, unknown ones left for the
member with a note, and arbitrary text (stray braces included) never breaks anything."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from councillor_hub.casework.tests.factories import CaseFactory, ConstituentFactory
from councillor_hub.faqs.models import PLACEHOLDERS, Faq
from councillor_hub.faqs.selectors import (
    fill_model_response,
    placeholder_values,
    placeholders_in,
    unknown_placeholders,
)
from councillor_hub.faqs.services import placeholder_errors

# Text rich in braces and placeholder names, so the interesting cases come up often.
PIECES = st.sampled_from(
    ["{", "}", "{}", "{{", "}}", " ", "Dear ", "\n", "é", "{ward", "ward}", "%s", "\\1"]
    + ["{" + key + "}" for key in PLACEHOLDERS]
    + ["{unknown}", "{Constituent_Name}", "{0}", "{ spaced }"]
)
BRACEY_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=30).map("".join)
VALUES = st.dictionaries(
    st.sampled_from([*PLACEHOLDERS, "other"]), st.one_of(st.text(max_size=20), BRACEY_TEXT)
)


@settings(max_examples=300, deadline=None)
@given(text=BRACEY_TEXT, values=VALUES)
def test_filling_never_crashes(text, values):
    faq = Faq(model_response=text)
    filled = fill_model_response(faq, values)
    assert isinstance(filled.text, str)
    for name in filled.unfilled:
        assert "{" + name + "}" in filled.text
    # The model's own method copes too.
    assert isinstance(faq.render_model_response(values), str)
    placeholders_in(text)
    unknown_placeholders(text)
    placeholder_errors(text)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_characters="{}"), max_size=200))
def test_text_without_braces_is_unchanged(text):
    values = {key: "X" for key in PLACEHOLDERS}
    assert fill_model_response(Faq(model_response=text), values).text == text


@settings(max_examples=200, deadline=None)
@given(value=BRACEY_TEXT.filter(bool))
def test_values_are_inserted_as_they_are(value):
    """A name typed as "{ward}" does not get filled in a second time."""
    faq = Faq(model_response="Dear {constituent_name}, of {ward}.")
    filled = fill_model_response(faq, {"constituent_name": value, "ward": "Abbey"})
    assert filled.text == f"Dear {value}, of Abbey."


def test_known_filled_unknown_kept():
    faq = Faq(model_response="Dear {constituent_name}, {ward}, {mystery}, {ward}, {}.")
    filled = fill_model_response(faq, {"constituent_name": "Ann Smith", "ward": ""})
    assert filled.text == "Dear Ann Smith, {ward}, {mystery}, {ward}, {}."
    assert filled.unfilled == ["ward", "mystery"]


def test_unknown_placeholders_found():
    text = "Hi {constituent_name} {Ward} {x_1} { not one } {}"
    assert placeholders_in(text) == ["constituent_name", "Ward", "x_1"]
    assert unknown_placeholders(text) == ["Ward", "x_1"]
    errors = placeholder_errors(text)
    assert len(errors) == 2
    assert errors[0].startswith("{Ward} is not a placeholder")


@pytest.mark.django_db
def test_values_from_a_case(world, settings):
    settings.COUNCIL_NAME = "Testshire Council"
    ann = ConstituentFactory(owner=world.councillor, title="Mrs", first_name="Ann", last_name="Lee")
    bob = ConstituentFactory(owner=world.councillor, first_name="Bob", last_name="Ray")
    case = CaseFactory(
        owner=world.councillor, ward=world.ward_a, category=world.highways, constituents=[ann, bob]
    )
    values = placeholder_values(case)
    assert values == {
        "constituent_name": "Mrs Ann Lee",
        "constituent_first_name": "Ann",
        "councillor_name": world.councillor.full_name,
        "ward": "Abbey",
        "case_reference": case.reference,
        "council_name": "Testshire Council",
    }
    assert set(values) == set(PLACEHOLDERS)


@pytest.mark.django_db
def test_values_from_a_case_without_constituent_or_ward(world):
    case = CaseFactory(owner=world.councillor, ward=None, category=world.highways)
    values = placeholder_values(case)
    assert values["constituent_name"] == ""
    assert values["ward"] == ""
    faq = Faq(model_response="Dear {constituent_name}, in {ward}: {case_reference}")
    filled = fill_model_response(faq, values)
    assert filled.text == f"Dear {{constituent_name}}, in {{ward}}: {case.reference}"
    assert filled.unfilled == ["constituent_name", "ward"]

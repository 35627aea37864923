import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from councillor_hub.core.postcodes import is_postcode, normalise_postcode, validate_postcode

# Royal Mail letter rules: which letters may appear in each position.
FIRST = "ABCDEFGHIJKLMNOPRSTUWYZ"  # not Q, V, X
SECOND = "ABCDEFGHKLMNOPQRSTUVWXY"  # not I, J, Z
THIRD_A9A = "ABCDEFGHJKPSTUW"  # A9A outward codes
FOURTH_AA9A = "ABEHMNPRVWXY"  # AA9A outward codes
INWARD = "ABDEFGHJLNPQRSTUWXYZ"  # not C, I, K, M, O, V

digit = st.sampled_from("0123456789")
outward = st.one_of(
    st.tuples(st.sampled_from(FIRST), digit),  # A9
    st.tuples(st.sampled_from(FIRST), digit, digit),  # A99
    st.tuples(st.sampled_from(FIRST), st.sampled_from(SECOND), digit),  # AA9
    st.tuples(st.sampled_from(FIRST), st.sampled_from(SECOND), digit, digit),  # AA99
    st.tuples(st.sampled_from(FIRST), digit, st.sampled_from(THIRD_A9A)),  # A9A
    st.tuples(
        st.sampled_from(FIRST), st.sampled_from(SECOND), digit, st.sampled_from(FOURTH_AA9A)
    ),  # AA9A
).map("".join)
inward = st.tuples(digit, st.sampled_from(INWARD), st.sampled_from(INWARD)).map("".join)
postcodes = st.tuples(outward, inward).map(lambda parts: f"{parts[0]} {parts[1]}")


def _messy(code: str, data) -> str:
    """The same postcode as a person might type it: any case, spaces anywhere."""
    chars = []
    for ch in code.replace(" ", ""):
        chars.append(ch.lower() if data.draw(st.booleans()) else ch)
        chars.append(data.draw(st.sampled_from(["", "", " ", "  ", "\t"])))
    return data.draw(st.sampled_from(["", " "])) + "".join(chars)


@given(postcodes)
def test_valid_postcodes_normalise_to_themselves(code):
    assert normalise_postcode(code) == code
    assert is_postcode(code)
    validate_postcode(code)


@given(postcodes, st.data())
def test_normalising_ignores_case_and_spacing(code, data):
    assert normalise_postcode(_messy(code, data)) == code


@given(postcodes)
def test_normalised_form_has_one_space_before_the_inward_code(code):
    result = normalise_postcode(code.replace(" ", "").lower())
    outward_code, inward_code = result.split(" ")
    assert len(inward_code) == 3 and inward_code[0].isdigit()
    assert 2 <= len(outward_code) <= 4
    assert normalise_postcode(result) == result  # idempotent


@given(st.text(alphabet="0123456789!@#$%^&*()_+=-[]{};:'\",.<>/?\\|`~", max_size=12))
def test_strings_without_letters_are_never_postcodes(value):
    assert not is_postcode(value)
    with pytest.raises(ValueError):
        normalise_postcode(value)


@given(postcodes)
def test_a_postcode_with_extra_characters_is_rejected(code):
    assert not is_postcode(code + "X")
    assert not is_postcode("X" + code.replace(" ", ""))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("sw1a1aa", "SW1A 1AA"),
        (" SW1A  1AA ", "SW1A 1AA"),
        ("m11ae", "M1 1AE"),
        ("b33 8th", "B33 8TH"),
        ("cr2 6xh", "CR2 6XH"),
        ("dn55 1pt", "DN55 1PT"),
        ("w1a 0ax", "W1A 0AX"),
        ("ec1a 1bb", "EC1A 1BB"),
        ("gir0aa", "GIR 0AA"),
    ],
)
def test_known_postcodes(typed, expected):
    assert normalise_postcode(typed) == expected


@pytest.mark.parametrize(
    "value", ["", "SW1A", "1AA", "QW1 1AA", "SW1A 1CA", "SW1A1AAA", "AB1 1A", "hello"]
)
def test_not_postcodes(value):
    assert not is_postcode(value)


def test_validate_postcode_message():
    validate_postcode("")  # blank is allowed: the field is optional
    with pytest.raises(ValidationError) as excinfo:
        validate_postcode("nonsense")
    assert excinfo.value.messages == ["Enter a real postcode, like SW1A 1AA"]

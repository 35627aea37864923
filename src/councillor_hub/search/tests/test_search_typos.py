"""Typo tolerance, word order and prefixes: the same on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from councillor_hub.search import vocabulary
from councillor_hub.search.services import search
from councillor_hub.search.vocabulary import distance, edits1, fold, max_distance_for, words

from .conftest import make_officer


def titles(user, q, **kwargs) -> list[str]:
    return [hit.title for hit in search(user=user, q=q, **kwargs).hits]


# --- The distance --------------------------------------------------------------------------


def reference_distance(a: str, b: str) -> int:
    """Optimal string alignment distance, the textbook full-table version."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("highways", "highways", 0),
        ("hihgways", "highways", 1),  # two letters swapped
        ("higways", "highways", 1),  # a letter missing
        ("highwayss", "highways", 1),  # a letter too many
        ("hignways", "highways", 1),  # a wrong letter
        ("hgihwyas", "highways", 2),
        ("", "abc", 3),
        ("abc", "", 3),
    ],
)
def test_distance(a, b, expected):
    assert distance(a, b, limit=5) == expected


def test_distance_stops_at_the_limit():
    assert distance("highways", "planning", limit=2) == 3
    assert distance("a", "abcdef", limit=1) == 2


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="abcde", max_size=9),
    st.text(alphabet="abcde", max_size=9),
    st.integers(min_value=0, max_value=3),
)
def test_distance_agrees_with_the_textbook(a, b, limit):
    expected = reference_distance(a, b)
    assert distance(a, b, limit) == min(expected, limit + 1)
    assert distance(a, b, limit) == distance(b, a, limit)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="abcdefghij", min_size=1, max_size=8))
def test_every_edit_is_one_away(word):
    for edit in list(edits1(word))[:60]:
        assert reference_distance(word, edit) == 1


def test_how_far_a_correction_may_be():
    assert [max_distance_for(w) for w in ["tax", "park", "highway", "highways", "x" * 31]] == [
        0,
        1,
        1,
        2,
        0,
    ]


def test_words_are_folded_and_split():
    assert fold("Zoë BRONTË") == "zoe bronte"
    assert words("Children's services: A&E, out-of-hours!") == [
        "children",
        "s",
        "services",
        "a",
        "e",
        "out",
        "of",
        "hours",
    ]
    assert words("x" * 61 + " ok") == ["ok"]


# --- Typos in searches ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "q",
    [
        "hihgways",  # swapped letters (the example)
        "higways",  # missing letter
        "highwasy",  # swapped at the end
        "hiqhways",  # wrong letter
        "ihghways",  # swapped first letters
        "HIHGWAYS",
        "hgihwyas",  # two edits in a long word
    ],
)
def test_misspelt_highways_finds_highways(hub, world, q):
    results = search(user=world.councillor, q=q)
    assert "Highways" in [hit.title for hit in results.hits]
    assert results.corrected_query == "highways"


def test_typos_in_names_and_several_words(hub, world):
    assert titles(world.councillor, "okafro") == ["Tom Okafor"]
    assert titles(world.councillor, "technican okafor") == ["Tom Okafor"]
    assert titles(world.councillor, "grittnig winter") == ["Winter gritting policy"]
    results = search(user=world.councillor, q="potholle reprot")
    assert [hit.title for hit in results.hits] == ["How do I report a pothole?"]
    assert results.corrected_query == "pothole report"


def test_correct_words_are_not_corrected(hub, world):
    results = search(user=world.councillor, q="highways")
    assert results.corrected_query is None


def test_short_words_are_not_corrected(hub, world):
    make_officer("Sam Fox", "Tax officer")
    assert titles(world.councillor, "tax") == ["Sam Fox"]
    assert titles(world.councillor, "tix sam") == []


def test_no_correction_shown_without_results(hub, world):
    results = search(user=world.highways_officer, q="allowancse")
    assert results.total == 0
    assert results.corrected_query is None  # the members-only word is not revealed


def test_word_order_does_not_matter(hub, world):
    assert titles(world.councillor, "smith highways") == ["Priya Smith"]
    assert titles(world.councillor, "highways smith") == ["Priya Smith"]
    assert sorted(titles(world.councillor, "lighting street okafor")) == ["Tom Okafor"]
    assert titles(world.councillor, "okafor street lighting") == ["Tom Okafor"]


def test_the_last_word_may_be_unfinished(hub, world):
    assert "Highways" in titles(world.councillor, "highw")
    assert titles(world.councillor, "smith highw") == ["Priya Smith"]
    assert titles(world.councillor, "priya eng") == ["Priya Smith"]
    # Only the last word: a finished earlier word must match whole.
    assert titles(world.councillor, "highw smith") == []


def test_an_unfinished_misspelt_last_word(hub, world):
    results = search(user=world.councillor, q="smith hihgw")
    assert [hit.title for hit in results.hits] == ["Priya Smith"]


def test_small_words_are_ignored(hub, world):
    assert titles(world.councillor, "who handles the abandoned vehicles") == ["Abandoned vehicles"]
    # A query of nothing but small words is searched as it is.
    assert titles(world.councillor, "the who") == ["Who briefs members on the budget?"]


def test_every_word_must_match(hub, world):
    assert titles(world.councillor, "smith lighting") == []


def test_close_words_come_from_the_vocabulary(hub):
    assert vocabulary.close_words("hihgways") == ["highways"]
    assert vocabulary.close_words("zzzzzzzz") == []
    assert vocabulary.close_words("hihgw", prefix=True) == ["highways"]

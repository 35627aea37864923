"""search(): what each person may see, filters, ranking, snippets and nonsense input."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from councillor_hub.conftest import ROLE_NAMES
from councillor_hub.search.services import clean_query, search

from .conftest import make_document, make_officer

# Members in office and those who manage the hub see members-only items.
SEES_MEMBERS_ONLY = {
    "councillor",
    "colleague",
    "other",
    "independent",
    "mp",
    "whip",
    "democratic",
    "admin",
}


@pytest.mark.parametrize("person", ROLE_NAMES)
def test_members_only_items_only_for_members_and_managers(hub, world, person):
    user = getattr(world, person)
    allowances = search(user=user, q="allowances")
    budget = search(user=user, q="budget briefing")
    public = search(user=user, q="gritting")
    assert [h.title for h in public.hits] == ["Winter gritting policy"]
    if person in SEES_MEMBERS_ONLY:
        assert [h.title for h in allowances.hits] == ["Members' allowances scheme"]
        assert allowances.hits[0].members_only is True
        assert [h.title for h in budget.hits] == ["Who briefs members on the budget?"]
    else:
        assert allowances.total == 0 and allowances.hits == []
        assert budget.total == 0
        assert "document" not in search(user=user, q="allowances").kind_counts


def test_former_councillor_loses_members_only_items(hub, world, settings):
    import datetime as dt

    from django.utils import timezone

    profile = world.colleague.councillor_profile
    profile.term_end = timezone.localdate() - dt.timedelta(
        days=settings.CASEWORK_ACCESS_DAYS_AFTER_TERM + 1
    )
    profile.save()
    world.colleague.refresh_from_db()
    assert search(user=world.colleague, q="allowances").total == 0


@pytest.mark.parametrize("user", [None, AnonymousUser()])
def test_nobody_signed_in_finds_nothing(hub, user):
    results = search(user=user, q="highways")
    assert results.total == 0 and results.hits == []


def test_inactive_user_finds_nothing(hub, world):
    world.support.is_active = False
    assert search(user=world.support, q="highways").total == 0


def test_kinds_filter_and_counts(hub, world):
    everything = search(user=world.councillor, q="highways")
    assert everything.kind_counts == {"unit": 2, "officer": 2, "faq": 2, "document": 1}
    assert everything.total == 7
    officers = search(user=world.councillor, q="highways", kinds=["officer"])
    assert {h.kind for h in officers.hits} == {"officer"}
    assert officers.total == 2
    assert officers.kind_counts == everything.kind_counts
    both = search(user=world.councillor, q="highways", kinds=["officer", "faq", "nonsense"])
    assert both.total == 4
    assert both.kinds == ["officer", "faq"]
    unknown = search(user=world.councillor, q="highways", kinds=["nonsense"])
    assert unknown.total == 7  # an unknown kind is ignored


def test_title_matches_rank_first(hub, world):
    make_document("Street lighting guidance", summary="Columns, lanterns and who repairs them")
    make_document("Lantern maintenance", summary="How street lighting columns are painted")
    hits = search(user=world.councillor, q="lantern").hits
    assert [h.title for h in hits][0] == "Lantern maintenance"
    hits = search(user=world.councillor, q="lighting", kinds=["document"]).hits
    assert [h.title for h in hits] == ["Street lighting guidance", "Lantern maintenance"]


def test_pages_of_results(hub, world):
    for n in range(25):
        make_officer(f"Person {n:02d} Okonkwo", "Gully inspector")
    first = search(user=world.councillor, q="okonkwo", limit=10)
    second = search(user=world.councillor, q="okonkwo", limit=10, offset=10)
    third = search(user=world.councillor, q="okonkwo", limit=10, offset=20)
    assert first.total == second.total == 25
    assert len(first.hits) == 10 and len(second.hits) == 10 and len(third.hits) == 5
    seen = [h.object_id for h in first.hits + second.hits + third.hits]
    assert len(set(seen)) == 25
    assert search(user=world.councillor, q="okonkwo", offset=100).hits == []


def test_snippet_marks_matches_and_keeps_text_plain(hub, world):
    make_officer("Lorna Vex", '<script>alert("x")</script> drainage <b>lead</b>', hub.highways)
    hit = search(user=world.councillor, q="drainage").hits[0]
    assert hit.snippet.startswith('<script>alert("x")</script> drainage <b>lead</b>')
    marked = [part.text for part in hit.snippet_parts if part.match]
    assert marked == ["drainage"]


def test_without_snippets_the_same_hits_come_back_unmarked(hub, world):
    make_officer("Lorna Vex", "drainage lead", hub.highways)
    with_snippets = search(user=world.councillor, q="drainage")
    without = search(user=world.councillor, q="drainage", snippets=False)
    assert [(h.kind, h.object_id, h.title) for h in without.hits] == [
        (h.kind, h.object_id, h.title) for h in with_snippets.hits
    ]
    assert without.total == with_snippets.total >= 1
    assert all(h.snippet_parts == () for h in without.hits)


def test_counts_given_by_an_earlier_call_are_not_counted_again(
    hub, world, django_assert_max_num_queries
):
    make_officer("Lorna Vex", "drainage lead", hub.highways)
    first = search(user=world.councillor, q="drainage", kinds=["officer"])
    again = search(user=world.councillor, q="drainage", kinds=["officer"])
    with django_assert_max_num_queries(2) as counted:
        reused = search(
            user=world.councillor, q="drainage", kinds=["officer"], kind_counts=first.kind_counts
        )
    assert len(counted.captured_queries) < 3  # vocabulary and hits, no counting
    assert reused.kind_counts == again.kind_counts == first.kind_counts
    assert reused.total == first.total >= 1
    assert [h.object_id for h in reused.hits] == [h.object_id for h in first.hits]


def test_snippet_shows_the_words_around_a_late_match(hub, world):
    long_answer = " ".join(f"word{n}" for n in range(80)) + " culvert " + "end " * 40
    from .conftest import make_faq

    make_faq("Blocked drains", long_answer, service_area=hub.highways_area)
    hit = search(user=world.councillor, q="culvert").hits[0]
    assert hit.snippet.startswith("… word72")
    assert hit.snippet.endswith(" …")
    assert [p.text for p in hit.snippet_parts if p.match] == ["culvert"]


NONSENSE = [
    "",
    "   ",
    "\x00",
    "high\x00ways",
    "x" * 5000,
    "word " * 500,
    '"',
    "'",
    "*",
    "-",
    "()",
    "AND OR NOT",
    "highways AND",
    "NEAR(highways smith)",
    "title:highways",
    "^highways",
    "highways*",
    "'; DROP TABLE search_searchentry; --",
    "<script>alert(1)</script>",
    "🙂🙂",
    "Ünïcödé",
    "ß",
    "\u202e",
    "%00",
    "1234567890",
    "a:*",
    "!!!&&&|||",
    "\\",
    "ǅ",
]


@pytest.mark.parametrize("q", NONSENSE)
def test_nonsense_queries_do_not_fail(hub, world, q):
    results = search(user=world.councillor, q=q)
    assert "\x00" not in results.query
    assert len(results.query) <= 200


def test_operators_are_words(hub, world):
    assert search(user=world.councillor, q="highways NOT").total == 0  # "not" is a word
    assert [h.title for h in search(user=world.councillor, q="highways*").hits][0] == "Highways"


def test_nonsense_limits(hub, world):
    assert len(search(user=world.councillor, q="highways", limit=-5).hits) == 1
    assert len(search(user=world.councillor, q="highways", limit=10**9).hits) == 7
    assert search(user=world.councillor, q="highways", offset=-3).hits


def test_clean_query():
    assert clean_query("  a\x00b\tc\n ") == "a b c"
    assert clean_query(None) == ""
    assert clean_query(["list"]) == ""
    assert len(clean_query("y" * 1000)) == 200

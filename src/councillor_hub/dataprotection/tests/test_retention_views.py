"""The retention pages: the review list (no personal details), deciding one record, deciding
several with a confirmation step, the councillor's own period, the sweep reports, and
nonsense input that must never give a 500."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework.models import Case, Constituent
from councillor_hub.casework.selectors.cases import case_patterns
from councillor_hub.dataprotection.models import (
    CouncillorRetention,
    RecordType,
    RetentionReview,
    RetentionRun,
    ReviewDecision,
)
from councillor_hub.dataprotection.services.destruction import Reason
from councillor_hub.dataprotection.services.retention import add_months, retention_sweep

from .retention_fixtures import (
    CONSTITUENT_FIRST,
    CONSTITUENT_LAST,
    closed_case,
    closed_enquiry,
    closed_on_for_due,
    standard_policies,
)

LIST = reverse("dataprotection:retention_list")
BULK = reverse("dataprotection:retention_bulk")
PERIOD = reverse("dataprotection:retention_period")


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def due_cases(world, today):
    """Three of the councillor's closed cases, with a constituent each, under review; one of
    the colleague's."""
    standard_policies()
    for days in (3, 5, 7):
        closed_case(
            world.councillor, closed_on=closed_on_for_due(today + timedelta(days)), with_person=True
        )
    closed_case(world.colleague, closed_on=closed_on_for_due(today + timedelta(4)))
    retention_sweep(today=today)
    return list(RetentionReview.unrestricted.filter(owner=world.councillor).select_related("case"))


def _decide_url(review):
    return reverse("dataprotection:retention_decide", args=[review.pk])


# --- The list ---------------------------------------------------------------------------------


def test_list_shows_references_and_figures_but_no_personal_details(
    world, due_cases, councillor_client
):
    response = councillor_client.get(LIST)
    assert response.status_code == 200
    content = response.content.decode()
    for review in due_cases:
        assert review.label in content
        assert reverse("casework:case_detail", args=[review.label]) in content
        assert _decide_url(review) in content
        assert review.case.title not in content
    assert CONSTITUENT_LAST not in content and CONSTITUENT_FIRST not in content
    assert "Highways" in content and "Abbey" in content
    colleague_review = RetentionReview.unrestricted.get(owner=world.colleague)
    assert colleague_review.label not in content
    assert "3 records waiting for a decision" in content


def test_list_orders_by_due_date_and_filters_decided(world, due_cases, councillor_client):
    content = councillor_client.get(LIST).content.decode()
    positions = [content.index(review.label) for review in due_cases]
    assert positions == sorted(positions)
    first = due_cases[0]
    councillor_client.post(_decide_url(first), {"decision": "anonymise"})
    assert f"{first.label} anonymised" in councillor_client.get(LIST).content.decode()
    pending = councillor_client.get(LIST).content.decode()
    assert first.label not in pending
    decided = councillor_client.get(LIST, {"show": "decided"}).content.decode()
    assert first.label in decided and "Anonymise" in decided
    assert due_cases[1].label not in decided


def test_dpo_sees_the_councils_enquiries_only(world, dpo, client_for, today):
    standard_policies()
    enquiry = closed_enquiry(world.councillor, closed_on=closed_on_for_due(today))
    case = closed_case(world.councillor, closed_on=closed_on_for_due(today))
    retention_sweep(today=today)
    content = client_for(dpo).get(LIST).content.decode()
    assert enquiry.reference in content
    assert case.reference not in content
    assert CONSTITUENT_LAST not in content


@pytest.mark.parametrize(
    "query",
    [
        {"show": "everything"},
        {"show": ""},
        {"page": "999"},
        {"page": "-1"},
        {"page": "abc"},
        {"page": "9" * 40},
        {"show": "decided", "page": "0"},
    ],
)
def test_list_ignores_nonsense(query, due_cases, councillor_client):
    assert councillor_client.get(LIST, query).status_code == 200


def test_list_query_count_does_not_grow(
    world, today, councillor_client, django_assert_max_num_queries
):
    standard_policies()
    for days in range(25):
        closed_case(world.councillor, closed_on=closed_on_for_due(today + timedelta(days % 20)))
    retention_sweep(today=today)
    with django_assert_max_num_queries(12):
        response = councillor_client.get(LIST)
    assert response.content.decode().count("Decide<span") == 25


# --- Deciding one -----------------------------------------------------------------------------


def test_decide_page_shows_a_summary_without_personal_details(due_cases, councillor_client):
    review = due_cases[0]
    response = councillor_client.get(_decide_url(review))
    content = response.content.decode()
    assert response.status_code == 200
    assert review.label in content
    assert "Highways" in content and "Abbey" in content
    assert CONSTITUENT_LAST not in content
    assert reverse("casework:case_detail", args=[review.label]) in content
    assert 'name="decision"' in content


def test_anonymise_one(world, due_cases, councillor_client):
    review = due_cases[0]
    response = councillor_client.post(_decide_url(review), {"decision": "anonymise"})
    assert response.status_code == 302 and response["Location"] == LIST
    review.refresh_from_db()
    assert review.decision == ReviewDecision.ANONYMISE
    assert review.decided_by == world.councillor
    assert review.decided_at and review.done_at and not review.automatic
    case = Case.unrestricted.get(pk=review.case_id)
    assert case.is_anonymised and CONSTITUENT_LAST not in case.title
    event = AuditEvent.objects.get(action=Action.ANONYMISE, object_label=review.label)
    assert event.actor == world.councillor
    assert Reason.RETENTION_DECISION in event.detail
    # The other cases are untouched.
    assert Constituent.unrestricted.filter(last_name=CONSTITUENT_LAST).count() == 2
    follow = councillor_client.get(LIST)
    assert f"{review.label} anonymised" in follow.content.decode()


def test_delete_one(world, due_cases, councillor_client):
    review = due_cases[0]
    councillor_client.post(_decide_url(review), {"decision": "delete"})
    review.refresh_from_db()
    assert review.decision == ReviewDecision.DELETE
    assert review.case is None and review.label
    assert not Case.unrestricted.filter(reference=review.label).exists()
    event = AuditEvent.objects.get(action=Action.DELETE, object_label=review.label)
    assert Reason.RETENTION_DECISION in event.detail
    # The decided review still shows, by reference, on the decided list and its own page.
    assert review.label in councillor_client.get(LIST, {"show": "decided"}).content.decode()
    assert councillor_client.get(_decide_url(review)).status_code == 200


def test_keep_one(world, due_cases, councillor_client, today):
    review = due_cases[0]
    keep_until = today + timedelta(days=365)
    response = councillor_client.post(
        _decide_url(review),
        {
            "decision": "keep",
            "keep_until": keep_until.isoformat(),
            "keep_reason": "Mrs Quackenbush's insurance claim is still open",
        },
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.decision == ReviewDecision.KEEP
    assert review.keep_until == keep_until
    assert review.decided_by == world.councillor and review.done_at
    case = Case.unrestricted.get(pk=review.case_id)
    assert case.retain_until == keep_until and not case.is_anonymised
    event = AuditEvent.objects.get(action=Action.RETAIN)
    assert event.object_label == review.label
    assert event.data_controller == world.councillor
    assert CONSTITUENT_LAST not in event.detail and "insurance" not in event.detail


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"decision": "keep", "keep_until": "", "keep_reason": "Claim"}, "Enter the date"),
        ({"decision": "keep", "keep_until": "+100", "keep_reason": ""}, "Enter why"),
        ({"decision": "keep", "keep_until": "2020-01-01", "keep_reason": "Claim"}, "must be after"),
        ({"decision": "keep", "keep_until": "2999-01-01", "keep_reason": "Claim"}, "no later than"),
        ({"decision": "keep", "keep_until": "99999-01-01", "keep_reason": "x"}, "real date"),
        ({"decision": "keep", "keep_until": "2026-02-30", "keep_reason": "x"}, "real date"),
        ({"decision": "keep", "keep_until": "soon", "keep_reason": "x" * 600}, "500 characters"),
        ({"decision": "shred"}, "Select a valid option"),
        ({}, "Select what to do"),
    ],
)
def test_decide_errors_change_nothing(data, error, due_cases, councillor_client):
    review = due_cases[0]
    data = {
        key: (value if value != "+100" else (timezone.localdate() + timedelta(100)).isoformat())
        for key, value in data.items()
    }
    response = councillor_client.post(_decide_url(review), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert error in content
    assert "<title>Error:" in content
    review.refresh_from_db()
    assert review.decision == ReviewDecision.PENDING
    assert not Case.unrestricted.get(pk=review.case_id).retain_until


def test_keep_date_limit_is_one_period_on(due_cases, councillor_client, today):
    for review, extra, ok in ((due_cases[0], 1, False), (due_cases[1], 0, True)):
        day = add_months(max(today, review.due_on), 24) + timedelta(days=extra)
        response = councillor_client.post(
            _decide_url(review),
            {"decision": "keep", "keep_until": day.isoformat(), "keep_reason": "Claim"},
        )
        assert (response.status_code == 302) == ok


def test_a_decided_review_cannot_be_decided_again(due_cases, councillor_client):
    review = due_cases[0]
    councillor_client.post(_decide_url(review), {"decision": "anonymise"})
    response = councillor_client.post(_decide_url(review), {"decision": "delete"})
    assert response.status_code == 302
    assert Case.unrestricted.filter(pk=review.case_id).exists()
    page = councillor_client.get(_decide_url(review)).content.decode()
    assert 'name="decision"' not in page
    assert "no longer waiting for a decision" in page


def test_a_reopened_case_cannot_be_destroyed_from_its_old_review(due_cases, councillor_client):
    review = due_cases[0]
    Case.unrestricted.filter(pk=review.case_id).update(status="open")
    response = councillor_client.post(_decide_url(review), {"decision": "delete"})
    assert response.status_code == 302
    assert Case.unrestricted.filter(pk=review.case_id).exists()
    assert "no longer due for review" in councillor_client.get(_decide_url(review)).content.decode()


@pytest.mark.parametrize("pk", ["0", "999999", "9" * 19, "9" * 30])
def test_decide_unknown_ids_are_404(pk, due_cases, councillor_client):
    url = reverse("dataprotection:retention_decide", args=[1]).replace("/1/", f"/{pk}/")
    assert councillor_client.get(url).status_code == 404
    assert councillor_client.post(url, {"decision": "delete"}).status_code == 404


def test_dpo_decides_an_enquiry(world, dpo, client_for, today):
    standard_policies()
    enquiry = closed_enquiry(world.councillor, closed_on=closed_on_for_due(today))
    retention_sweep(today=today)
    review = RetentionReview.unrestricted.get(record_type=RecordType.ENQUIRIES)
    client = client_for(dpo)
    page = client.get(_decide_url(review)).content.decode()
    assert enquiry.reference in page and CONSTITUENT_LAST not in page
    assert client.post(_decide_url(review), {"decision": "anonymise"}).status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.anonymised_at and enquiry.constituent_name == ""
    event = AuditEvent.objects.get(action=Action.ANONYMISE, object_label=enquiry.reference)
    assert event.actor == dpo and event.data_controller is None


# --- Deciding several --------------------------------------------------------------------------


def test_bulk_anonymise_asks_first_then_does_it(world, due_cases, councillor_client):
    ids = [str(review.pk) for review in due_cases[:2]]
    colleague_review = RetentionReview.unrestricted.get(owner=world.colleague)
    data = {"reviews": [*ids, str(colleague_review.pk)], "action": "anonymise"}
    response = councillor_client.post(BULK, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "You are about to anonymise 2 cases" in content
    assert colleague_review.label not in content
    assert CONSTITUENT_LAST not in content
    assert not Case.unrestricted.filter(anonymised_at__isnull=False).exists()

    response = councillor_client.post(BULK, {**data, "confirm": "yes"})
    assert response.status_code == 302
    anonymised = Case.unrestricted.filter(anonymised_at__isnull=False)
    assert set(anonymised.values_list("reference", flat=True)) == {
        review.label for review in due_cases[:2]
    }
    assert RetentionReview.unrestricted.get(pk=colleague_review.pk).decision == "pending"
    assert "2 cases anonymised" in councillor_client.get(LIST).content.decode()
    # Sent again (a double click): nothing more happens.
    councillor_client.post(BULK, {**data, "confirm": "yes"})
    assert AuditEvent.objects.filter(action=Action.ANONYMISE).count() == 2


def test_bulk_delete(due_cases, councillor_client):
    ids = [str(review.pk) for review in due_cases]
    content = councillor_client.post(BULK, {"reviews": ids, "action": "delete"}).content.decode()
    assert "You are about to delete 3 cases" in content
    councillor_client.post(BULK, {"reviews": ids, "action": "delete", "confirm": "yes"})
    assert not Case.unrestricted.filter(reference__in=[r.label for r in due_cases]).exists()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"action": "anonymise"}, "Select at least one record to anonymise"),
        ({"reviews": ["abc", "-1", "9" * 40, ""], "action": "delete"}, "Select at least one"),
        ({"reviews": ["999999"], "action": "anonymise", "confirm": "yes"}, "Select at least one"),
        ({"reviews": ["1"], "action": "shred"}, "Choose to anonymise or delete"),
        ({"reviews": ["1"]}, "Choose to anonymise or delete"),
    ],
)
def test_bulk_nonsense(data, error, due_cases, councillor_client):
    response = councillor_client.post(BULK, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert error in content and "<title>Error:" in content
    assert not Case.unrestricted.filter(anonymised_at__isnull=False).exists()
    assert RetentionReview.unrestricted.filter(decision="pending").count() == 4


# --- The councillor's own period ----------------------------------------------------------------


def test_period_page(world, councillor_client):
    standard_policies()
    content = councillor_client.get(PERIOD).content.decode()
    assert "24 months" in content
    assert "does not change the due dates of reviews already open" in content


def test_period_change_applies_to_new_reviews_only(world, due_cases, councillor_client, today):
    dates = {r.pk: r.due_on for r in RetentionReview.unrestricted.all()}
    closed = add_months(today, -12)
    newly_due = closed_case(world.councillor, closed_on=closed)
    response = councillor_client.post(PERIOD, {"months": "12"})
    assert response.status_code == 302
    assert CouncillorRetention.objects.get(councillor=world.councillor).casework_months == 12
    assert {r.pk: r.due_on for r in RetentionReview.unrestricted.all()} == dates
    event = AuditEvent.objects.get(object_type="dataprotection.councillorretention")
    assert event.actor == world.councillor and "12 months" in event.detail
    retention_sweep(today=today)
    assert RetentionReview.unrestricted.get(label=newly_due.reference).due_on == today
    assert "12 months" in councillor_client.get(PERIOD).content.decode()
    # Empty: back to the council's maximum.
    councillor_client.post(PERIOD, {"months": ""})
    assert not CouncillorRetention.objects.filter(councillor=world.councillor).exists()


@pytest.mark.parametrize(
    ("months", "error"),
    [
        ("25", "The council&#x27;s maximum is 24 months: enter 24 or fewer"),
        ("9" * 40, "The council&#x27;s maximum is 24 months"),
        ("0", "1 or more"),
        ("-3", "whole number"),
        ("1.5", "whole number"),
        ("twelve", "whole number"),
    ],
)
def test_period_errors(months, error, world, councillor_client):
    standard_policies()
    response = councillor_client.post(PERIOD, {"months": months})
    assert response.status_code == 200
    content = response.content.decode()
    assert error in content and "<title>Error:" in content
    assert months in content  # what the user typed stays in the box
    assert not CouncillorRetention.objects.exists()


# --- Reports ----------------------------------------------------------------------------------


def test_runs_page_lists_counts(world, dpo, client_for, due_cases):
    content = client_for(dpo).get(reverse("dataprotection:retention_runs")).content.decode()
    assert "Reviews opened" in content
    assert "1 run" in content
    assert RetentionRun.objects.get().reviews_opened == 4


# --- Figures survive anonymising ---------------------------------------------------------------


def test_patterns_still_count_an_anonymised_case(world, due_cases, councillor_client):
    before = case_patterns(user=world.councillor)
    councillor_client.post(_decide_url(due_cases[0]), {"decision": "anonymise"})
    after = case_patterns(user=world.councillor)
    assert after.total == before.total == 3
    assert after.by_category == before.by_category
    assert after.by_ward == before.by_ward
    assert after.by_channel == before.by_channel
    page = councillor_client.get(reverse("casework:patterns")).content.decode()
    assert "Highways" in page and "Abbey" in page

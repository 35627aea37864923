"""The permission matrix for every retention URL: who gets the page, who gets 404, and that a
forbidden POST changes nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.casework.models import Case
from councillor_hub.conftest import refreshed
from councillor_hub.dataprotection.models import (
    CouncillorRetention,
    RecordType,
    RetentionReview,
    ReviewDecision,
)

from .matrix import PEOPLE, assert_answer, person_client
from .retention_fixtures import closed_case, closed_enquiry, standard_policies

# Controllers: every councillor and MP (their own casework) and the data protection officer
# (the council's enquiries). Not delegates, officers or administrators.
CASEWORK_OWNERS = {"councillor", "colleague", "other", "independent", "mp", "whip"}
CONTROLLERS = CASEWORK_OWNERS | {"dpo"}
RUN_READERS = {"dpo", "admin"}

pytestmark = pytest.mark.usefixtures("module_world", "module_dpo")


@pytest.fixture(scope="module")
def module_reviews(module_world, module_dpo, django_db_blocker):
    """Built once for the module; each test gets fresh copies in its own savepoint."""
    with django_db_blocker.unblock():
        return build_reviews(module_world, module_dpo)


@pytest.fixture
def reviews(module_reviews, db):
    return refreshed(module_reviews)


def build_reviews(world, dpo):
    standard_policies()
    today = timezone.localdate()
    case = closed_case(world.councillor, closed_on=today.replace(year=today.year - 2))
    enquiry = closed_enquiry(world.councillor, closed_on=today.replace(year=today.year - 2))
    return {
        "case": RetentionReview.unrestricted.create(
            record_type=RecordType.CASEWORK,
            case=case,
            label=case.reference,
            owner=world.councillor,
            due_on=today,
        ),
        "enquiry": RetentionReview.unrestricted.create(
            record_type=RecordType.ENQUIRIES,
            enquiry=enquiry,
            label=enquiry.reference,
            owner=None,
            due_on=today,
        ),
    }


@pytest.mark.parametrize("person", PEOPLE)
def test_review_list(person, world, dpo, client, client_for):
    response = person_client(
        person, world=world, dpo=dpo, client=client, client_for=client_for
    ).get(reverse("dataprotection:retention_list"))
    assert_answer(person, CONTROLLERS, response)


@pytest.mark.parametrize("person", PEOPLE)
def test_retention_period(person, world, dpo, client, client_for):
    """Only a councillor (or MP) chooses a period for their casework: the DPO has none."""
    response = person_client(
        person, world=world, dpo=dpo, client=client, client_for=client_for
    ).get(reverse("dataprotection:retention_period"))
    assert_answer(person, CASEWORK_OWNERS, response)


@pytest.mark.parametrize("person", PEOPLE)
def test_retention_period_post_refused_to_others(person, world, dpo, client, client_for):
    response = person_client(
        person, world=world, dpo=dpo, client=client, client_for=client_for
    ).post(reverse("dataprotection:retention_period"), {"months": "6"})
    assert_answer(person, CASEWORK_OWNERS, response, ok=302)
    expected = person in CASEWORK_OWNERS
    assert CouncillorRetention.objects.filter(casework_months=6).exists() == expected


@pytest.mark.parametrize("person", PEOPLE)
def test_retention_runs(person, world, dpo, client, client_for):
    response = person_client(
        person, world=world, dpo=dpo, client=client, client_for=client_for
    ).get(reverse("dataprotection:retention_runs"))
    assert_answer(person, RUN_READERS, response)


@pytest.mark.parametrize("person", PEOPLE)
def test_bulk_get_goes_back_to_the_list(person, world, dpo, client, client_for):
    response = person_client(
        person, world=world, dpo=dpo, client=client, client_for=client_for
    ).get(reverse("dataprotection:retention_bulk"))
    assert_answer(person, CONTROLLERS, response, ok=302)
    if person in CONTROLLERS:
        assert response["Location"] == reverse("dataprotection:retention_list")


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("which", ["case", "enquiry"])
def test_decide_page(person, which, world, dpo, reviews, client, client_for):
    allowed = {"councillor"} if which == "case" else {"dpo"}
    url = reverse("dataprotection:retention_decide", args=[reviews[which].pk])
    response = person_client(
        person, world=world, dpo=dpo, client=client, client_for=client_for
    ).get(url)
    assert_answer(person, allowed, response)


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("which", ["case", "enquiry"])
def test_decide_post_refused_to_others(person, which, world, dpo, reviews, client, client_for):
    review = reviews[which]
    allowed = {"councillor"} if which == "case" else {"dpo"}
    url = reverse("dataprotection:retention_decide", args=[review.pk])
    response = person_client(
        person, world=world, dpo=dpo, client=client, client_for=client_for
    ).post(url, {"decision": "anonymise"})
    assert_answer(person, allowed, response, ok=302)
    review.refresh_from_db()
    decided = review.decision == ReviewDecision.ANONYMISE
    assert decided == (person in allowed)
    if which == "case":
        assert Case.unrestricted.get(pk=review.case_id).is_anonymised == (person in allowed)


@pytest.mark.parametrize("person", PEOPLE)
def test_bulk_post_ignores_reviews_the_user_may_not_decide(
    person, world, dpo, reviews, client, client_for
):
    ids = [str(reviews["case"].pk), str(reviews["enquiry"].pk)]
    response = person_client(
        person, world=world, dpo=dpo, client=client, client_for=client_for
    ).post(
        reverse("dataprotection:retention_bulk"),
        {"reviews": ids, "action": "delete", "confirm": "yes"},
    )
    if person in {"councillor", "dpo"}:
        assert response.status_code == 302
    else:
        # Other controllers see the list again ("select at least one"); the rest get 404.
        assert_answer(person, CONTROLLERS, response)
    case_deleted = not Case.unrestricted.filter(reference=reviews["case"].label).exists()
    assert case_deleted == (person == "councillor")
    reviews["enquiry"].refresh_from_db()
    assert (reviews["enquiry"].decision == ReviewDecision.DELETE) == (person == "dpo")


def test_a_colleague_sharing_the_case_still_cannot_decide(world, reviews, client_for):
    """Sharing a case lets a ward colleague read it; the retention decision stays the
    owner's."""
    from councillor_hub.casework.tests.factories import CaseShareFactory

    case = reviews["case"].case
    CaseShareFactory(case=case, colleague=world.colleague)
    url = reverse("dataprotection:retention_decide", args=[reviews["case"].pk])
    assert client_for(world.colleague).get(url).status_code == 404

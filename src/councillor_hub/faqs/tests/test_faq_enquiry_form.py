"""The enquiry form shows matching FAQs before a member sends it, counts them as shown, and
"This answered my question" counts an enquiry not sent."""

import pytest
from django.urls import reverse

from councillor_hub.accounts.tests.factories import ServiceAreaFactory
from councillor_hub.enquiries.models import Enquiry
from councillor_hub.enquiries.selectors.faq import matching_faqs
from councillor_hub.faqs.models import FaqUse, UseKind

from .factories import FaqFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("enquiries:enquiry_create")


def _data(world, **extra):
    data = {
        "service_area": str(world.highways.pk),
        "subject": "Potholes on Mill Lane",
        "description": "Several deep holes in the road.",
        "suggested_urgency": "standard",
        "submit": "send",
    }
    data.update(extra)
    return data


@pytest.fixture
def faqs(world):
    parks = ServiceAreaFactory(name="Parks", slug="parks")
    return {
        "pothole": FaqFactory(
            question="How quickly are potholes repaired?", keywords="road surface"
        ),
        "lights": FaqFactory(question="Who fixes streetlights?", keywords="lamp"),
        "answer_only": FaqFactory(
            question="Gritting routes", answer="Potholes are not gritted.", keywords=""
        ),
        "parks": FaqFactory(question="Potholes in park paths?", service_area=parks),
        "members": FaqFactory(question="Pothole claims for members", members_only=True),
        "draft": FaqFactory(question="Pothole draft", is_published=False),
    }


def test_hook_matches_by_service_and_words(world, faqs):
    found = matching_faqs(world.highways, "Potholes on Mill Lane: several deep holes")
    assert found == [faqs["pothole"]]
    assert found[0].url == reverse("faqs:faq_detail", args=[faqs["pothole"].pk])


def test_hook_ranks_more_words_first(world, faqs):
    both = FaqFactory(question="Resurfacing: how are potholes repaired?", keywords="")
    found = matching_faqs(world.highways, "potholes resurfacing repaired")
    assert found[0] == both


def test_hook_keywords_count(world, faqs):
    assert matching_faqs(world.highways, "the lamp by my house") == [faqs["lights"]]


@pytest.mark.parametrize("text", ["", "   ", "the and of", "12 34", "{}{}", "x" * 10_000])
def test_hook_nothing_to_match(world, faqs, text):
    assert matching_faqs(world.highways, text) == []


def test_hook_without_area(world, faqs):
    assert matching_faqs(None, "potholes") == []


def test_hook_members_only_with_a_user(world, faqs):
    assert faqs["members"] not in matching_faqs(world.highways, "pothole")
    assert faqs["members"] in matching_faqs(world.highways, "pothole", user=world.councillor)
    assert faqs["members"] not in matching_faqs(world.highways, "pothole", user=world.delegate)


def test_check_shows_matching_faqs_and_counts_them(councillor_client, world, faqs):
    response = councillor_client.post(CREATE, _data(world, submit="", check="1"))
    html = response.content.decode()
    assert "How quickly are potholes repaired?" in html
    assert "This answered my question" in html
    assert html.index("How quickly are potholes repaired?") < html.index("Send enquiry")
    assert "Pothole draft" not in html and "Potholes in park paths?" not in html
    assert not Enquiry.unrestricted.exists()
    # The councillor is a member, so the members-only answer is shown (and counted) too.
    shown = FaqUse.objects.filter(kind=UseKind.SHOWN_ON_ENQUIRY)
    assert set(shown.values_list("faq", flat=True)) == {faqs["pothole"].pk, faqs["members"].pk}
    assert FaqUse.objects.count() == 2


def test_members_see_members_only_faqs_on_the_enquiry_form(councillor_client, world, faqs):
    html = councillor_client.post(CREATE, _data(world, submit="", check="1")).content.decode()
    assert "Pothole claims for members" in html
    # Also when the form first shows matches (a bound form re-rendered with errors).
    html = councillor_client.post(
        CREATE, _data(world, submit="", check="1", suggested_urgency="")
    ).content.decode()
    assert "Pothole claims for members" in html


def test_a_delegate_raising_for_a_member_does_not_see_members_only_faqs(
    delegate_client, world, faqs
):
    html = delegate_client.post(CREATE, _data(world, submit="", check="1")).content.decode()
    assert "How quickly are potholes repaired?" in html
    assert "Pothole claims for members" not in html


def test_answered_my_question_is_its_own_form(councillor_client, world, faqs):
    """The button belongs to a small form of its own, so pressing Enter in the enquiry still
    sends the enquiry (the form's first submit button), not "answered"."""
    html = councillor_client.post(CREATE, _data(world, submit="", check="1")).content.decode()
    pk = faqs["pothole"].pk
    assert f'form="faq-answered-{pk}"' in html
    assert f'id="faq-answered-{pk}" method="post" action="/faqs/{pk}/helpful/"' in html


def test_answered_my_question_counts_an_enquiry_not_sent(councillor_client, world, faqs):
    response = councillor_client.post(
        reverse("faqs:faq_helpful", args=[faqs["pothole"].pk]), {"avoided": "1"}, follow=True
    )
    assert "Your enquiry has not been sent" in response.content.decode()
    assert FaqUse.objects.filter(kind=UseKind.ENQUIRY_AVOIDED).count() == 1
    assert not Enquiry.unrestricted.exists()


def test_sending_still_works(councillor_client, world, faqs):
    response = councillor_client.post(CREATE, _data(world))
    assert response.status_code == 302
    assert Enquiry.unrestricted.count() == 1

"""The FAQ pages: the list (grouped, filtered, searched), an FAQ's page and "This helped",
adding and changing FAQs, and the usage report."""

import pytest
from django.urls import reverse

from councillor_hub.accounts.tests.factories import ServiceAreaFactory
from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.faqs.models import Faq, FaqUse, UseKind

from .factories import FaqFactory, FaqUseFactory

pytestmark = pytest.mark.django_db

LIST = reverse("faqs:faq_list")


@pytest.fixture
def parks(db):
    return ServiceAreaFactory(name="Parks and open spaces", slug="parks-and-open-spaces")


def test_list_groups_by_service(councillor_client, world, parks):
    FaqFactory(question="How are potholes repaired?", service_area=world.highways)
    FaqFactory(question="Who cuts the grass?", service_area=parks, keywords="mowing")
    html = councillor_client.get(LIST).content.decode()
    assert "2 FAQs" in html
    assert html.index("Highways") < html.index("How are potholes repaired?")
    assert html.index("Parks and open spaces") < html.index("Who cuts the grass?")


def test_list_filters_by_service(councillor_client, world, parks):
    FaqFactory(question="How are potholes repaired?", service_area=world.highways)
    FaqFactory(question="Who cuts the grass?", service_area=parks)
    html = councillor_client.get(LIST, {"service_area": parks.pk}).content.decode()
    assert "Who cuts the grass?" in html
    assert "How are potholes repaired?" not in html


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("potholes repaired", True),
        ("repaired potholes", True),  # any order
        ("POTHOLES", True),
        ("carriageway", True),  # a keyword
        ("28 days", True),  # from the answer
        ("potholes grass", False),  # every word must match
        ("", True),
    ],
)
def test_list_search(councillor_client, world, query, found):
    FaqFactory(
        question="How are potholes repaired?",
        answer="Within 28 days.",
        keywords="carriageway",
    )
    html = councillor_client.get(LIST, {"q": query}).content.decode()
    assert ("How are potholes repaired?" in html) == found


@pytest.mark.parametrize(
    "params",
    [
        {"service_area": "nonsense"},
        {"service_area": "99999"},
        {"page": "abc"},
        {"page": "-3"},
        {"page": "99999"},
        {"q": "x" * 5000},
        {"q": "%_\\'\"<script>"},
        {"q": "{constituent_name}"},
    ],
)
def test_list_nonsense_input(councillor_client, world, params):
    FaqFactory(question="How are potholes repaired?")
    response = councillor_client.get(LIST, params)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_list_hides_members_only_and_drafts(client_for, world):
    FaqFactory(question="Open question")
    FaqFactory(question="Members question", members_only=True)
    FaqFactory(question="Draft question", is_published=False)
    officer = client_for(world.highways_officer).get(LIST).content.decode()
    assert "Open question" in officer
    assert "Members question" not in officer
    assert "Draft question" not in officer
    member = client_for(world.councillor).get(LIST).content.decode()
    assert "Members question" in member and "Draft question" not in member
    manager = client_for(world.democratic).get(LIST).content.decode()
    assert "Members question" in manager and "Draft question" in manager
    assert "Add an FAQ" in manager and "Add an FAQ" not in member


def test_list_query_count_does_not_grow(
    councillor_client, world, parks, django_assert_max_num_queries
):
    for n in range(3):
        FaqFactory(service_area=world.highways if n % 2 else parks)
    with django_assert_max_num_queries(12) as few:
        councillor_client.get(LIST)
    for n in range(40):
        FaqFactory(service_area=world.highways if n % 2 else parks)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = councillor_client.get(LIST)
    assert response.content.decode().count('href="/faqs/') >= 43


def test_detail_shows_answer_and_response_and_counts_a_view(councillor_client, world):
    faq = FaqFactory(
        question="How are potholes repaired?",
        answer="Within 28 days.",
        model_response="Dear {constituent_name}, {mystery}",
    )
    html = councillor_client.get(reverse("faqs:faq_detail", args=[faq.pk])).content.decode()
    assert "Within 28 days." in html
    assert "Dear {constituent_name}, {mystery}" in html
    assert "The constituent&#x27;s name" in html  # what the placeholder means
    assert "Not a placeholder we can fill in" in html
    assert "This helped" in html
    assert "Insert a model response" in html  # the councillor has casework
    assert FaqUse.objects.get().kind == UseKind.VIEWED


def test_helpful_once_then_thanks(councillor_client, world):
    faq = FaqFactory()
    url = reverse("faqs:faq_helpful", args=[faq.pk])
    response = councillor_client.post(url, follow=True)
    assert "counted this answer as helpful" in response.content.decode()
    response = councillor_client.post(url, follow=True)
    assert "already told us" in response.content.decode()
    assert FaqUse.objects.filter(kind=UseKind.HELPFUL).count() == 1
    html = councillor_client.get(reverse("faqs:faq_detail", args=[faq.pk])).content.decode()
    assert "You told us this answer helped" in html


def test_helpful_get_goes_to_the_faq(councillor_client, world):
    faq = FaqFactory()
    response = councillor_client.get(reverse("faqs:faq_helpful", args=[faq.pk]))
    assert response["Location"] == reverse("faqs:faq_detail", args=[faq.pk])
    assert not FaqUse.objects.exists()


def test_avoided_from_the_enquiry_form(councillor_client, world):
    faq = FaqFactory()
    response = councillor_client.post(reverse("faqs:faq_helpful", args=[faq.pk]), {"avoided": "1"})
    assert response["Location"] == reverse("enquiries:my_enquiries")
    kinds = sorted(FaqUse.objects.values_list("kind", flat=True))
    assert kinds == [UseKind.ENQUIRY_AVOIDED, UseKind.HELPFUL]


def test_avoided_by_someone_who_cannot_raise_enquiries(client_for, world):
    faq = FaqFactory()
    response = client_for(world.support).post(
        reverse("faqs:faq_helpful", args=[faq.pk]), {"avoided": "1"}
    )
    assert response["Location"] == reverse("faqs:faq_detail", args=[faq.pk])


def _form_data(world, **extra):
    data = {
        "service_area": str(world.highways.pk),
        "question": "How are potholes repaired?",
        "answer": "Within 28 days.",
        "model_response": "Dear {constituent_name}",
        "keywords": "pothole",
        "is_published": "on",
    }
    data.update(extra)
    return data


def test_create(client_for, world):
    client = client_for(world.democratic)
    response = client.post(reverse("faqs:faq_create"), _form_data(world))
    faq = Faq.objects.get()
    assert response["Location"] == reverse("faqs:faq_detail", args=[faq.pk])
    assert faq.is_published and not faq.members_only
    assert AuditEvent.objects.filter(action=Action.CREATE, object_id=str(faq.pk)).exists()


def test_create_form_prefills_the_service(client_for, world):
    html = (
        client_for(world.democratic)
        .get(reverse("faqs:faq_create"), {"service_area": str(world.highways.pk)})
        .content.decode()
    )
    assert f'value="{world.highways.pk}" selected' in html


def test_create_errors_keep_input_and_name_the_placeholder(client_for, world):
    response = client_for(world.democratic).post(
        reverse("faqs:faq_create"),
        _form_data(world, question="", model_response="Dear {constituent_nam}, typed text"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error:" in html
    assert "Enter the question" in html
    assert "{constituent_nam} is not a placeholder" in html
    assert "typed text" in html
    assert not Faq.objects.exists()


@pytest.mark.parametrize(
    "extra",
    [
        {"service_area": "nonsense"},
        {"service_area": "99999"},
        {"question": "x" * 300},
        {"keywords": "k" * 400},
        {"answer": ""},
    ],
)
def test_create_nonsense(client_for, world, extra):
    response = client_for(world.democratic).post(
        reverse("faqs:faq_create"), _form_data(world, **extra)
    )
    assert response.status_code == 200
    assert not Faq.objects.exists()


def test_update_with_history(client_for, world):
    faq = FaqFactory(question="Old question")
    client = client_for(world.democratic)
    url = reverse("faqs:faq_update", args=[faq.pk])
    response = client.post(url, _form_data(world, question="New question"))
    assert response.status_code == 302
    faq.refresh_from_db()
    assert faq.question == "New question"
    html = client.get(url).content.decode()
    assert "History of changes" in html
    assert "Changed" in html and "Added" in html


def test_update_error_keeps_page_heading(client_for, world):
    faq = FaqFactory(question="Old question")
    response = client_for(world.democratic).post(
        reverse("faqs:faq_update", args=[faq.pk]), _form_data(world, question="")
    )
    html = response.content.decode()
    assert "Enter the question" in html
    assert "Old question" in html  # breadcrumbs still name the saved question
    faq.refresh_from_db()
    assert faq.question == "Old question"


def test_usage_report_counts_and_sorts(client_for, world, parks):
    popular = FaqFactory(question="Popular question", service_area=world.highways)
    quiet = FaqFactory(question="Quiet question", service_area=parks)
    for kind, times in [
        (UseKind.VIEWED, 5),
        (UseKind.SHOWN_ON_ENQUIRY, 4),
        (UseKind.INSERTED, 3),
        (UseKind.HELPFUL, 2),
        (UseKind.ENQUIRY_AVOIDED, 1),
    ]:
        for _ in range(times):
            FaqUseFactory(faq=popular, kind=kind)
    FaqUseFactory(faq=quiet, kind=UseKind.INSERTED)
    FaqUseFactory(faq=quiet, kind=UseKind.INSERTED)
    FaqUseFactory(faq=quiet, kind=UseKind.INSERTED)
    FaqUseFactory(faq=quiet, kind=UseKind.INSERTED)
    client = client_for(world.democratic)
    response = client.get(reverse("faqs:usage"))
    faqs = list(response.context["faqs"])
    assert faqs[0] == popular
    assert (faqs[0].views, faqs[0].shown, faqs[0].inserted, faqs[0].helpful, faqs[0].avoided) == (
        5,
        4,
        3,
        2,
        1,
    )
    assert list(client.get(reverse("faqs:usage"), {"sort": "inserted"}).context["faqs"])[0] == quiet
    asc = client.get(reverse("faqs:usage"), {"sort": "inserted", "dir": "asc"}).context["faqs"]
    assert list(asc)[0] == popular
    by_area = client.get(reverse("faqs:usage"), {"service_area": parks.pk}).context["faqs"]
    assert list(by_area) == [quiet]
    html = response.content.decode()
    assert 'aria-sort="descending"' in html


@pytest.mark.parametrize(
    "params",
    [
        {"sort": "nonsense"},
        {"sort": "views", "dir": "sideways"},
        {"period": "nonsense"},
        {"period": "30"},
        {"service_area": "x"},
        {"page": "zz"},
    ],
)
def test_usage_nonsense_input(client_for, world, params):
    FaqFactory()
    assert client_for(world.democratic).get(reverse("faqs:usage"), params).status_code == 200


def test_usage_period_counts_recent_uses_only(client_for, world):
    import datetime

    from django.utils import timezone

    faq = FaqFactory()
    FaqUseFactory(faq=faq, kind=UseKind.VIEWED)
    old = FaqUseFactory(faq=faq, kind=UseKind.VIEWED)
    FaqUse.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=100))
    client = client_for(world.democratic)
    assert client.get(reverse("faqs:usage")).context["faqs"][0].views == 2
    assert client.get(reverse("faqs:usage"), {"period": "30"}).context["faqs"][0].views == 1


def test_usage_query_count_does_not_grow(client_for, world, django_assert_max_num_queries):
    client = client_for(world.democratic)
    for _ in range(3):
        FaqUseFactory(faq=FaqFactory())
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("faqs:usage"))
    for _ in range(30):
        FaqUseFactory(faq=FaqFactory(members_only=True), kind=UseKind.HELPFUL)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("faqs:usage"))

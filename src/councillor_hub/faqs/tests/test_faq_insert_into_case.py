"""Inserting a model response into a case note: choose (the case's category first, or
search), see it filled in from the case, edit it, add it to the timeline."""

import pytest
from django.urls import reverse

from councillor_hub.accounts.tests.factories import ServiceAreaFactory
from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework.models import EntryKind, TimelineEntry
from councillor_hub.casework.tests.factories import CaseFactory, ConstituentFactory
from councillor_hub.faqs.models import FaqUse, UseKind

from .factories import FaqFactory

pytestmark = pytest.mark.django_db

RESPONSE = (
    "Dear {constituent_name},\n\nAbout {case_reference} in {ward}: {mystery}.\n\n"
    "Yours sincerely,\n{councillor_name}"
)


@pytest.fixture
def parks(db):
    return ServiceAreaFactory(name="Parks and open spaces", slug="parks-and-open-spaces")


@pytest.fixture
def case(world):
    ann = ConstituentFactory(owner=world.councillor, first_name="Ann", last_name="Lee")
    return CaseFactory(
        owner=world.councillor,
        category=world.highways,
        ward=world.ward_a,
        title="Pothole on Mill Lane",
        constituents=[ann],
    )


def _url(case):
    return reverse("faqs:insert_into_case", args=[case.reference])


def test_case_page_links_to_it(councillor_client, case):
    html = councillor_client.get(reverse("casework:case_detail", args=[case.reference])).content
    assert _url(case).encode() in html
    assert b"Insert a model response" in html


def test_choose_lists_the_case_category_first(councillor_client, case, parks):
    FaqFactory(question="Potholes?", service_area=case.category)
    FaqFactory(question="Grass?", service_area=parks)
    FaqFactory(question="No response here", service_area=case.category, model_response="")
    response = councillor_client.get(_url(case))
    html = response.content.decode()
    assert "Potholes?" in html
    assert "Grass?" not in html
    assert "No response here" not in html
    assert "this case's category" in html
    every = councillor_client.get(_url(case), {"service_area": ""}).content.decode()
    assert "Potholes?" in every and "Grass?" in every
    assert "No response here" not in every
    searched = councillor_client.get(_url(case), {"service_area": "", "q": "grass"})
    assert "Potholes?" not in searched.content.decode()
    assert AuditEvent.objects.filter(action=Action.VIEW, object_label=case.reference).exists()


def test_choose_falls_back_to_all_services(councillor_client, case, parks):
    FaqFactory(question="Grass?", service_area=parks)
    assert "Grass?" in councillor_client.get(_url(case)).content.decode()


def test_chosen_response_is_filled_in(councillor_client, world, case, settings):
    faq = FaqFactory(model_response=RESPONSE)
    html = councillor_client.get(_url(case), {"faq": faq.pk}).content.decode()
    assert "Dear Ann Lee," in html
    assert f"About {case.reference} in Abbey: {{mystery}}." in html
    assert world.councillor.full_name in html
    assert "Fill in this placeholder yourself" in html
    assert "{mystery}" in html


def test_missing_values_are_left_with_a_note(councillor_client, world):
    bare = CaseFactory(owner=world.councillor, category=world.highways, ward=None)
    faq = FaqFactory(model_response="Dear {constituent_name}, {ward}.")
    html = councillor_client.get(_url(bare), {"faq": faq.pk}).content.decode()
    assert "Dear {constituent_name}, {ward}." in html
    assert "Fill in these placeholders yourself" in html


def test_post_adds_a_note_and_redirects(councillor_client, world, case):
    faq = FaqFactory(model_response=RESPONSE)
    response = councillor_client.post(
        _url(case), {"faq": faq.pk, "body": "Dear Ann, edited text.", "kind": EntryKind.NOTE}
    )
    assert response.status_code == 302
    assert (
        response["Location"] == reverse("casework:case_detail", args=[case.reference]) + "#timeline"
    )
    entry = TimelineEntry.unrestricted.get(case=case)
    assert entry.body == "Dear Ann, edited text."
    assert entry.kind == EntryKind.NOTE and not entry.is_sensitive
    assert entry.history.count() == 1
    assert FaqUse.objects.get(kind=UseKind.INSERTED).faq == faq
    page = councillor_client.get(response["Location"]).content.decode()
    assert "Dear Ann, edited text." in page
    assert "Model response added to the case timeline" in page


def test_post_as_a_sensitive_email(councillor_client, case):
    faq = FaqFactory()
    councillor_client.post(
        _url(case),
        {"faq": faq.pk, "body": "Text", "kind": EntryKind.EMAIL_OUT, "is_sensitive": "on"},
    )
    entry = TimelineEntry.unrestricted.get(case=case)
    assert entry.kind == EntryKind.EMAIL_OUT and entry.is_sensitive


@pytest.mark.parametrize(
    "data",
    [
        {"body": "", "kind": "note"},
        {"body": "   ", "kind": "note"},
        {"body": "Text", "kind": "status_change"},
        {"body": "Text", "kind": "nonsense"},
        {"body": "Text"},
    ],
)
def test_post_errors_re_render(councillor_client, case, data):
    faq = FaqFactory()
    response = councillor_client.post(_url(case), {"faq": faq.pk, **data})
    assert response.status_code == 200
    assert "<title>Error:" in response.content.decode()
    assert not TimelineEntry.unrestricted.exists()
    assert not FaqUse.objects.exists()


@pytest.mark.parametrize("faq_value", ["", "abc", "99999", "-1", "1" * 40])
def test_post_with_a_bad_faq(councillor_client, case, faq_value):
    FaqFactory()
    response = councillor_client.post(
        _url(case), {"faq": faq_value, "body": "Text", "kind": "note"}
    )
    assert response.status_code == 302
    assert response["Location"] == _url(case)
    assert not TimelineEntry.unrestricted.exists()


@pytest.mark.parametrize(
    "params",
    [{"faq": "abc"}, {"faq": "99999"}, {"service_area": "zz"}, {"page": "-1"}, {"q": "{" * 300}],
)
def test_get_nonsense(councillor_client, case, params):
    FaqFactory()
    assert councillor_client.get(_url(case), params).status_code == 200


def test_unpublished_or_members_only_not_offered(client_for, world, case):
    draft = FaqFactory(question="Draft one", is_published=False)
    secret = FaqFactory(question="Members one", members_only=True)
    delegate = client_for(world.delegate)
    html = delegate.get(_url(case)).content.decode()
    assert "Draft one" not in html and "Members one" not in html
    response = delegate.post(_url(case), {"faq": secret.pk, "body": "Text", "kind": "note"})
    assert response.status_code == 302 and response["Location"] == _url(case)
    councillor = client_for(world.councillor)
    response = councillor.post(_url(case), {"faq": draft.pk, "body": "Text", "kind": "note"})
    assert not TimelineEntry.unrestricted.exists()
    assert "Members one" in councillor.get(_url(case)).content.decode()


def test_unknown_case_is_404(councillor_client):
    assert (
        councillor_client.get(reverse("faqs:insert_into_case", args=["CW-2099-99999"])).status_code
        == 404
    )
    long = reverse("faqs:insert_into_case", args=["X" * 500])
    assert councillor_client.get(long).status_code == 404


def test_chooser_query_count_does_not_grow(
    councillor_client, case, parks, django_assert_max_num_queries
):
    for _ in range(3):
        FaqFactory(service_area=parks)
    with django_assert_max_num_queries(20) as few:
        councillor_client.get(_url(case), {"service_area": ""})
    for _ in range(20):
        FaqFactory(service_area=parks)
    with django_assert_max_num_queries(len(few.captured_queries)):
        councillor_client.get(_url(case), {"service_area": ""})

"""Administrators and officers cannot read casework content: not through the Django admin, and
not through the casework pages (which answer 404, so a case's existence does not leak)."""

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from councillor_hub.casework.models import Case

from .factories import CaseFactory, ConstituentFactory, TimelineEntryFactory

TITLE = "Zanzibar-Quokka flooding complaint"
SURNAME = "Quetzalcoatl-Smythe"
NOTE = "Marmalade-Octopus private note"

OUTSIDERS = ["support", "highways_officer", "manager", "democratic", "admin", "whip"]


@pytest.fixture
def case(world):
    constituent = ConstituentFactory(owner=world.councillor, last_name=SURNAME)
    case = CaseFactory(
        owner=world.councillor,
        title=TITLE,
        category=world.highways,
        ward=world.ward_a,
        constituents=[constituent],
    )
    TimelineEntryFactory(case=case, body=NOTE)
    return case


def assert_no_content(response):
    html = response.content.decode(errors="replace")
    for secret in [TITLE, SURNAME, NOTE]:
        assert secret not in html


def test_no_casework_model_is_registered_in_the_admin():
    registered = {model._meta.app_label for model in admin.site._registry}

    assert "casework" not in registered
    assert not any(
        model._meta.label.startswith("casework.") or model.__name__.startswith("Historical")
        for model in admin.site._registry
    )
    for name in ["case", "constituent", "timelineentry", "attachment", "caseshare"]:
        with pytest.raises(NoReverseMatch):
            reverse(f"admin:casework_{name}_changelist")
    with pytest.raises(NoReverseMatch):
        reverse("admin:app_list", args=["casework"])


def test_admin_pages_never_show_casework(client_for, world, case):
    """Walk the admin as a superuser: the index, every app index and every model's list."""
    client = client_for(world.admin)
    assert world.admin.is_superuser

    index = client.get("/django-admin/")
    assert index.status_code == 200
    assert_no_content(index)
    assert "/django-admin/casework/" not in index.content.decode()
    assert client.get("/django-admin/casework/").status_code == 404
    assert client.get(f"/django-admin/casework/case/{case.pk}/change/").status_code == 404

    app_labels = {model._meta.app_label for model in admin.site._registry}
    for app_label in app_labels:
        response = client.get(reverse("admin:app_list", args=[app_label]))
        assert response.status_code == 200
        assert_no_content(response)
    for model in admin.site._registry:
        opts = model._meta
        response = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        assert response.status_code == 200, opts.label
        assert_no_content(response)
        # Searching the admin for the case finds nothing either.
        searched = client.get(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), {"q": "Zanzibar"}
        )
        assert searched.status_code in (200, 302)
        assert_no_content(searched)


@pytest.mark.parametrize("name", OUTSIDERS)
def test_officers_and_administrators_get_404_for_casework(client_for, world, case, name):
    client = client_for(getattr(world, name))
    constituent = case.constituents.get()
    urls = [
        reverse("casework:case_detail", args=[case.reference]),
        reverse("casework:case_edit", args=[case.reference]),
        reverse("casework:case_history", args=[case.reference]),
        reverse("casework:case_sharing", args=[case.reference]),
        reverse("casework:constituent_detail", args=[constituent.pk]),
        reverse("casework:constituent_edit", args=[constituent.pk]),
    ]

    for url in urls:
        response = client.get(url)
        assert response.status_code == 404, url
        assert_no_content(response)
        assert case.reference not in response.content.decode()


@pytest.mark.parametrize("name", OUTSIDERS)
def test_officers_and_administrators_see_no_cases_in_lists(client_for, world, case, name):
    client = client_for(getattr(world, name))

    for url in [
        reverse("casework:case_list"),
        reverse("casework:constituent_list"),
        reverse("casework:dashboard"),
        reverse("casework:case_list") + "?q=Zanzibar",
    ]:
        response = client.get(url)
        assert response.status_code in (200, 302, 404), url
        assert_no_content(response)
        assert case.reference not in response.content.decode()


@pytest.mark.parametrize("name", OUTSIDERS)
def test_no_case_is_visible_to_outsiders(world, case, name):
    assert not Case.visible_to(getattr(world, name)).exists()


def test_the_owner_does_see_it(councillor_client, case):
    """Control: the same pages do show the content to the councillor, so the 404s above are
    the permission rules at work and not a broken page."""
    constituent = case.constituents.get()

    case_page = councillor_client.get(reverse("casework:case_detail", args=[case.reference]))
    constituent_page = councillor_client.get(
        reverse("casework:constituent_detail", args=[constituent.pk])
    )

    assert case_page.status_code == 200
    assert TITLE in case_page.content.decode()
    assert constituent_page.status_code == 200
    assert SURNAME in constituent_page.content.decode()

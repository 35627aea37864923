"""The data protection start page and the public privacy notice: who gets what."""

import pytest
from django.urls import reverse

from .matrix import PEOPLE, assert_answer, person_client

# Controllers (councillors, MPs, the DPO) get their tools; administrators the sweep reports.
pytestmark = pytest.mark.usefixtures("module_world", "module_dpo")

HOME = {"councillor", "colleague", "other", "independent", "mp", "whip", "dpo", "admin"}


@pytest.mark.parametrize("person", PEOPLE)
def test_home(person, world, dpo, client, client_for):
    response = person_client(
        person, world=world, dpo=dpo, client=client, client_for=client_for
    ).get(reverse("dataprotection:home"))
    assert_answer(person, HOME, response)


def test_home_shows_each_person_only_their_tools(world, dpo, client_for):
    councillor = client_for(world.councillor).get(reverse("dataprotection:home")).content
    admin = client_for(world.admin).get(reverse("dataprotection:home")).content.decode()
    assert reverse("dataprotection:handover").encode() in councillor
    assert reverse("dataprotection:retention_period").encode() in councillor
    assert reverse("dataprotection:retention_runs") in admin
    assert reverse("dataprotection:breach_list") not in admin
    dpo_page = client_for(dpo).get(reverse("dataprotection:home")).content.decode()
    assert reverse("dataprotection:handover") not in dpo_page
    assert reverse("dataprotection:sar_list") in dpo_page


@pytest.mark.parametrize("person", PEOPLE)
def test_privacy_notice_is_public(person, world, dpo, client, client_for):
    """Anyone, signed in or not, may read a serving councillor's notice; a non-councillor's
    id answers 404 whoever asks."""
    from councillor_hub.dataprotection.models import PrivacyNoticeTemplate

    PrivacyNoticeTemplate.objects.get_or_create(
        name="Test", defaults={"body": "{councillor_name} keeps casework.", "is_active": True}
    )
    browser = person_client(person, world=world, dpo=dpo, client=client, client_for=client_for)
    url = reverse("dataprotection:privacy_notice", args=[world.councillor.pk])
    assert browser.get(url).status_code == 200
    url = reverse("dataprotection:privacy_notice", args=[world.support.pk])
    assert browser.get(url).status_code == 404


def test_term_end_warning_only_after_the_term(world, client_for):
    import datetime as dt

    from django.utils import timezone

    profile = world.councillor.councillor_profile
    profile.term_end = timezone.localdate() + dt.timedelta(days=100)
    profile.save()
    page = client_for(world.councillor).get(reverse("dataprotection:home")).content.decode()
    assert "Your term ended" not in page
    profile.term_end = timezone.localdate() - dt.timedelta(days=3)
    profile.save()
    page = client_for(world.councillor).get(reverse("dataprotection:home")).content.decode()
    assert "Your term ended on" in page
    ends = profile.casework_access_ends_on
    assert f"until {ends.day} {ends:%B %Y}" in page

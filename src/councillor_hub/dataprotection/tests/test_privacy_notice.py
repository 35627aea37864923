from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.dataprotection.models import PrivacyNoticeTemplate


def _url(user):
    return reverse("dataprotection:privacy_notice", args=[user.pk])


def test_seeded_default_template_exists(db):
    template = PrivacyNoticeTemplate.objects.get(is_active=True)
    assert "{councillor_name}" in template.body


def test_public_page_without_sign_in(world, client, settings):
    settings.COUNCIL_NAME = "Testshire Council"
    response = client.get(_url(world.councillor))
    content = response.content.decode()
    assert response.status_code == 200
    assert world.councillor.full_name in content
    assert "Abbey" in content
    assert "Testshire Council" in content
    assert world.councillor.email in content
    assert "2 years" in content
    assert "{" not in content.split("<main", 1)[1]


def test_admin_template_is_used(world, client):
    PrivacyNoticeTemplate.objects.create(
        name="New",
        body="## About\n{councillor_name} of {ward} keeps casework {retention_years} years. {x}",
        retention_years=3,
    )
    assert PrivacyNoticeTemplate.objects.filter(is_active=True).count() == 1
    content = client.get(_url(world.councillor)).content.decode()
    assert '<h2 class="govuk-heading-m">About</h2>' in content
    assert f"{world.councillor.full_name} of Abbey keeps casework 3 years. {{x}}" in content


def test_template_text_is_escaped(world, client):
    PrivacyNoticeTemplate.objects.create(name="New", body="<script>alert(1)</script>")
    content = client.get(_url(world.councillor)).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;" in content


def test_404_without_active_template(world, client):
    PrivacyNoticeTemplate.objects.update(is_active=False)
    assert client.get(_url(world.councillor)).status_code == 404


@pytest.mark.parametrize("name", ["support", "delegate", "admin", "mp"])
def test_404_for_someone_who_is_not_a_councillor(name, world, client):
    assert client.get(_url(getattr(world, name))).status_code == 404


def test_404_for_inactive_or_former_councillor(world, client):
    world.colleague.is_active = False
    world.colleague.save()
    profile = world.other.councillor_profile
    profile.term_end = timezone.localdate() - timedelta(days=1)
    profile.save()
    assert client.get(_url(world.colleague)).status_code == 404
    assert client.get(_url(world.other)).status_code == 404
    assert client.get("/data-protection/privacy-notice/999999/").status_code == 404


def test_linked_from_a_councillors_access_page(world, client_for):
    content = client_for(world.councillor).get(reverse("casework:access_settings")).content
    assert _url(world.councillor).encode() in content
    mp_content = client_for(world.mp).get(reverse("casework:access_settings")).content
    assert b"/data-protection/privacy-notice/" not in mp_content

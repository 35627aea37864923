"""The admin records why a councillor's term ended, next to the term end, and shows when
their casework access ends."""

from django.urls import reverse

from councillor_hub.accounts.admin import CouncillorProfileForm


def test_profile_shows_term_end_reason_and_access_end(world, client_for):
    profile = world.councillor.councillor_profile
    profile.term_end = profile.term_start.replace(year=profile.term_start.year + 4)
    profile.save()
    url = reverse("admin:accounts_user_change", args=[world.councillor.pk])
    content = client_for(world.admin).get(url).content.decode()
    assert 'name="councillor_profile-0-term_end_reason"' in content
    assert "Casework access ends" in content
    ends_on = profile.casework_access_ends_on
    assert f"{ends_on.day} {ends_on:%B %Y}" in content


def _data(profile, **changes):
    data = {
        "ward": profile.ward_id,
        "political_group": profile.political_group_id or "",
        "term_start": profile.term_start.isoformat(),
        "term_end": "",
        "term_end_reason": "",
    }
    data.update(changes)
    return data


def test_a_reason_needs_a_term_end(world):
    profile = world.councillor.councillor_profile
    form = CouncillorProfileForm(_data(profile, term_end_reason="resigned"), instance=profile)
    assert not form.is_valid()
    assert "term_end" in form.errors
    form = CouncillorProfileForm(
        _data(profile, term_end_reason="resigned", term_end="2026-05-07"), instance=profile
    )
    assert form.is_valid(), form.errors

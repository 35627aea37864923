import re

import pytest
from django.urls import reverse


def _nav(response) -> list[str]:
    html = response.content.decode()
    nav = html[html.index('id="navigation"') : html.index("</ul>", html.index('id="navigation"'))]
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", label)).strip()
        for label in re.findall(r'class="govuk-service-navigation__link"[^>]*>(.*?)</a>', nav, re.S)
    ]


def _active(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'aria-current="page">\s*<strong[^>]*>([^<]+)</strong>', html)


@pytest.mark.parametrize(
    ("person", "present", "absent"),
    [
        ("councillor", ["My cases", "Enquiries", "Access"], ["Triage", "Performance"]),
        ("support", ["Triage", "Performance"], ["My cases", "Service enquiries"]),
        ("highways_officer", ["Service enquiries"], ["Triage", "My cases", "Enquiries"]),
        ("manager", ["Service enquiries", "Performance"], ["Triage", "My cases"]),
        ("admin", ["Performance"], ["My cases", "Triage", "Enquiries"]),
    ],
)
def test_navigation_offers_what_each_role_may_use(world, client_for, person, present, absent):
    response = client_for(getattr(world, person)).get(reverse("core:home"), follow=True)
    labels = _nav(response)
    for label in present:
        assert any(item.startswith(label) for item in labels), (label, labels)
    for label in absent:
        assert not any(item.startswith(label) for item in labels), (label, labels)


def test_only_the_most_specific_item_is_current(world, client_for):
    response = client_for(world.support).get(reverse("enquiries:triage_queue"))
    assert _active(response) == ["Triage"]

"""{% unit_path %}: a unit's place in the organisation, each part a link, names escaped."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from .factories import OrgUnitFactory

pytestmark = pytest.mark.django_db


def _draw(text, **context):
    return Template("{% load directory_tags %}" + text).render(Context(context))


def test_outermost_first_each_part_a_link_and_escaped():
    place = OrgUnitFactory(name="Place")
    highways = OrgUnitFactory(name="Highways & <Roads>", parent=place)
    lighting = OrgUnitFactory(name="Street lighting", parent=highways)
    drawn = _draw("{% unit_path unit %}", unit=lighting)
    assert drawn == (
        f'<a class="govuk-link" href="{reverse("directory:unit_detail", args=[place.pk])}">'
        "Place</a>"
        ' <span aria-hidden="true">&gt;</span><span class="govuk-visually-hidden">,</span> '
        f'<a class="govuk-link" href="{reverse("directory:unit_detail", args=[highways.pk])}">'
        "Highways &amp; &lt;Roads&gt;</a>"
        ' <span aria-hidden="true">&gt;</span><span class="govuk-visually-hidden">,</span> '
        f'<a class="govuk-link" href="{reverse("directory:unit_detail", args=[lighting.pk])}">'
        "Street lighting</a>"
    )


def test_no_unit_draws_nothing():
    assert _draw("[{% unit_path unit %}]", unit=None) == "[]"

"""The demo council's ward profiles (core/demo/wards.py): every ward has a summary, plausible
invented statistics and a handful of amenities, the same every time for the same seed."""

from decimal import Decimal

import pytest
from django.urls import reverse

from councillor_hub.accounts.models import Ward
from councillor_hub.core.demo.builder import DemoCouncilBuilder
from councillor_hub.core.demo.wards import build_wards
from councillor_hub.wards.importing import plan_import
from councillor_hub.wards.models import Unit, WardAmenity, WardProfile, WardStatistic


def snapshot() -> list:
    return [
        list(WardProfile.objects.order_by("pk").values_list("ward_id", "summary", "area_hectares")),
        list(
            WardStatistic.objects.order_by("ward_id", "sort_order").values_list(
                "ward_id", "topic", "label", "value", "unit", "source", "period"
            )
        ),
        list(
            WardAmenity.objects.order_by("ward_id", "kind", "name").values_list(
                "ward_id", "kind", "name", "address", "url"
            )
        ),
    ]


@pytest.fixture
def demo(db):
    builder = DemoCouncilBuilder(seed=7, cases=0, constituents=0, enquiries=0)
    builder.build_places()
    counts = build_wards(builder)
    return builder, counts


def test_every_ward_has_a_profile_statistics_and_amenities(demo):
    _, counts = demo
    wards = Ward.objects.count()
    assert counts["ward profiles"] == WardProfile.objects.count() == wards == 12
    assert counts["ward statistics"] == WardStatistic.objects.count()
    assert counts["ward amenities"] == WardAmenity.objects.count()
    assert WardStatistic.history.count() == WardStatistic.objects.count()
    for ward in Ward.objects.all():
        assert ward.name in ward.profile.summary
        assert 5 <= ward.amenities.count() <= 12
        topics = set(ward.statistics.values_list("topic", flat=True))
        assert {"Population", "Age", "Households", "Deprivation (IMD 2019)"} <= topics
        assert "Economic activity" in topics


def test_the_figures_are_plausible(demo):
    for ward in Ward.objects.all():
        figures = {(s.topic, s.label): s for s in ward.statistics.all()}
        population = figures[("Population", "All usual residents")].value
        assert 8_000 <= population <= 12_000
        ages = [s.value for s in ward.statistics.filter(topic="Age")]
        assert len(ages) == 5 and sum(ages) == population and min(ages) > 0
        for topic in ("Housing tenure", "Economic activity"):
            shares = [s.value for s in ward.statistics.filter(topic=topic)]
            assert sum(shares) == Decimal(100) and min(shares) > 0
        decile = figures[("Deprivation (IMD 2019)", "Decile (1 is most deprived)")]
        assert decile.unit == Unit.DECILE and 1 <= decile.value <= 10
        households = figures[("Households", "Households")].value
        assert population / Decimal("2.7") < households < population / 2


def test_the_same_seed_gives_the_same_profiles(demo):
    builder, _ = demo
    first = snapshot()
    for model in (WardStatistic, WardAmenity, WardProfile):
        model.objects.all().delete()
    build_wards(builder)
    assert snapshot() == first


def test_the_demo_figures_survive_a_round_trip_through_the_import(demo):
    """Exporting the demo figures as a file and importing it finds nothing to change."""
    lines = ["ward_code,topic,label,value,unit,source,period"]
    for s in WardStatistic.objects.select_related("ward").order_by("ward_id", "sort_order"):
        lines.append(
            f'{s.ward.ons_code},{s.topic},{s.label},{s.value},{s.unit},"{s.source}",{s.period}'
        )
    plan = plan_import("\n".join(lines))
    assert plan.is_valid, plan.errors[:3]
    assert not plan.has_changes


def test_a_demo_ward_page_renders(demo, client_for):
    from councillor_hub.accounts.tests.factories import UserFactory

    ward = Ward.objects.order_by("pk").first()
    response = client_for(UserFactory()).get(reverse("wards:ward_detail", args=[ward.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<svg") >= 5

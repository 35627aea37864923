import pytest

from councillor_hub.core.demo.builder import DemoCouncilBuilder
from councillor_hub.core.demo.surveys import build_surveys
from councillor_hub.surveys.models import Participation, Response, Survey, SurveyStatus
from councillor_hub.surveys.selectors import survey_results

pytestmark = pytest.mark.django_db


def test_the_demo_surveys(world):
    builder = DemoCouncilBuilder(seed=7)
    builder.councillor, builder.democratic = world.councillor, world.democratic
    counts = build_surveys(builder)
    assert counts["surveys"] == Survey.objects.count() == 4
    assert counts["survey responses"] == Response.objects.count()
    needs = Survey.objects.get(title="Member training needs survey")
    assert needs.is_open(builder.today) and needs.is_anonymous
    assert not Response.objects.filter(survey=needs, respondent__isnull=False).exists()
    assert Response.objects.filter(survey=needs).count() == needs.participations.count() > 0
    assert not Participation.objects.filter(survey=needs, person=world.councillor).exists()
    casework = Survey.objects.get(title="Casework levels survey")
    assert not casework.is_anonymous and not casework.is_open(builder.today)
    assert not Response.objects.filter(survey=casework, respondent__isnull=True).exists()
    assert Survey.objects.filter(status=SurveyStatus.DRAFT).count() == 1
    results = survey_results(needs)
    assert results.response_count > 0
    assert any(result.average for result in results.questions)

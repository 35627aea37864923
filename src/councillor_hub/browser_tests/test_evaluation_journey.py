"""Evaluations and surveys in real Chromium, with axe-core scans: a councillor evaluates a
session they attended, suggests training and answers an anonymous survey; democratic
services read the evaluation results, the programme report and the survey results, and reply
to the suggestion. Marked `browser`: runs with `make test-browser`."""

from __future__ import annotations

import pytest

from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import CouncillorFactory, UserFactory, WardFactory
from councillor_hub.browser_tests.conftest import axe_check, sign_in, sign_out
from councillor_hub.learning.models import Evaluation, SuggestionStatus, TrainingSuggestion
from councillor_hub.learning.tests.factories import TopicFactory
from councillor_hub.learning.tests.factories_evaluations import attended_booking, past_session
from councillor_hub.surveys.models import Participation, Response
from councillor_hub.surveys.tests.factories import full_survey

pytestmark = pytest.mark.browser


@pytest.fixture
def people(transactional_db):
    UserFactory(
        email="democratic@demo.test",
        full_name="Dana Democratic",
        roles=[Role.DEMOCRATIC_SERVICES_OFFICER],
    )
    councillor = CouncillorFactory(
        email="councillor@demo.test",
        full_name="Chris Councillor",
        profile__ward=WardFactory(name="Abbey"),
    )
    topic = TopicFactory(name="Chairing skills")
    attended_booking(member=councillor, session=past_session(topic=topic, days_ago=3))
    survey = full_survey(title="Member training needs survey", is_anonymous=True)
    return {"councillor": councillor, "topic": topic, "survey": survey}


def test_a_councillor_evaluates_and_answers_a_survey_and_democratic_services_see_results(
    page, live_server, people
):
    base = live_server.url

    # The councillor evaluates the session they attended.
    sign_in(page, live_server, "councillor@demo.test")
    page.goto(f"{base}/learning/evaluations/")
    axe_check(page, context="evaluations to do")
    page.get_by_role("link", name="Evaluate Chairing skills").click()
    page.wait_for_url("**/learning/evaluations/sessions/*/")
    axe_check(page, context="evaluation form")
    page.get_by_role("button", name="Send evaluation").click()
    assert page.title().startswith("Error:")
    assert "Select a rating for the activity overall" in page.content()
    axe_check(page, context="evaluation form with errors")
    page.get_by_role("group", name="Overall, how would you rate it?").get_by_label(
        "4 – Good"
    ).check()
    page.get_by_role("group", name="How well did it meet its aims?").get_by_label(
        "5 – Excellent"
    ).check()
    page.get_by_role("group", name="Would you recommend it to other members?").get_by_label(
        "Yes"
    ).check()
    page.get_by_label("What worked well? (optional)").fill("Practical chairing exercises")
    page.get_by_role("button", name="Send evaluation").click()
    page.wait_for_url("**/learning/evaluations/")
    assert "your evaluation has been sent" in page.content()
    assert Evaluation.objects.get().overall_rating == 4

    # ... suggests training ...
    page.get_by_role("link", name="Suggest training").click()
    page.wait_for_url("**/learning/suggestions/new/")
    axe_check(page, context="suggest training")
    page.get_by_label("What training would you like?").fill("Social media for councillors")
    page.get_by_role("button", name="Send suggestion").click()
    page.wait_for_url("**/learning/suggestions/")
    axe_check(page, context="my suggestions")

    # ... and answers the anonymous survey.
    page.goto(f"{base}/surveys/")
    axe_check(page, context="surveys list")
    page.get_by_role("link", name="Member training needs survey").click()
    axe_check(page, context="survey answer form")
    page.get_by_role("button", name="Send answers").click()
    assert page.title().startswith("Error:")
    axe_check(page, context="survey answer form with errors")
    page.get_by_label("What training would help you most?").fill("Chairing difficult meetings")
    page.get_by_role("group", name="How do you prefer to learn?").get_by_label("Online").check()
    page.get_by_role("group", name="When can you attend? (optional)").get_by_label(
        "Evenings"
    ).check()
    page.get_by_role("group", name="How useful was induction?").get_by_label("4").check()
    page.get_by_role("button", name="Send answers").click()
    page.wait_for_url("**/surveys/")
    assert "Answered" in page.content()
    assert Participation.objects.get().person == people["councillor"]
    assert Response.objects.get().respondent is None
    sign_out(page)

    # Democratic services read the results and the report, and reply to the suggestion.
    sign_in(page, live_server, "democratic@demo.test")
    page.goto(f"{base}/learning/evaluations/results/")
    axe_check(page, context="evaluation results")
    page.get_by_role("link", name="Chairing skills").first.click()
    page.wait_for_url("**/learning/evaluations/results/topics/*/")
    assert "Practical chairing exercises" in page.content()
    assert "Chris Councillor" not in page.content()
    axe_check(page, context="topic results")
    page.goto(f"{base}/learning/report/")
    axe_check(page, context="programme report")
    assert "Chairing skills" in page.content()
    page.goto(f"{base}/learning/suggestions/")
    axe_check(page, context="suggestions for managers")
    page.get_by_role("link", name="Social media for councillors").click()
    axe_check(page, context="answer a suggestion")
    page.get_by_label("Planned", exact=True).check()
    page.get_by_label("Reply to the member").fill("We will run it in the spring.")
    page.get_by_role("button", name="Save reply").click()
    page.wait_for_url("**/learning/suggestions/")
    assert TrainingSuggestion.objects.get().status == SuggestionStatus.PLANNED
    page.goto(f"{base}/surveys/manage/")
    axe_check(page, context="manage surveys")
    page.get_by_role("link", name="Member training needs survey", exact=True).click()
    axe_check(page, context="survey page for managers")
    page.get_by_role("link", name="See the results").click()
    assert "Chairing difficult meetings" in page.content()
    assert "Chris Councillor" not in page.content()
    axe_check(page, context="survey results")
    page.goto(f"{base}/surveys/manage/new/")
    axe_check(page, context="create a survey")

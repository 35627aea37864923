import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.surveys.models import Audience, Question, Survey, SurveyStatus
from councillor_hub.surveys.services import survey_respond

from .factories import SurveyFactory, answer_data, full_survey

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _text(response) -> str:
    """The page with runs of white space made one space, and none between tags."""
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", response.content.decode()))


def test_the_list_shows_open_surveys_for_the_person_and_what_they_answered(world, client_for):
    answered = full_survey(title="Casework levels survey")
    SurveyFactory(title="Officers only survey", audience=Audience.OFFICERS)
    SurveyFactory(title="Draft survey", status=SurveyStatus.DRAFT)
    SurveyFactory(title="Closed survey", closes_on=TODAY - datetime.timedelta(days=1))
    SurveyFactory(title="Everyone survey", audience=Audience.EVERYONE)
    client_for(world.councillor).post(
        reverse("surveys:survey_answer", args=[answered.pk]), answer_data(answered)
    )
    page = _text(client_for(world.councillor).get(reverse("surveys:survey_list")))
    assert (
        'Casework levels survey</span><strong class="govuk-tag govuk-tag--green">Answered' in page
    )
    assert "Everyone survey" in page
    for hidden in ("Officers only survey", "Draft survey", "Closed survey"):
        assert hidden not in page
    officer_page = _text(client_for(world.highways_officer).get(reverse("surveys:survey_list")))
    assert "Officers only survey" in officer_page and "Casework levels survey" not in officer_page


def test_unanswered_required_questions_re_render_with_errors_and_what_was_typed(world, client_for):
    survey = full_survey()
    url = reverse("surveys:survey_answer", args=[survey.pk])
    response = client_for(world.councillor).post(
        url, answer_data(survey, text="Keep this text", one=None, rating=None)
    )
    assert response.status_code == 200
    page = _text(response)
    assert page.count("Select an answer to question 2") >= 2  # summary and field
    assert "Select a rating for question 4" in page
    assert "Keep this text" in page
    assert "<title>Error: " in page
    assert not Survey.objects.get(pk=survey.pk).responses.exists()


def test_tampered_choices_are_errors_not_500s(world, client_for):
    survey = full_survey()
    data = answer_data(survey)
    q_one = survey.questions.all()[1]
    data[f"q_{q_one.pk}"] = "not-a-number"
    response = client_for(world.councillor).post(
        reverse("surveys:survey_answer", args=[survey.pk]), data
    )
    assert response.status_code == 200
    assert "Select an answer to question 2" in _text(response)


def test_results_count_choices_average_ratings_and_list_text_without_names(world, client_for):
    survey = full_survey(is_anonymous=True)
    q_text, q_one, q_several, q_rating = list(survey.questions.all())
    one = list(q_one.choices.all())
    several = list(q_several.choices.all())
    for person, choice, chosen, rating, text in [
        (world.councillor, one[0], [several[0], several[1]], 5, "More planning training"),
        (world.colleague, one[0], [several[1]], 2, "Evening sessions please"),
        (world.other, one[1], [], 4, ""),
    ]:
        answers = {q_one.pk: choice.pk, q_several.pk: [c.pk for c in chosen], q_rating.pk: rating}
        answers[q_text.pk] = text or "n/a"
        survey_respond(actor=person, survey=survey, answers=answers, today=TODAY)
    response = client_for(world.democratic).get(reverse("surveys:survey_results", args=[survey.pk]))
    page = _text(response)
    assert "3 responses" in page
    assert 'In person</th><td class="govuk-table__cell govuk-table__cell--numeric">2</td>' in page
    assert ">67%<" in page  # 2 of 3 chose "In person"
    assert 'Afternoons</th><td class="govuk-table__cell govuk-table__cell--numeric">2</td>' in page
    assert "2 of 3 answered" in page  # the optional several-choices question
    assert "3.7 out of 5" in page  # (5 + 2 + 4) / 3
    assert "More planning training" in page and "Evening sessions please" in page
    for person in (world.councillor, world.colleague, world.other):
        assert person.full_name not in page.replace(world.democratic.full_name, "")
    assert AuditEvent.objects.filter(
        action=Action.VIEW, object_label=f"Survey #{survey.pk} results"
    ).exists()


def test_named_survey_results_show_who_wrote_each_answer(world, client_for):
    survey = full_survey(is_anonymous=False)
    client_for(world.councillor).post(
        reverse("surveys:survey_answer", args=[survey.pk]), answer_data(survey, text="Named")
    )
    page = _text(
        client_for(world.democratic).get(reverse("surveys:survey_results", args=[survey.pk]))
    )
    assert "Named" in page and world.councillor.full_name in page


def test_results_take_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries):
    survey = full_survey()
    client = client_for(world.democratic)
    url = reverse("surveys:survey_results", args=[survey.pk])
    client.get(url)
    for person in (world.councillor, world.colleague, world.other, world.independent):
        client_for(person).post(
            reverse("surveys:survey_answer", args=[survey.pk]), answer_data(survey)
        )
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


def test_a_manager_builds_and_publishes_a_survey_through_the_pages(world, client_for):
    client = client_for(world.democratic)
    response = client.post(
        reverse("surveys:survey_create"),
        {
            "title": "Casework levels",
            "is_anonymous": "no",
            "audience": Audience.MEMBERS,
            "opens_on": TODAY.isoformat(),
            "closes_on": (TODAY + datetime.timedelta(days=14)).isoformat(),
        },
    )
    survey = Survey.objects.get(title="Casework levels")
    assert response["Location"] == reverse("surveys:survey_manage", args=[survey.pk])
    response = client.post(
        reverse("surveys:question_create", args=[survey.pk]),
        {
            "text": "How many cases a week?",
            "kind": "one_choice",
            "is_required": "yes",
            "choices": "Fewer than 5\n5 to 20\nMore than 20",
        },
    )
    assert response.status_code == 302
    question = Question.objects.get(survey=survey)
    assert [c.text for c in question.choices.all()] == ["Fewer than 5", "5 to 20", "More than 20"]
    page = _text(client.get(reverse("surveys:survey_manage", args=[survey.pk])))
    assert "How many cases a week?" in page and "Publish the survey" in page
    client.post(reverse("surveys:survey_publish", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.is_published
    page = _text(client.get(reverse("surveys:survey_manage", args=[survey.pk])))
    assert "Publish the survey" not in page and "See the results" in page
    answer = client_for(world.councillor).get(reverse("surveys:survey_answer", args=[survey.pk]))
    assert "democratic services will see your name" in _text(answer)


def test_question_form_errors(world, client_for):
    survey = SurveyFactory(status=SurveyStatus.DRAFT)
    response = client_for(world.democratic).post(
        reverse("surveys:question_create", args=[survey.pk]),
        {"text": "", "kind": "one_choice", "is_required": "yes", "choices": "Only one"},
    )
    page = _text(response)
    assert response.status_code == 200
    assert "Enter the question" in page
    assert not Question.objects.filter(survey=survey).exists()
    response = client_for(world.democratic).post(
        reverse("surveys:question_create", args=[survey.pk]),
        {"text": "Pick", "kind": "one_choice", "is_required": "yes", "choices": "Only one"},
    )
    assert "Enter at least 2 options, one on each line" in _text(response)


def test_publishing_without_questions_shows_an_error(world, client_for):
    survey = SurveyFactory(status=SurveyStatus.DRAFT)
    client = client_for(world.democratic)
    response = client.post(reverse("surveys:survey_publish", args=[survey.pk]), follow=True)
    assert "Add at least one question before you publish the survey" in _text(response)
    survey.refresh_from_db()
    assert not survey.is_published


def test_the_manage_list_shows_each_surveys_state_and_responses(world, client_for):
    open_survey = full_survey(title="Open one")
    SurveyFactory(title="Draft one", status=SurveyStatus.DRAFT)
    SurveyFactory(
        title="Closed one",
        opens_on=TODAY - datetime.timedelta(days=9),
        closes_on=TODAY - datetime.timedelta(days=2),
    )
    client_for(world.councillor).post(
        reverse("surveys:survey_answer", args=[open_survey.pk]), answer_data(open_survey)
    )
    page = _text(client_for(world.democratic).get(reverse("surveys:manage_list") + "?page=zzz"))
    for title, state in [("Open one", "Open"), ("Draft one", "Draft"), ("Closed one", "Closed")]:
        row = page.split(f">{title}</a>")[1].split("</tr>")[0]
        assert f">{state}</strong>" in row
    open_row = page.split(">Open one</a>")[1].split("</tr>")[0]
    assert '>1<span class="govuk-visually-hidden"> response to Open one' in open_row


def test_a_published_surveys_anonymity_and_audience_cannot_be_changed_on_the_form(
    world, client_for
):
    survey = SurveyFactory(is_anonymous=True, audience=Audience.MEMBERS)
    client = client_for(world.democratic)
    url = reverse("surveys:survey_update", args=[survey.pk])
    page = _text(client.get(url))
    assert page.count("This cannot change once the survey is published.") == 2
    response = client.post(
        url,
        {
            "title": "Renamed survey",
            "is_anonymous": "no",
            "audience": Audience.EVERYONE,
            "opens_on": survey.opens_on.isoformat(),
            "closes_on": survey.closes_on.isoformat(),
        },
    )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.title == "Renamed survey"
    assert survey.is_anonymous and survey.audience == Audience.MEMBERS

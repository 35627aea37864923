"""Surveys built by democratic services (training needs, casework levels...) and answered
once by members and officers in their audience.

Anonymous surveys: the answers must not lead back to the person. So the people who have
responded are kept in `Participation` (person, survey, and the DATE only, to stop repeats),
and the answers in `Response` + `Answer`, which for an anonymous survey hold no person, no
timestamp and no sequential id: both use random UUID primary keys, so neither a column nor
the order of ids lines up a response with a participation. Responses and answers keep no
history table (django-simple-history would record who and when). For a survey that is not
anonymous, `Response.respondent` names the person."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords


class Audience(models.TextChoices):
    EVERYONE = "everyone", "Everyone: members and officers"
    MEMBERS = "members", "Councillors and co-opted members"
    OFFICERS = "officers", "Officers"


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class Survey(models.Model):
    title = models.CharField(max_length=200)
    intro = models.TextField(blank=True)
    is_anonymous = models.BooleanField(
        default=True, help_text="Answers are kept with no link to the person who gave them."
    )
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.MEMBERS)
    opens_on = models.DateField()
    closes_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="survey_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:survey_manage", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == SurveyStatus.PUBLISHED

    def is_open(self, today: datetime.date) -> bool:
        return self.is_published and self.opens_on <= today <= self.closes_on

    def state_label(self, today: datetime.date) -> str:
        if not self.is_published:
            return "Draft"
        if today < self.opens_on:
            return "Not open yet"
        if today > self.closes_on:
            return "Closed"
        return "Open"


class QuestionKind(models.TextChoices):
    TEXT = "text", "Free text"
    ONE_CHOICE = "one_choice", "One choice from a list"
    SEVERAL_CHOICES = "several_choices", "Several choices from a list"
    RATING = "rating", "Rating from 1 to 5"


CHOICE_KINDS = (QuestionKind.ONE_CHOICE, QuestionKind.SEVERAL_CHOICES)


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=300)
    hint = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=20, choices=QuestionKind.choices)
    is_required = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def has_choices(self) -> bool:
        return self.kind in CHOICE_KINDS


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=200)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class Participation(models.Model):
    """That a person has responded to a survey, and on which day: it stops a second response.
    Nothing here points to their response."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_participations"
    )
    responded_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "person"], name="survey_respond_once"),
        ]


class Response(models.Model):
    """One set of answers. Random id, no timestamp; a respondent only when the survey is not
    anonymous."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_responses",
    )

    class Meta:
        ordering = ["id"]  # random: says nothing about when it was given


class Answer(models.Model):
    """One answer to one question: text for free text, a rating, or one chosen option (a
    question with several choices has one Answer row per option chosen)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(
        Choice, null=True, blank=True, on_delete=models.CASCADE, related_name="answers"
    )
    text = models.TextField(blank=True)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="survey_answer_rating_1_to_5",
            ),
        ]

"""Surveys: members and officers answer the open surveys meant for them, once; democratic
services and administrators build surveys, publish them and read the results. A survey
someone may not answer (wrong audience, not open, a draft) answers 404, as do the manage
pages for everyone but managers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.core.forms import form_add_service_errors

from .forms import AnswerForm, QuestionForm, SurveyForm
from .models import Participation, Question, Survey
from .permissions import can_answer, can_manage_surveys
from .selectors import manage_list, survey_results, surveys_to_answer
from .services import (
    question_add,
    question_delete,
    question_update,
    survey_create,
    survey_publish,
    survey_respond,
    survey_update,
)

PAGE_SIZE = 25


class ManagerMixin(LoginRequiredMixin):
    """Signed-in democratic services officers and administrators only; others 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_manage_surveys(request.user):
            raise Http404("Not found")
        return super().dispatch(request, *args, **kwargs)


class SurveyListView(LoginRequiredMixin, TemplateView):
    """The open surveys for the signed-in person, marked when they have answered."""

    template_name = "surveys/survey_list.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(
            surveys=list(surveys_to_answer(self.request.user, today)),
            can_manage=can_manage_surveys(self.request.user),
            **kwargs,
        )


class SurveyAnswerView(LoginRequiredMixin, View):
    """Answer an open survey, once."""

    template_name = "surveys/survey_answer.html"

    def _survey(self, pk: int) -> Survey:
        survey = get_object_or_404(Survey, pk=pk)
        if not can_answer(self.request.user, survey, timezone.localdate()):
            raise Http404("Not found")
        return survey

    def _answered(self, survey: Survey) -> bool:
        return Participation.objects.filter(survey=survey, person=self.request.user).exists()

    def get(self, request, pk: int):
        survey = self._survey(pk)
        if self._answered(survey):
            return render(request, "surveys/survey_answered.html", {"survey": survey})
        form = AnswerForm(survey=survey)
        return render(request, self.template_name, {"survey": survey, "form": form})

    def post(self, request, pk: int):
        survey = self._survey(pk)
        if self._answered(survey):
            return render(request, "surveys/survey_answered.html", {"survey": survey})
        form = AnswerForm(request.POST, survey=survey)
        if form.is_valid():
            try:
                survey_respond(
                    actor=request.user,
                    survey=survey,
                    answers=form.answers(),
                    today=timezone.localdate(),
                )
            except PermissionDenied:
                raise Http404("Not found") from None
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, f"Thank you: your answers to {survey.title} were sent")
                return redirect("surveys:survey_list")
        return render(request, self.template_name, {"survey": survey, "form": form})


class ManageListView(ManagerMixin, TemplateView):
    """Every survey with its state and number of responses."""

    template_name = "surveys/manage_list.html"

    def get_context_data(self, **kwargs):
        paginator = Paginator(manage_list(), PAGE_SIZE)
        page_obj = paginator.get_page(self.request.GET.get("page"))
        today = timezone.localdate()
        for survey in page_obj.object_list:
            survey.state = survey.state_label(today)
        return super().get_context_data(page_obj=page_obj, surveys=page_obj.object_list, **kwargs)


class SurveyCreateView(ManagerMixin, View):
    """Start a survey (a draft until published)."""

    template_name = "surveys/survey_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": SurveyForm()})

    def post(self, request):
        form = SurveyForm(request.POST)
        if form.is_valid():
            try:
                survey = survey_create(actor=request.user, **form.cleaned_data)
            except PermissionDenied:
                raise Http404("Not found") from None
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Survey saved. Now add its questions.")
                return redirect(survey)
        return render(request, self.template_name, {"form": form})


class SurveyManageView(ManagerMixin, TemplateView):
    """A survey's details and questions, with the actions open to it."""

    template_name = "surveys/survey_manage.html"

    def get_context_data(self, pk: int, **kwargs):
        survey = get_object_or_404(Survey, pk=pk)
        today = timezone.localdate()
        return super().get_context_data(
            survey=survey,
            state=survey.state_label(today),
            questions=list(survey.questions.prefetch_related("choices")),
            response_count=survey.responses.count(),
            **kwargs,
        )


class SurveyUpdateView(ManagerMixin, View):
    """Change a survey's details."""

    template_name = "surveys/survey_form.html"

    def get(self, request, pk: int):
        survey = get_object_or_404(Survey, pk=pk)
        return render(
            request, self.template_name, {"form": SurveyForm(survey=survey), "survey": survey}
        )

    def post(self, request, pk: int):
        survey = get_object_or_404(Survey, pk=pk)
        form = SurveyForm(request.POST, survey=survey)
        if form.is_valid():
            try:
                survey = survey_update(actor=request.user, survey=survey, **form.cleaned_data)
            except PermissionDenied:
                raise Http404("Not found") from None
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Survey saved")
                return redirect(survey)
        return render(request, self.template_name, {"form": form, "survey": survey})


class QuestionCreateView(ManagerMixin, View):
    """Add a question to a draft survey."""

    template_name = "surveys/question_form.html"

    def get(self, request, pk: int):
        survey = get_object_or_404(Survey, pk=pk)
        return render(request, self.template_name, {"form": QuestionForm(), "survey": survey})

    def post(self, request, pk: int):
        survey = get_object_or_404(Survey, pk=pk)
        form = QuestionForm(request.POST)
        if form.is_valid():
            try:
                question_add(actor=request.user, survey=survey, **form.service_arguments())
            except PermissionDenied:
                raise Http404("Not found") from None
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Question added")
                return redirect(survey)
        return render(request, self.template_name, {"form": form, "survey": survey})


class QuestionUpdateView(ManagerMixin, View):
    """Change a question of a draft survey."""

    template_name = "surveys/question_form.html"

    def _question(self, pk: int, question_pk: int) -> Question:
        return get_object_or_404(
            Question.objects.select_related("survey"), pk=question_pk, survey_id=pk
        )

    def get(self, request, pk: int, question_pk: int):
        question = self._question(pk, question_pk)
        form = QuestionForm(question=question)
        context = {"form": form, "survey": question.survey, "question": question}
        return render(request, self.template_name, context)

    def post(self, request, pk: int, question_pk: int):
        question = self._question(pk, question_pk)
        form = QuestionForm(request.POST)
        if form.is_valid():
            try:
                question_update(actor=request.user, question=question, **form.service_arguments())
            except PermissionDenied:
                raise Http404("Not found") from None
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Question saved")
                return redirect(question.survey)
        context = {"form": form, "survey": question.survey, "question": question}
        return render(request, self.template_name, context)


class QuestionDeleteView(ManagerMixin, View):
    """Confirm, then remove a question from a draft survey."""

    template_name = "surveys/question_confirm_delete.html"

    def _question(self, pk: int, question_pk: int) -> Question:
        return get_object_or_404(
            Question.objects.select_related("survey"), pk=question_pk, survey_id=pk
        )

    def get(self, request, pk: int, question_pk: int):
        question = self._question(pk, question_pk)
        context = {"question": question, "survey": question.survey}
        return render(request, self.template_name, context)

    def post(self, request, pk: int, question_pk: int):
        question = self._question(pk, question_pk)
        survey = question.survey
        try:
            question_delete(actor=request.user, question=question)
        except PermissionDenied:
            raise Http404("Not found") from None
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Question removed")
        return redirect(survey)


class SurveyPublishView(ManagerMixin, View):
    """Publish a draft survey (a POST from its page)."""

    def post(self, request, pk: int):
        survey = get_object_or_404(Survey, pk=pk)
        try:
            survey_publish(actor=request.user, survey=survey, today=timezone.localdate())
        except PermissionDenied:
            raise Http404("Not found") from None
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Survey published")
        return redirect(survey)


class SurveyResultsView(ManagerMixin, TemplateView):
    """A survey's results: counts per option, average ratings and free-text answers."""

    template_name = "surveys/survey_results.html"

    def get_context_data(self, pk: int, **kwargs):
        survey = get_object_or_404(Survey, pk=pk)
        audit_record(
            actor=self.request.user,
            action=Action.VIEW,
            obj=survey,
            label=f"Survey #{survey.pk} results",
            request=self.request,
        )
        return super().get_context_data(
            survey=survey,
            state=survey.state_label(timezone.localdate()),
            results=survey_results(survey),
            **kwargs,
        )

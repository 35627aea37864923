"""Evaluations after training, external courses and conferences, training suggestions, and
the programme report for the committee that oversees member development.

Members in the programme (learning/permissions.py is_learner) evaluate what they attended and
suggest training; democratic services and administrators see the results (aggregated, with
comments but never names), answer suggestions and run the report. Everyone else gets 404."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.core.forms import form_add_service_errors

from ..forms.evaluations import (
    EvaluationForm,
    ExternalActivityForm,
    ReportPeriodForm,
    SuggestionAnswerForm,
    SuggestionFilterForm,
    SuggestionForm,
)
from ..models import (
    Booking,
    BookingStatus,
    Evaluation,
    ExternalActivity,
    TrainingSession,
    TrainingSuggestion,
    TrainingTopic,
)
from ..permissions import can_manage_learning, is_learner
from ..reporting import (
    activities_to_evaluate,
    bookings_to_evaluate,
    programme_report,
    programme_report_tables,
    session_results,
    sessions_with_results,
    topic_result_rows,
    topic_results,
)
from ..services.evaluations import (
    evaluation_submit,
    external_activity_record,
    suggestion_answer,
    suggestion_submit,
)

PAGE_SIZE = 25
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class LearnerMixin(LoginRequiredMixin):
    """Signed-in members in the development programme only; others 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_learner(request.user):
            raise Http404("Not found")
        return super().dispatch(request, *args, **kwargs)


class ManagerMixin(LoginRequiredMixin):
    """Signed-in democratic services officers and administrators only; others 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_manage_learning(request.user):
            raise Http404("Not found")
        return super().dispatch(request, *args, **kwargs)


class EvaluationsToDoView(LearnerMixin, TemplateView):
    """The member's attended sessions and external activities still to evaluate."""

    template_name = "learning/evaluations/todo.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        done = (
            Evaluation.objects.filter(member=user)
            .select_related("booking__session__topic", "external_activity")
            .order_by("-submitted_at", "-pk")[:20]
        )
        return super().get_context_data(
            bookings=list(bookings_to_evaluate(user)),
            activities=list(activities_to_evaluate(user)),
            done=list(done),
            **kwargs,
        )


class _EvaluateView(LearnerMixin, View):
    template_name = "learning/evaluations/evaluate.html"

    def subject(self, pk: int):
        raise NotImplementedError

    def already_done(self, subject) -> bool:
        return Evaluation.objects.filter(**{self.subject_field: subject}).exists()

    def context(self, subject, form) -> dict:
        return {"form": form, "subject": subject, **self.describe(subject)}

    def get(self, request, pk: int):
        subject = self.subject(pk)
        if self.already_done(subject):
            messages.info(request, "You have already evaluated this")
            return redirect("learning:evaluation_todo")
        return render(request, self.template_name, self.context(subject, EvaluationForm()))

    def post(self, request, pk: int):
        subject = self.subject(pk)
        if self.already_done(subject):
            messages.info(request, "You have already evaluated this")
            return redirect("learning:evaluation_todo")
        form = EvaluationForm(request.POST)
        if form.is_valid():
            try:
                evaluation_submit(
                    actor=request.user, **{self.subject_field: subject}, **form.cleaned_data
                )
            except PermissionDenied:
                raise Http404("Not found") from None
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Thank you: your evaluation has been sent")
                return redirect("learning:evaluation_todo")
        return render(request, self.template_name, self.context(subject, form))


class BookingEvaluateView(_EvaluateView):
    """Evaluate a session the member attended."""

    subject_field = "booking"

    def subject(self, pk: int) -> Booking:
        return get_object_or_404(
            Booking.objects.select_related("session__topic"),
            pk=pk,
            member=self.request.user,
            status=BookingStatus.BOOKED,
            attended=True,
        )

    def describe(self, booking: Booking) -> dict:
        session = booking.session
        return {
            "title": session.topic.name,
            "when": timezone.localtime(session.starts_at),
            "detail": session.trainer,
        }


class ExternalActivityEvaluateView(_EvaluateView):
    """Evaluate an external course, conference or other activity the member recorded."""

    subject_field = "external_activity"

    def subject(self, pk: int) -> ExternalActivity:
        return get_object_or_404(ExternalActivity, pk=pk, member=self.request.user)

    def describe(self, activity: ExternalActivity) -> dict:
        return {
            "title": activity.title,
            "day": activity.attended_on,
            "detail": activity.provider,
        }


class ExternalActivityCreateView(LearnerMixin, View):
    """Record an external course, conference or other activity, then evaluate it."""

    template_name = "learning/evaluations/external_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": ExternalActivityForm()})

    def post(self, request):
        form = ExternalActivityForm(request.POST)
        if form.is_valid():
            try:
                activity = external_activity_record(actor=request.user, **form.cleaned_data)
            except PermissionDenied:
                raise Http404("Not found") from None
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, f"{activity.title} recorded. Now tell us how it went.")
                return redirect("learning:evaluation_external_create", pk=activity.pk)
        return render(request, self.template_name, {"form": form})


class ResultsView(ManagerMixin, TemplateView):
    """Evaluation results per topic and per session held (averages, counts, recommend %)."""

    template_name = "learning/evaluations/results.html"

    def get_context_data(self, **kwargs):
        paginator = Paginator(sessions_with_results(), PAGE_SIZE)
        page_obj = paginator.get_page(self.request.GET.get("page"))
        return super().get_context_data(
            topic_rows=topic_result_rows(),
            page_obj=page_obj,
            sessions=page_obj.object_list,
            **kwargs,
        )


def _audit_results_view(request, obj, label: str) -> None:
    audit_record(actor=request.user, action=Action.VIEW, obj=obj, label=label, request=request)


class TopicResultsView(ManagerMixin, TemplateView):
    """One topic's evaluation results with its sessions and the comments, without names."""

    template_name = "learning/evaluations/topic_results.html"

    def get_context_data(self, pk: int, **kwargs):
        topic = get_object_or_404(TrainingTopic, pk=pk)
        _audit_results_view(self.request, topic, f"Evaluations of topic #{topic.pk}")
        return super().get_context_data(
            topic=topic,
            results=topic_results(topic),
            sessions=list(sessions_with_results(topic=topic)[:50]),
            **kwargs,
        )


class SessionResultsView(ManagerMixin, TemplateView):
    """One session's evaluation results and comments, without names."""

    template_name = "learning/evaluations/session_results.html"

    def get_context_data(self, pk: int, **kwargs):
        session = get_object_or_404(TrainingSession.objects.select_related("topic"), pk=pk)
        _audit_results_view(self.request, session, f"Evaluations of session #{session.pk}")
        attended = Booking.objects.filter(
            session=session, status=BookingStatus.BOOKED, attended=True
        ).count()
        return super().get_context_data(
            session=session,
            starts_at=timezone.localtime(session.starts_at),
            results=session_results(session),
            attended=attended,
            **kwargs,
        )


class SuggestionListView(LoginRequiredMixin, TemplateView):
    """Members: their own suggestions and replies. Managers: every suggestion, by status."""

    template_name = "learning/evaluations/suggestion_list.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not (can_manage_learning(user) or is_learner(user)):
            raise Http404("Not found")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        manager = can_manage_learning(user)
        suggestions = TrainingSuggestion.objects.select_related("topic")
        form = None
        if manager:
            form = SuggestionFilterForm(self.request.GET or None)
            suggestions = suggestions.select_related("suggested_by")
            if status := form.status_value():
                suggestions = suggestions.filter(status=status)
        else:
            suggestions = suggestions.filter(suggested_by=user)
        paginator = Paginator(suggestions, PAGE_SIZE)
        page_obj = paginator.get_page(self.request.GET.get("page"))
        return super().get_context_data(
            is_manager=manager,
            can_suggest=is_learner(user),
            filter_form=form,
            page_obj=page_obj,
            suggestions=page_obj.object_list,
            count=paginator.count,
            **kwargs,
        )


class SuggestionCreateView(LearnerMixin, View):
    """A member suggests training for the programme."""

    template_name = "learning/evaluations/suggestion_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": SuggestionForm()})

    def post(self, request):
        form = SuggestionForm(request.POST)
        if form.is_valid():
            try:
                suggestion_submit(actor=request.user, **form.cleaned_data)
            except PermissionDenied:
                raise Http404("Not found") from None
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Thank you: your suggestion has been sent")
                return redirect("learning:suggestion_list")
        return render(request, self.template_name, {"form": form})


class SuggestionAnswerView(ManagerMixin, View):
    """Democratic services read a suggestion and reply with what will happen to it."""

    template_name = "learning/evaluations/suggestion_answer.html"

    def _suggestion(self, pk: int) -> TrainingSuggestion:
        return get_object_or_404(
            TrainingSuggestion.objects.select_related("suggested_by", "handled_by"), pk=pk
        )

    def get(self, request, pk: int):
        suggestion = self._suggestion(pk)
        _audit_results_view(request, suggestion, f"Training suggestion #{suggestion.pk}")
        form = SuggestionAnswerForm(
            initial={
                "status": suggestion.status,
                "response": suggestion.response,
                "topic": suggestion.topic_id,
            }
        )
        return render(request, self.template_name, {"form": form, "suggestion": suggestion})

    def post(self, request, pk: int):
        suggestion = self._suggestion(pk)
        form = SuggestionAnswerForm(request.POST)
        if form.is_valid():
            try:
                suggestion_answer(actor=request.user, suggestion=suggestion, **form.cleaned_data)
            except PermissionDenied:
                raise Http404("Not found") from None
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Reply saved")
                return redirect("learning:suggestion_list")
        return render(request, self.template_name, {"form": form, "suggestion": suggestion})


def _report_for(request):
    today = timezone.localdate()
    form = ReportPeriodForm(request.GET if "start" in request.GET else None)
    start, end = form.period(today)
    if not form.is_bound:
        form = ReportPeriodForm(initial={"start": start, "end": end})
    return form, programme_report(start=start, end=end, today=today)


class ProgrammeReportView(ManagerMixin, TemplateView):
    """The programme report for a chosen period, as a printable page."""

    template_name = "learning/evaluations/programme_report.html"

    def get_context_data(self, **kwargs):
        form, report = _report_for(self.request)
        query = f"start={report.start.isoformat()}&end={report.end.isoformat()}"
        return super().get_context_data(
            form=form,
            period_errors=form.is_bound and bool(form.errors),
            report=report,
            query=query,
            generated_at=timezone.localtime(),
            **kwargs,
        )


def _safe(value):
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def report_csv(report) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["Member development programme report", f"{report.start:%d %B %Y} to {report.end:%d %B %Y}"]
    )
    writer.writerow([])
    for title, columns, rows in programme_report_tables(report):
        writer.writerow([title])
        writer.writerow(columns)
        writer.writerows([[_safe(value) for value in row] for row in rows])
        writer.writerow([])
    # A byte-order mark so spreadsheet programs read the text as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def report_xlsx(report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    period = f"{report.start:%d %B %Y} to {report.end:%d %B %Y}"
    for title, columns, rows in programme_report_tables(report):
        name = "".join(c for c in title if c not in "[]:*?/\\")[:31]
        sheet = workbook.create_sheet(name)
        sheet.append([title, period])
        sheet.append(columns)
        for cell in sheet[1] + sheet[2]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_safe(value) for value in row])
        sheet.column_dimensions["A"].width = 40
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class ProgrammeReportDownloadView(ManagerMixin, View):
    """The programme report as CSV (one section per table) or XLSX (one sheet per table)."""

    def get(self, request):
        fmt = request.GET.get("format", "csv")
        if fmt not in ("csv", "xlsx"):
            fmt = "csv"
        _form, report = _report_for(request)
        if fmt == "csv":
            response = HttpResponse(report_csv(report), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(report_xlsx(report), content_type=XLSX_TYPE)
        audit_record(
            actor=request.user,
            action=Action.DOWNLOAD,
            object_type="learning.programme_report",
            label=f"Programme report ({fmt.upper()})",
            request=request,
        )
        filename = f"member-development-report-{report.start}-to-{report.end}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

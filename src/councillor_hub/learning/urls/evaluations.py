"""Evaluations, external activities, training suggestions and the programme report."""

from django.urls import path

from ..views import evaluations as views

urlpatterns = [
    path("evaluations/", views.EvaluationsToDoView.as_view(), name="evaluation_todo"),
    path(
        "evaluations/sessions/<int:pk>/",
        views.BookingEvaluateView.as_view(),
        name="evaluation_booking_create",
    ),
    path(
        "evaluations/external/<int:pk>/",
        views.ExternalActivityEvaluateView.as_view(),
        name="evaluation_external_create",
    ),
    path(
        "external-activities/new/",
        views.ExternalActivityCreateView.as_view(),
        name="external_activity_create",
    ),
    path("evaluations/results/", views.ResultsView.as_view(), name="evaluation_results"),
    path(
        "evaluations/results/topics/<int:pk>/",
        views.TopicResultsView.as_view(),
        name="evaluation_topic_results",
    ),
    path(
        "evaluations/results/sessions/<int:pk>/",
        views.SessionResultsView.as_view(),
        name="evaluation_session_results",
    ),
    path("suggestions/", views.SuggestionListView.as_view(), name="suggestion_list"),
    path("suggestions/new/", views.SuggestionCreateView.as_view(), name="suggestion_create"),
    path("suggestions/<int:pk>/", views.SuggestionAnswerView.as_view(), name="suggestion_answer"),
    path("report/", views.ProgrammeReportView.as_view(), name="programme_report"),
    path(
        "report/download/",
        views.ProgrammeReportDownloadView.as_view(),
        name="programme_report_download",
    ),
]

from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("", views.SurveyListView.as_view(), name="survey_list"),
    path("<int:pk>/", views.SurveyAnswerView.as_view(), name="survey_answer"),
    path("manage/", views.ManageListView.as_view(), name="manage_list"),
    path("manage/new/", views.SurveyCreateView.as_view(), name="survey_create"),
    path("manage/<int:pk>/", views.SurveyManageView.as_view(), name="survey_manage"),
    path("manage/<int:pk>/edit/", views.SurveyUpdateView.as_view(), name="survey_update"),
    path(
        "manage/<int:pk>/questions/new/",
        views.QuestionCreateView.as_view(),
        name="question_create",
    ),
    path(
        "manage/<int:pk>/questions/<int:question_pk>/edit/",
        views.QuestionUpdateView.as_view(),
        name="question_update",
    ),
    path(
        "manage/<int:pk>/questions/<int:question_pk>/delete/",
        views.QuestionDeleteView.as_view(),
        name="question_delete",
    ),
    path("manage/<int:pk>/publish/", views.SurveyPublishView.as_view(), name="survey_publish"),
    path("manage/<int:pk>/results/", views.SurveyResultsView.as_view(), name="survey_results"),
]

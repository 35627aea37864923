from django.urls import path

from . import views

app_name = "supportplans"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    # Role descriptions and skills
    path("roles/", views.RoleListView.as_view(), name="role_list"),
    path("roles/add/", views.RoleCreateView.as_view(), name="role_create"),
    path("roles/<int:pk>/", views.RoleDetailView.as_view(), name="role_detail"),
    path("roles/<int:pk>/change/", views.RoleUpdateView.as_view(), name="role_update"),
    path("skills/", views.SkillListView.as_view(), name="skill_list"),
    path("skills/add/", views.SkillCreateView.as_view(), name="skill_create"),
    path("skills/<int:pk>/change/", views.SkillUpdateView.as_view(), name="skill_update"),
    # The member's own plan
    path("my-plan/", views.MyPlanView.as_view(), name="my_plan"),
    path("my-plan/start/", views.PlanStartView.as_view(), name="plan_start"),
    path("my-plan/change/", views.PlanUpdateView.as_view(), name="plan_update"),
    path("my-plan/complete/", views.PlanCompleteView.as_view(), name="plan_complete"),
    path("my-plan/reopen/", views.PlanReopenView.as_view(), name="plan_reopen"),
    path("my-plan/needs/add/", views.NeedCreateView.as_view(), name="need_create"),
    path("my-plan/needs/<int:pk>/change/", views.NeedUpdateView.as_view(), name="need_update"),
    path("my-plan/needs/<int:pk>/remove/", views.NeedDeleteView.as_view(), name="need_delete"),
    # Democratic services
    path("plans/", views.PlanListView.as_view(), name="plan_list"),
    path("plans/<int:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("plans/<int:pk>/review/", views.PlanReviewView.as_view(), name="plan_review"),
    path("needs/", views.NeedsReportView.as_view(), name="needs_report"),
    # Mentoring
    path("mentoring/", views.MentoringListView.as_view(), name="mentoring_list"),
    path("mentoring/ask/", views.MentoringCreateView.as_view(), name="mentoring_create"),
    path("mentoring/<int:pk>/", views.MentoringDetailView.as_view(), name="mentoring_detail"),
    path("mentoring/<int:pk>/match/", views.MentoringMatchView.as_view(), name="mentoring_match"),
    path("mentoring/<int:pk>/close/", views.MentoringCloseView.as_view(), name="mentoring_close"),
]

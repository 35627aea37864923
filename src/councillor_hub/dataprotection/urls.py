from django.urls import path

from . import views

app_name = "dataprotection"

urlpatterns = [
    path("breaches/", views.BreachListView.as_view(), name="breach_list"),
    path("breaches/record/", views.BreachCreateView.as_view(), name="breach_create"),
    path("breaches/<str:reference>/", views.BreachDetailView.as_view(), name="breach_detail"),
    path(
        "breaches/<str:reference>/change/",
        views.BreachUpdateView.as_view(),
        name="breach_update",
    ),
    path(
        "privacy-notice/<int:councillor_id>/",
        views.PrivacyNoticeView.as_view(),
        name="privacy_notice",
    ),
]

from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("accessibility/", views.AccessibilityView.as_view(), name="accessibility"),
    path("manage/", views.ContentHomeView.as_view(), name="content_home"),
    path(
        "manage/history/<slug:kind>/<int:pk>/",
        views.ContentHistoryView.as_view(),
        name="content_history",
    ),
]

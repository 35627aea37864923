from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("accessibility/", views.AccessibilityView.as_view(), name="accessibility"),
]

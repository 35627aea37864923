from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("out-of-hours/", views.OutOfHoursView.as_view(), name="out_of_hours"),
]

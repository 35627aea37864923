from django.urls import path

from . import views
from .views import directory

app_name = "directory"

urlpatterns = [
    path("out-of-hours/", views.OutOfHoursView.as_view(), name="out_of_hours"),
    path("", directory.DirectorySearchView.as_view(), name="home"),
    path("officers/<int:pk>/", directory.OfficerDetailView.as_view(), name="officer_detail"),
    path("organisation/", directory.UnitListView.as_view(), name="unit_list"),
    path("organisation/<int:pk>/", directory.UnitDetailView.as_view(), name="unit_detail"),
    path("who-handles-what/", directory.TopicListView.as_view(), name="topic_list"),
    path("manage/officers/add/", directory.OfficerCreateView.as_view(), name="officer_create"),
    path(
        "manage/officers/<int:pk>/change/",
        directory.OfficerUpdateView.as_view(),
        name="officer_update",
    ),
    path("manage/units/add/", directory.UnitCreateView.as_view(), name="unit_create"),
    path("manage/units/<int:pk>/change/", directory.UnitUpdateView.as_view(), name="unit_update"),
    path("manage/topics/add/", directory.TopicCreateView.as_view(), name="topic_create"),
    path(
        "manage/topics/<int:pk>/change/",
        directory.TopicUpdateView.as_view(),
        name="topic_update",
    ),
    path("manage/import/", directory.OfficerImportView.as_view(), name="officer_import"),
]

from django.urls import path

from .views import directory, out_of_hours

app_name = "directory"

urlpatterns = [
    path("out-of-hours/", out_of_hours.OutOfHoursView.as_view(), name="out_of_hours"),
    path(
        "out-of-hours/contacts/add/",
        out_of_hours.ContactFormView.as_view(),
        name="contact_create",
    ),
    path(
        "out-of-hours/contacts/<int:pk>/change/",
        out_of_hours.ContactFormView.as_view(),
        name="contact_update",
    ),
    path(
        "out-of-hours/contacts/<int:pk>/reviewed/",
        out_of_hours.ContactReviewedView.as_view(),
        name="contact_reviewed",
    ),
    path(
        "out-of-hours/arrangements/add/",
        out_of_hours.ArrangementFormView.as_view(),
        name="arrangement_create",
    ),
    path(
        "out-of-hours/arrangements/<int:pk>/change/",
        out_of_hours.ArrangementFormView.as_view(),
        name="arrangement_update",
    ),
    path(
        "out-of-hours/arrangements/<int:pk>/reviewed/",
        out_of_hours.ArrangementReviewedView.as_view(),
        name="arrangement_reviewed",
    ),
    path("", directory.DirectorySearchView.as_view(), name="home"),
    path("officers/<int:pk>/", directory.OfficerDetailView.as_view(), name="officer_detail"),
    path("organisation/", directory.UnitListView.as_view(), name="unit_list"),
    path("organisation/<int:pk>/", directory.UnitDetailView.as_view(), name="unit_detail"),
    path("who-handles-what/", directory.TopicListView.as_view(), name="topic_list"),
    path("manage/officers/add/", directory.OfficerFormView.as_view(), name="officer_create"),
    path(
        "manage/officers/<int:pk>/change/",
        directory.OfficerFormView.as_view(),
        name="officer_update",
    ),
    path("manage/units/add/", directory.UnitFormView.as_view(), name="unit_create"),
    path("manage/units/<int:pk>/change/", directory.UnitFormView.as_view(), name="unit_update"),
    path("manage/topics/add/", directory.TopicFormView.as_view(), name="topic_create"),
    path(
        "manage/topics/<int:pk>/change/",
        directory.TopicFormView.as_view(),
        name="topic_update",
    ),
    path("manage/import/", directory.OfficerImportView.as_view(), name="officer_import"),
]

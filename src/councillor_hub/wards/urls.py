from django.urls import path

from . import views

app_name = "wards"

urlpatterns = [
    path("", views.WardListView.as_view(), name="ward_list"),
    path("<int:pk>/", views.WardDetailView.as_view(), name="ward_detail"),
    path("<int:pk>/change/", views.WardProfileUpdateView.as_view(), name="profile_update"),
    path("<int:pk>/amenities/add/", views.AmenityCreateView.as_view(), name="amenity_create"),
    path("amenities/<int:pk>/change/", views.AmenityUpdateView.as_view(), name="amenity_update"),
    path("manage/import/", views.StatisticsImportView.as_view(), name="statistics_import"),
    path(
        "manage/import/template.csv",
        views.ImportTemplateView.as_view(),
        name="statistics_import_example",
    ),
]

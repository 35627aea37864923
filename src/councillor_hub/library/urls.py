from django.urls import path

from .views import documents

app_name = "library"

urlpatterns = [
    path("", documents.DocumentListView.as_view(), name="document_list"),
    path("review/", documents.ReviewReportView.as_view(), name="review_report"),
    path("add/", documents.DocumentCreateView.as_view(), name="document_create"),
    path("<int:pk>/", documents.DocumentDetailView.as_view(), name="document_detail"),
    path("<int:pk>/download/", documents.DocumentDownloadView.as_view(), name="document_download"),
    path("<int:pk>/change/", documents.DocumentUpdateView.as_view(), name="document_update"),
]

from django.urls import path

from . import views

app_name = "news"

urlpatterns = [
    path("", views.NewsListView.as_view(), name="item_list"),
    path("add/", views.NewsItemCreateView.as_view(), name="item_create"),
    path("<int:pk>/", views.NewsDetailView.as_view(), name="item_detail"),
    path("<int:pk>/change/", views.NewsItemUpdateView.as_view(), name="item_update"),
    path(
        "<int:pk>/attachments/add/",
        views.NewsAttachmentCreateView.as_view(),
        name="attachment_create",
    ),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        views.NewsAttachmentDownloadView.as_view(),
        name="attachment_download",
    ),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/remove/",
        views.NewsAttachmentDeleteView.as_view(),
        name="attachment_delete",
    ),
]

from django.urls import path

from . import views

app_name = "booklet"

urlpatterns = [
    path("", views.BookletView.as_view(), name="booklet"),
    path("booklet.pdf", views.BookletPdfView.as_view(), name="booklet_pdf"),
    path("manage/", views.ManageView.as_view(), name="manage"),
    path("manage/sections/<str:key>/", views.SectionUpdateView.as_view(), name="section_update"),
    path(
        "manage/sections/<str:key>/contacts-and-documents/",
        views.SectionLinksView.as_view(),
        name="section_links",
    ),
    path("manage/key-dates/add/", views.KeyDateCreateView.as_view(), name="key_date_create"),
    path(
        "manage/key-dates/<int:pk>/change/",
        views.KeyDateUpdateView.as_view(),
        name="key_date_update",
    ),
    path(
        "manage/key-dates/<int:pk>/remove/",
        views.KeyDateDeleteView.as_view(),
        name="key_date_delete",
    ),
]

from django.urls import path

from .views import faqs

app_name = "faqs"

urlpatterns = [
    path("", faqs.FaqListView.as_view(), name="faq_list"),
    path("usage/", faqs.FaqUsageView.as_view(), name="usage"),
    path("add/", faqs.FaqCreateView.as_view(), name="faq_create"),
    path("<int:pk>/", faqs.FaqDetailView.as_view(), name="faq_detail"),
    path("<int:pk>/helpful/", faqs.FaqHelpfulView.as_view(), name="faq_helpful"),
    path("<int:pk>/change/", faqs.FaqUpdateView.as_view(), name="faq_update"),
    path(
        "model-response/<str:reference>/",
        faqs.InsertIntoCaseView.as_view(),
        name="insert_into_case",
    ),
]

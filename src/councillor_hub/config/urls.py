from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("councillor_hub.core.urls")),
    path("accounts/", include("councillor_hub.accounts.urls")),
    path("casework/", include("councillor_hub.casework.urls")),
    path("audit/", include("councillor_hub.audit.urls")),
    path("enquiries/", include("councillor_hub.enquiries.urls")),
    path("notifications/", include("councillor_hub.notifications.urls")),
    path("directory/", include("councillor_hub.directory.urls")),
    path("library/", include("councillor_hub.library.urls")),
    path("faqs/", include("councillor_hub.faqs.urls")),
    path("search/", include("councillor_hub.search.urls")),
    path("councillors/", include("councillor_hub.committees.urls")),
    path("wards/", include("councillor_hub.wards.urls")),
    path("news/", include("councillor_hub.news.urls")),
    path("booklet/", include("councillor_hub.booklet.urls")),
    path("learning/", include("councillor_hub.learning.urls")),
    path("induction/", include("councillor_hub.induction.urls")),
    path("support-plans/", include("councillor_hub.supportplans.urls")),
    path("surveys/", include("councillor_hub.surveys.urls")),
    path("data-protection/", include("councillor_hub.dataprotection.urls")),
    path("django-admin/", admin.site.urls),
]

handler404 = "councillor_hub.core.views.page_not_found"
handler500 = "councillor_hub.core.views.server_error"
handler403 = "councillor_hub.core.views.permission_denied"
handler400 = "councillor_hub.core.views.bad_request"

"""FAQs in the Django admin, for administrators. Day-to-day editing happens in the app
(faqs/views), which audits each change; the admin keeps the history and checks placeholders."""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Faq, FaqUse
from .services import placeholder_errors


class FaqAdminForm(forms.ModelForm):
    class Meta:
        model = Faq
        fields = [
            "service_area",
            "question",
            "answer",
            "model_response",
            "keywords",
            "members_only",
            "is_published",
        ]

    def clean_model_response(self) -> str:
        value = self.cleaned_data.get("model_response", "")
        problems = placeholder_errors(value)
        if problems:
            raise forms.ValidationError(problems)
        return value


@admin.register(Faq)
class FaqAdmin(SimpleHistoryAdmin):
    form = FaqAdminForm
    list_display = ["question", "service_area", "members_only", "is_published", "updated_at"]
    list_filter = ["service_area", "members_only", "is_published"]
    search_fields = ["question", "answer", "keywords"]
    list_select_related = ["service_area"]


@admin.register(FaqUse)
class FaqUseAdmin(admin.ModelAdmin):
    """Read-only counts: uses are recorded by the app, never typed in."""

    list_display = ["faq", "kind", "at"]
    list_filter = ["kind"]
    list_select_related = ["faq"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

"""Administrators manage the privacy notice template and the council's retention policies.
Breaches, subject access requests and retention reviews are not in the admin: they hold or
concern personal data and are read and changed through the app, which checks permission and
audits."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import PrivacyNoticeTemplate, RetentionPolicy


@admin.register(PrivacyNoticeTemplate)
class PrivacyNoticeTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active", "retention_years", "updated_at"]
    list_filter = ["is_active"]


@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(SimpleHistoryAdmin):
    """One row per record type; the casework period is the council's maximum, and a councillor
    may choose a shorter one for their own cases."""

    list_display = ["record_type", "keep_months", "notice_days", "grace_days", "updated_at"]
    fields = ["record_type", "keep_months", "notice_days", "grace_days"]

    def get_readonly_fields(self, request, obj=None):
        # The record type names what the row governs; changing it would swap two policies.
        return ["record_type"] if obj else []

    def has_delete_permission(self, request, obj=None):
        # Without a row the default applies, silently: keep the rows, change their periods.
        return False

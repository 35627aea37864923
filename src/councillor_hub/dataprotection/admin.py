"""Administrators manage the privacy notice template. Breach records are not in the admin:
they are read and changed through the app, which checks permission and audits."""

from django.contrib import admin

from .models import PrivacyNoticeTemplate


@admin.register(PrivacyNoticeTemplate)
class PrivacyNoticeTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active", "retention_years", "updated_at"]
    list_filter = ["is_active"]

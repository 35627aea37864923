"""Administrators manage the enquiry categories and service levels. Enquiries themselves hold
personal data and are not in the admin: they are read and changed through the app, which
checks permission and audits."""

from django.contrib import admin

from .models import EnquiryCategory, ServiceLevel


@admin.register(EnquiryCategory)
class EnquiryCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "service_area", "is_active"]
    list_filter = ["service_area", "is_active"]
    search_fields = ["name"]


@admin.register(ServiceLevel)
class ServiceLevelAdmin(admin.ModelAdmin):
    list_display = ["urgency", "category", "working_days", "clock_hours"]
    list_filter = ["urgency"]
    autocomplete_fields = ["category"]

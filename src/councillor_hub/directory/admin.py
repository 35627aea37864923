from django.contrib import admin
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    EmergencyArrangement,
    Officer,
    OrgUnit,
    OutOfHoursContact,
    PartnerOrganisation,
    Topic,
)


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "contact_name", "email", "phone", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "contact_name", "email"]


@admin.register(OutOfHoursContact)
class OutOfHoursContactAdmin(SimpleHistoryAdmin):
    # Day to day, content managers use the out-of-hours page's own forms (audited).
    list_display = ["name", "kind", "service_area", "phone", "review_date", "is_active"]
    list_filter = ["kind", "service_area", "is_active"]
    search_fields = ["name", "phone", "email"]
    date_hierarchy = "review_date"


@admin.register(EmergencyArrangement)
class EmergencyArrangementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "sort_order", "members_only", "review_date", "is_active"]
    list_filter = ["members_only", "is_active"]
    search_fields = ["title", "body"]


@admin.register(OrgUnit)
class OrgUnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "parent", "service_area", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "description"]
    list_select_related = ["parent", "service_area"]
    autocomplete_fields = ["parent"]


@admin.register(Officer)
class OfficerAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "job_title", "unit", "staff_number", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["full_name", "job_title", "email", "staff_number"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]
    raw_id_fields = ["user"]
    readonly_fields = ["deactivated_at"]

    def save_model(self, request, obj, form, change):
        # As services.officer_update does: a leaver keeps the date they were deactivated.
        if "is_active" in form.changed_data:
            obj.deactivated_at = None if obj.is_active else timezone.now()
        super().save_model(request, obj, form, change)


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    list_display = ["name", "unit", "partner"]
    search_fields = ["name", "keywords"]
    list_select_related = ["unit", "partner"]
    autocomplete_fields = ["unit"]

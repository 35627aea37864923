from django.contrib import admin

from .models import OutOfHoursContact, PartnerOrganisation


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "contact_name", "email", "phone", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "contact_name", "email"]


@admin.register(OutOfHoursContact)
class OutOfHoursContactAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "service_area", "phone", "review_date", "is_active"]
    list_filter = ["kind", "service_area", "is_active"]
    search_fields = ["name", "phone", "email"]
    date_hierarchy = "review_date"

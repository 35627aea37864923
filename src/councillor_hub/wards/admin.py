from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import WardAmenity, WardProfile, WardStatistic


@admin.register(WardProfile)
class WardProfileAdmin(SimpleHistoryAdmin):
    list_display = ["ward", "area_hectares", "updated_at"]
    search_fields = ["ward__name", "summary"]
    list_select_related = ["ward"]


@admin.register(WardStatistic)
class WardStatisticAdmin(SimpleHistoryAdmin):
    list_display = ["ward", "topic", "label", "value", "unit", "source", "period"]
    list_filter = ["ward", "topic", "unit"]
    search_fields = ["topic", "label", "source"]
    list_select_related = ["ward"]


@admin.register(WardAmenity)
class WardAmenityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "ward", "kind", "is_active"]
    list_filter = ["ward", "kind", "is_active"]
    search_fields = ["name", "address"]
    list_select_related = ["ward"]

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.formats import date_format

from .models import CouncillorProfile, PoliticalGroup, User, UserRole, Ward


class UserRoleInline(admin.TabularInline):
    model = UserRole
    extra = 0


class CouncillorProfileForm(forms.ModelForm):
    class Meta:
        model = CouncillorProfile
        fields = ["ward", "political_group", "term_start", "term_end", "term_end_reason"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("term_end_reason") and not cleaned.get("term_end"):
            self.add_error("term_end", "Enter the last day of office for this reason")
        return cleaned


class CouncillorProfileInline(admin.StackedInline):
    model = CouncillorProfile
    form = CouncillorProfileForm
    extra = 0
    fields = [
        "ward",
        "political_group",
        "term_start",
        ("term_end", "term_end_reason"),
        "casework_access_ends_on",
    ]
    readonly_fields = ["casework_access_ends_on"]

    @admin.display(description="Casework access ends")
    def casework_access_ends_on(self, obj):
        ends_on = obj.casework_access_ends_on if obj and obj.pk else None
        return date_format(ends_on, "j F Y") if ends_on else "-"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["full_name"]
    list_display = ["email", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    list_filter = ["is_active", "is_staff", "roles__role"]
    inlines = [UserRoleInline, CouncillorProfileInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Personal details", {"fields": ("full_name", "phone")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )
    filter_horizontal = ()


@admin.register(Ward)
class WardAdmin(admin.ModelAdmin):
    list_display = ["name", "ons_code"]
    search_fields = ["name", "ons_code"]


@admin.register(PoliticalGroup)
class PoliticalGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name"]

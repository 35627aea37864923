from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import CouncillorProfile, PoliticalGroup, User, UserRole, Ward


class UserRoleInline(admin.TabularInline):
    model = UserRole
    extra = 0


class CouncillorProfileInline(admin.StackedInline):
    model = CouncillorProfile
    extra = 0


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

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Document, DocumentTag


@admin.register(DocumentTag)
class DocumentTagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "kind",
        "unit",
        "published_on",
        "next_review_on",
        "members_only",
        "is_published",
    ]
    list_filter = ["kind", "is_published", "members_only", "tags"]
    search_fields = ["title", "summary"]
    autocomplete_fields = ["tags"]
    raw_id_fields = ["unit", "responsible_officer"]
    # Files are uploaded in the app, where they are checked (type, size, leading bytes).
    readonly_fields = ["file", "original_name", "content_type", "review_reminder_for"]
    date_hierarchy = "next_review_on"

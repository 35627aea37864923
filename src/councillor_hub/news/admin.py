from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import NewsAttachment, NewsItem


class NewsAttachmentInline(admin.TabularInline):
    model = NewsAttachment
    extra = 0
    # Files are uploaded in the app, where they are checked (type, size, leading bytes).
    fields = ["title", "original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(NewsItem)
class NewsItemAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "published_at", "is_published", "members_only"]
    list_filter = ["kind", "is_published", "members_only"]
    search_fields = ["title", "summary"]
    raw_id_fields = ["service", "presenter", "created_by"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    date_hierarchy = "published_at"
    inlines = [NewsAttachmentInline]

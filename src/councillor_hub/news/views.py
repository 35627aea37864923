"""News and briefings: the list, an item's page and its attachments' downloads, and (content
managers only) adding and changing items and adding and removing attachments.

Items are fetched through news/selectors.py (which applies directory/permissions.py), so an
item the user may not see answers 404: members-only items for officers who do not manage hub
content, drafts and scheduled items for everyone but content managers. Attachments are
downloaded only through core/downloads.py after the same check as their item."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from councillor_hub.core.downloads import private_file_response
from councillor_hub.core.forms import form_add_service_errors
from councillor_hub.directory.permissions import can_manage_hub_content

from .forms import KIND_FILTERS, NewsAttachmentForm, NewsFilterForm, NewsItemForm
from .models import NewsAttachment, NewsItem
from .selectors import attachment_for_download, item_for_page, item_list
from .services import (
    attachment_max_mb,
    news_attachment_add,
    news_attachment_remove,
    news_item_create,
    news_item_update,
)

PAGE_SIZE = 20
HISTORY_ROWS = 20

# How the history table names a changed field.
CHANGE_LABELS = {
    "kind": "type",
    "body": "text",
    "briefing_on": "date of the briefing",
    "published_at": "publication time",
    "is_published": "published",
    "members_only": "who can see it",
    "presenter": "presenter",
    "service": "service",
}


def officer_url(officer) -> str:
    """The officer's directory page, when the directory has one."""
    if officer is None:
        return ""
    try:
        return reverse("directory:officer_detail", args=[officer.pk])
    except NoReverseMatch:  # pragma: no cover - the directory is installed
        return ""


class ContentManagerMixin(LoginRequiredMixin):
    """Signed-in content managers only (democratic services, administrators); others 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_manage_hub_content(request.user):
            raise Http404("Not found")
        return super().dispatch(request, *args, **kwargs)


class NewsListView(LoginRequiredMixin, TemplateView):
    """News, briefings and bulletins, newest first, filtered by type and words, paginated."""

    template_name = "news/item_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        form = NewsFilterForm(self.request.GET or None)
        filters = form.filters()
        text, kind = filters.get("q", ""), filters.get("kind", "")
        items = item_list(user=user, text=text, kind=kind)
        paginator = Paginator(items, PAGE_SIZE)
        page_obj = paginator.get_page(self.request.GET.get("page"))
        now = timezone.now()
        for item in page_obj.object_list:
            item.shown_state = item.state(now)
        kind_label = dict(KIND_FILTERS).get(kind, "")
        return super().get_context_data(
            form=form,
            page_obj=page_obj,
            items=page_obj.object_list,
            count=paginator.count,
            is_filtered=bool(text or kind),
            kind_label=kind_label if kind else "",
            can_manage=can_manage_hub_content(user),
            **kwargs,
        )


@dataclass
class HistoryRow:
    when: datetime
    who: object
    what: str


def _item_history(item: NewsItem) -> list[HistoryRow]:
    """The item's changes and its attachments' additions and removals, newest first."""
    records = list(
        item.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : HISTORY_ROWS + 1
        ]
    )
    rows = []
    for record, older in zip(records, [*records[1:], None], strict=True):
        if record.history_type == "+":
            what = "Added"
        elif record.history_type == "-":
            what = "Deleted"
        else:
            changes = record.diff_against(older).changes if older is not None else []
            fields = list(
                dict.fromkeys(
                    CHANGE_LABELS.get(change.field, change.field.replace("_", " "))
                    for change in changes
                )
            )
            what = "Changed: " + ", ".join(fields) if fields else "Changed"
        rows.append(HistoryRow(record.history_date, record.history_user, what))
    attachments = (
        NewsAttachment.history.filter(item_id=item.pk, history_type__in=["+", "-"])
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:HISTORY_ROWS]
    )
    for record in attachments:
        verb = "Added the attachment" if record.history_type == "+" else "Removed the attachment"
        rows.append(HistoryRow(record.history_date, record.history_user, f"{verb} {record.title}"))
    rows.sort(key=lambda row: row.when, reverse=True)
    return rows[:HISTORY_ROWS]


class NewsDetailView(LoginRequiredMixin, TemplateView):
    """One item: its text, briefing date, presenter and attachments to download."""

    template_name = "news/item_detail.html"

    def get_context_data(self, pk: int, **kwargs):
        user = self.request.user
        item = get_object_or_404(item_for_page(user=user, pk=pk))
        can_manage = can_manage_hub_content(user)
        return super().get_context_data(
            item=item,
            state=item.current_state,
            attachments=list(item.attachments.all()),
            officer_url=officer_url(item.presenter),
            can_manage=can_manage,
            history=_item_history(item) if can_manage else [],
            **kwargs,
        )


class NewsAttachmentDownloadView(LoginRequiredMixin, View):
    """Send an attachment's file to someone who may see its item."""

    def get(self, request, pk: int, attachment_pk: int):
        attachment = get_object_or_404(
            attachment_for_download(user=request.user, item_pk=pk, pk=attachment_pk)
        )
        return private_file_response(
            file=attachment.file,
            filename=attachment.original_name or f"attachment-{attachment.pk}",
            content_type=attachment.content_type,
        )


class NewsItemCreateView(ContentManagerMixin, View):
    """Add a news item, briefing or bulletin."""

    template_name = "news/item_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": NewsItemForm()})

    def post(self, request):
        form = NewsItemForm(request.POST)
        if form.is_valid():
            try:
                item = news_item_create(
                    actor=request.user, request=request, **form.service_arguments()
                )
            except PermissionDenied:
                raise Http404("Not found") from None
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, f"{item.title} added")
                return redirect(item)
        return render(request, self.template_name, {"form": form})


class NewsItemUpdateView(ContentManagerMixin, View):
    """Change an item's text, dates, who can see it and whether it is published."""

    template_name = "news/item_form.html"

    def _item(self, pk: int) -> NewsItem:
        return get_object_or_404(item_for_page(user=self.request.user, pk=pk))

    def get(self, request, pk: int):
        item = self._item(pk)
        return render(request, self.template_name, {"form": NewsItemForm(item=item), "item": item})

    def post(self, request, pk: int):
        item = self._item(pk)
        form = NewsItemForm(request.POST, item=item)
        if form.is_valid():
            try:
                item = news_item_update(
                    actor=request.user, item=item, request=request, **form.service_arguments()
                )
            except PermissionDenied:
                raise Http404("Not found") from None
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, f"{item.title} saved")
                return redirect(item)
        return render(request, self.template_name, {"form": form, "item": item})


class NewsAttachmentCreateView(ContentManagerMixin, View):
    """Attach a file (slides, notes, papers) to an item."""

    template_name = "news/attachment_form.html"

    def _item(self, pk: int) -> NewsItem:
        return get_object_or_404(item_for_page(user=self.request.user, pk=pk))

    def get(self, request, pk: int):
        item = self._item(pk)
        form = NewsAttachmentForm(max_upload_mb=attachment_max_mb())
        return render(request, self.template_name, {"form": form, "item": item})

    def post(self, request, pk: int):
        item = self._item(pk)
        form = NewsAttachmentForm(request.POST, request.FILES, max_upload_mb=attachment_max_mb())
        if form.is_valid():
            try:
                attachment = news_attachment_add(
                    actor=request.user,
                    item=item,
                    upload=form.cleaned_data["upload"],
                    title=form.cleaned_data["title"],
                    request=request,
                )
            except PermissionDenied:
                raise Http404("Not found") from None
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, f"{attachment.title} attached")
                return redirect(item)
        return render(request, self.template_name, {"form": form, "item": item})


class NewsAttachmentDeleteView(ContentManagerMixin, View):
    """Confirm, then remove an attachment from its item."""

    template_name = "news/attachment_confirm_delete.html"

    def _attachment(self, pk: int, attachment_pk: int) -> NewsAttachment:
        item = get_object_or_404(item_for_page(user=self.request.user, pk=pk))
        attachment = get_object_or_404(NewsAttachment, pk=attachment_pk, item=item)
        return attachment

    def get(self, request, pk: int, attachment_pk: int):
        attachment = self._attachment(pk, attachment_pk)
        return render(
            request, self.template_name, {"attachment": attachment, "item": attachment.item}
        )

    def post(self, request, pk: int, attachment_pk: int):
        attachment = self._attachment(pk, attachment_pk)
        item, title = attachment.item, attachment.title
        try:
            news_attachment_remove(actor=request.user, attachment=attachment, request=request)
        except PermissionDenied:
            raise Http404("Not found") from None
        messages.success(request, f"{title} removed")
        return redirect(item)

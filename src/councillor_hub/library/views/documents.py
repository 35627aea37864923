"""The document library: browse and search, a document's page and download, the review
report, and adding and changing documents (content managers only).

Documents are fetched through library/selectors.py (which applies directory/permissions.py),
so a document the user may not see answers 404: members-only documents for officers who do
not manage hub content, unpublished ones for everyone but content managers."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

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

from councillor_hub.casework.services.attachments import attachment_max_bytes
from councillor_hub.core.downloads import private_file_response
from councillor_hub.core.forms import form_add_service_errors
from councillor_hub.directory.permissions import can_manage_hub_content

from ..forms import DocumentFilterForm, DocumentForm
from ..models import Document
from ..selectors import (
    REVIEW_REPORT_DAYS,
    can_see_review_report,
    document_for_page,
    document_list,
    review_report,
    tags_by_slug,
    tags_in_use,
    units_with_documents,
)
from ..services import document_create, document_update

PAGE_SIZE = 25
MAX_TAG_FILTERS = 5
POPULAR_TAGS = 15
HISTORY_ROWS = 20

# How the history table names a changed field.
CHANGE_LABELS = {
    "kind": "type",
    "unit": "service",
    "url": "link",
    "file": "file",
    "original_name": "file",
    "content_type": "file",
    "published_on": "publication date",
    "next_review_on": "next review date",
    "responsible_officer": "responsible officer",
    "members_only": "who can see it",
    "is_published": "published",
}

FILE_TYPE_LABELS = {
    "application/pdf": "PDF",
    "application/msword": "Word document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
    "application/vnd.ms-excel": "Excel spreadsheet",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel spreadsheet",
    "application/vnd.oasis.opendocument.text": "OpenDocument text",
    "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument spreadsheet",
    "text/plain; charset=utf-8": "Text file",
    "text/csv; charset=utf-8": "CSV file",
}


def officer_url(officer) -> str:
    """The officer's directory page, when the directory has one."""
    if officer is None:
        return ""
    try:
        return reverse("directory:officer_detail", args=[officer.pk])
    except NoReverseMatch:
        return ""


def _max_upload_mb() -> int:
    return max(1, attachment_max_bytes() // (1024 * 1024))


class ContentManagerMixin(LoginRequiredMixin):
    """Signed-in content managers only (democratic services, administrators); others 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_manage_hub_content(request.user):
            raise Http404("Not found")
        return super().dispatch(request, *args, **kwargs)


class DocumentListView(LoginRequiredMixin, TemplateView):
    """Browse and search the library by tag, type, service and words, sorted and paginated."""

    template_name = "library/document_list.html"

    def _query(self, *, tags: list[str], drop: str | None = None, add: str | None = None) -> str:
        """The address of this list with the tag `add`ed or `drop`ped, other filters kept."""
        params = [(k, v) for k, v in self.request.GET.lists() if k not in ("tag", "page")]
        pairs = [(k, value) for k, values in params for value in values]
        chosen = [slug for slug in tags if slug != drop]
        if add and add not in chosen:
            chosen.append(add)
        pairs += [("tag", slug) for slug in chosen]
        return "?" + urlencode(pairs) if pairs else "?"

    def get_context_data(self, **kwargs):
        user = self.request.user
        units = list(units_with_documents(user=user))
        form = DocumentFilterForm(self.request.GET or None, units=units)
        arguments = form.selector_arguments() if self.request.GET else {}
        slugs = [s[:60] for s in self.request.GET.getlist("tag") if s][:MAX_TAG_FILTERS]
        chosen_tags = tags_by_slug(slugs)
        chosen_slugs = [tag.slug for tag in chosen_tags]
        documents = document_list(user=user, tags=chosen_slugs, **arguments)
        paginator = Paginator(documents, PAGE_SIZE)
        page_obj = paginator.get_page(self.request.GET.get("page"))
        for tag in chosen_tags:
            tag.remove_url = self._query(tags=chosen_slugs, drop=tag.slug)
        all_tags = list(tags_in_use(user=user))
        for tag in all_tags:
            tag.is_chosen = tag.slug in chosen_slugs
            tag.add_url = self._query(tags=chosen_slugs, add=tag.slug)
        # The most used tags (and any chosen) first; the rest behind "More tags".
        ranked = sorted(all_tags, key=lambda t: (not t.is_chosen, -t.document_count, t.name))
        top = {tag.pk for tag in ranked[:POPULAR_TAGS]}
        popular_tags = [tag for tag in all_tags if tag.pk in top]
        more_tags = [tag for tag in all_tags if tag.pk not in top]
        is_filtered = bool(chosen_tags) or any(
            arguments.get(k) for k in ("text", "kind", "unit_id")
        )
        return super().get_context_data(
            form=form,
            page_obj=page_obj,
            documents=page_obj.object_list,
            count=paginator.count,
            chosen_tags=chosen_tags,
            all_tags=all_tags,
            popular_tags=popular_tags,
            more_tags=more_tags,
            is_filtered=is_filtered,
            can_manage=can_manage_hub_content(user),
            can_see_report=can_see_review_report(user),
            today=timezone.localdate(),
            **kwargs,
        )


class DocumentDetailView(LoginRequiredMixin, TemplateView):
    """One document: its details, tags, dates, responsible officer and the file or link."""

    template_name = "library/document_detail.html"

    def get_context_data(self, pk: int, **kwargs):
        user = self.request.user
        document = get_object_or_404(document_for_page(user=user, pk=pk))
        today = timezone.localdate()
        can_manage = can_manage_hub_content(user)
        history = []
        if can_manage:
            history = list(
                document.history.select_related("history_user").order_by(
                    "-history_date", "-history_id"
                )[: HISTORY_ROWS + 1]
            )
            for record, older in zip(history, [*history[1:], None], strict=True):
                changes = record.diff_against(older).changes if older is not None else []
                record.changed_fields = list(
                    dict.fromkeys(
                        CHANGE_LABELS.get(change.field, change.field.replace("_", " "))
                        for change in changes
                    )
                )
            history = history[:HISTORY_ROWS]
        return super().get_context_data(
            document=document,
            tags=list(document.tags.all()),
            officer_url=officer_url(document.responsible_officer),
            review_overdue=bool(document.next_review_on and document.next_review_on < today),
            file_type=FILE_TYPE_LABELS.get(document.content_type, "File"),
            link_host=(urlsplit(document.url).hostname or "") if document.url else "",
            can_manage=can_manage,
            history=history,
            **kwargs,
        )


class DocumentDownloadView(LoginRequiredMixin, View):
    """Send a document's file to someone who may see the document."""

    def get(self, request, pk: int):
        document = get_object_or_404(document_for_page(user=request.user, pk=pk))
        if not document.file:
            raise Http404("No file")
        return private_file_response(
            file=document.file,
            filename=document.original_name or f"document-{document.pk}",
            content_type=document.content_type,
        )


class ReviewReportView(LoginRequiredMixin, TemplateView):
    """Documents past their review date or due within 60 days, by service and officer.

    Who sees it: content managers (democratic services, administrators) see every published
    document due; an officer whose user account is linked to an active directory entry
    (Officer.user) sees the documents they are responsible for (possibly none); anyone else
    gets 404, as there is nothing of theirs to review."""

    template_name = "library/review_report.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_see_review_report(request.user):
            raise Http404("Not found")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        groups = review_report(user=user)
        documents = [document for group in groups for document in group.documents]
        return super().get_context_data(
            groups=groups,
            total=len(documents),
            overdue=sum(1 for document in documents if document.review_overdue),
            days=REVIEW_REPORT_DAYS,
            sees_all=can_manage_hub_content(user),
            **kwargs,
        )


def _service_arguments(form: DocumentForm) -> dict:
    data = form.cleaned_data
    return {
        "kind": data["kind"],
        "title": data["title"],
        "summary": data["summary"],
        "tags": data["tags"],
        "unit": data["unit"],
        "upload": data.get("upload") or None,
        "url": data["url"],
        "published_on": data["published_on"],
        "next_review_on": data["next_review_on"],
        "responsible_officer": data["responsible_officer"],
        "members_only": data["members_only"],
        "is_published": data["is_published"],
    }


class DocumentCreateView(ContentManagerMixin, View):
    """Add a document to the library: upload a file or give a link."""

    template_name = "library/document_form.html"

    def get(self, request):
        form = DocumentForm(max_upload_mb=_max_upload_mb())
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        form = DocumentForm(request.POST, request.FILES, max_upload_mb=_max_upload_mb())
        if form.is_valid():
            try:
                document = document_create(
                    actor=request.user, request=request, **_service_arguments(form)
                )
            except PermissionDenied:
                raise Http404("Not found") from None
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, f"{document.title} added to the library")
                return redirect(document)
        return render(request, self.template_name, {"form": form})


class DocumentUpdateView(ContentManagerMixin, View):
    """Change a document's details, file or link."""

    template_name = "library/document_form.html"

    def _document(self, pk: int) -> Document:
        return get_object_or_404(document_for_page(user=self.request.user, pk=pk))

    def get(self, request, pk: int):
        document = self._document(pk)
        form = DocumentForm(document=document, max_upload_mb=_max_upload_mb())
        return render(request, self.template_name, {"form": form, "document": document})

    def post(self, request, pk: int):
        document = self._document(pk)
        form = DocumentForm(
            request.POST, request.FILES, document=document, max_upload_mb=_max_upload_mb()
        )
        if form.is_valid():
            try:
                document = document_update(
                    actor=request.user,
                    document=document,
                    request=request,
                    **_service_arguments(form),
                )
            except PermissionDenied:
                raise Http404("Not found") from None
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, f"{document.title} saved")
                return redirect(document)
        return render(request, self.template_name, {"form": form, "document": document})

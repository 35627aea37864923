"""The induction and key contacts booklet: the web page and the PDF (everyone signed in, each
made for the reader so members-only documents reach only those who may see them), and the
manage pages where democratic services and administrators change the sections' text, what
they list, and the key dates (anyone else gets 404)."""

from __future__ import annotations

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views import View

from councillor_hub.core.forms import form_add_service_errors
from councillor_hub.directory.permissions import can_manage_hub_content, can_see_members_only

from . import selectors, services
from .forms import KeyDateForm, SectionForm
from .models import BookletSection, KeyDate
from .pdf import PdfUnavailable, render_pdf

BOOKLET_TITLE = "Induction and key contacts booklet"
# Drawing the PDF takes a second or two, so it is kept for readers who would get the same one:
# the key changes whenever anything shown changes (the booklet's "last updated"), each day,
# and with whether the reader sees members-only documents. The time bounds any change that
# "last updated" could miss.
PDF_CACHE_SECONDS = 600


class ManagerRequiredMixin(LoginRequiredMixin):
    """Only democratic services and administrators; anyone else signed in gets 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_manage_hub_content(request.user):
            raise Http404("Not found")
        return super().dispatch(request, *args, **kwargs)


def css_string(text: str) -> str:
    """`text` safe inside a double-quoted CSS string (the print stylesheet's footer)."""
    return " ".join(text.replace("\\", "\\\\").replace('"', '\\"').split())


def _booklet_context(request) -> dict:
    return {
        "booklet": selectors.booklet_for(request.user),
        "booklet_title": BOOKLET_TITLE,
        "council_name": settings.COUNCIL_NAME,
    }


class BookletView(LoginRequiredMixin, View):
    """The booklet as a web page, made from the live data."""

    def get(self, request):
        context = _booklet_context(request)
        context["can_manage"] = can_manage_hub_content(request.user)
        return render(request, "booklet/booklet.html", context)


class BookletPdfView(LoginRequiredMixin, View):
    """The booklet as an accessible (tagged, PDF/UA-1) PDF, made for the reader."""

    def get(self, request):
        context = _booklet_context(request)
        booklet = context["booklet"]
        cache_key = (
            "booklet-pdf:"
            + hashlib.sha256(
                f"{can_see_members_only(request.user)}|{booklet.last_updated}|{booklet.today}".encode()
            ).hexdigest()
        )
        pdf = cache.get(cache_key)
        if pdf is None:
            context["print"] = True
            context["generated_at"] = timezone.localtime()
            context["footer_css"] = css_string(f"{settings.COUNCIL_NAME}: {BOOKLET_TITLE}")
            html = render_to_string("booklet/print.html", context)
            stylesheet = render_to_string("booklet/print.css", context)
            try:
                pdf = render_pdf(
                    html=html, stylesheet=stylesheet, base_url=request.build_absolute_uri("/")
                )
            except PdfUnavailable:
                return render(request, "booklet/pdf_unavailable.html", context, status=503)
            cache.set(cache_key, pdf, PDF_CACHE_SECONDS)
        response = HttpResponse(pdf, content_type="application/pdf")
        filename = f"induction-booklet-{context['booklet'].today.isoformat()}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store, private"
        response["X-Content-Type-Options"] = "nosniff"
        return response


# --- Manage pages --------------------------------------------------------------------------


def _section_or_404(key: str) -> BookletSection:
    section = selectors.section_for_key(key)
    if section is None:
        raise Http404("No such section")
    return section


class ManageView(ManagerRequiredMixin, View):
    """The booklet's sections and key dates, for content managers."""

    def get(self, request):
        sections = selectors.sections_in_order(selectors.section_rows())
        for section in sections:
            section.contact_count = len(section.listed_units) + len(section.listed_officers)
            section.document_count = len(section.listed_documents)
        today = timezone.localdate()
        key_dates = list(KeyDate.objects.order_by("date", "title", "pk"))
        return render(
            request,
            "booklet/manage.html",
            {
                "sections": sections,
                "upcoming": [d for d in key_dates if d.last_day >= today],
                "past": [d for d in key_dates if d.last_day < today][::-1],
            },
        )


class SectionUpdateView(ManagerRequiredMixin, View):
    """Change a section's title and introduction."""

    template_name = "booklet/section_form.html"

    def get(self, request, key: str):
        section = _section_or_404(key)
        form = SectionForm(initial={"title": section.title, "body": section.body})
        return render(request, self.template_name, {"form": form, "section": section})

    def post(self, request, key: str):
        section = _section_or_404(key)
        form = SectionForm(request.POST)
        if form.is_valid():
            try:
                services.section_update(
                    actor=request.user,
                    key=section.key,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data.get("body", ""),
                    request=request,
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, f"{form.cleaned_data['title'].strip()} saved")
                return redirect("booklet:manage")
        return render(request, self.template_name, {"form": form, "section": section})


class SectionLinksView(ManagerRequiredMixin, View):
    """Choose the directory contacts and library documents a section lists."""

    template_name = "booklet/section_links.html"

    def get(self, request, key: str):
        section = _section_or_404(key)
        q = request.GET.get("q", "").strip()[:100]
        return render(
            request,
            self.template_name,
            {
                "section": section,
                "q": q,
                "searched": bool(q.split()),
                "candidates": selectors.link_candidates(q),
                "listed_ids": {
                    "unit": {u.pk for u in section.all_units},
                    "officer": {o.pk for o in section.all_officers},
                    "document": {d.pk for d in section.all_documents},
                },
            },
        )

    def post(self, request, key: str):
        section = _section_or_404(key)
        action = request.POST.get("action", "")
        kind = request.POST.get("kind", "")
        q = request.POST.get("q", "").strip()[:100]
        try:
            pk = int(request.POST.get("pk", ""))
        except ValueError:
            pk = None
        service = {"add": services.section_link_add, "remove": services.section_link_remove}.get(
            action
        )
        if service is None or pk is None or kind not in services.LINK_KINDS:
            messages.error(request, "Choose a team, an officer or a document to add or remove")
        else:
            try:
                service(actor=request.user, key=section.key, kind=kind, pk=pk, request=request)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                label = services.LINK_KINDS[kind][2]
                done = "added to" if action == "add" else "removed from"
                messages.success(request, f"The {label} was {done} {section.title}")
        url = reverse("booklet:section_links", args=[section.key])
        if q:
            url += "?" + urlencode({"q": q})
        return redirect(url)


def _key_date_values(form) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "date": data["date"],
        "end_date": data.get("end_date"),
        "description": data.get("description", ""),
    }


class KeyDateCreateView(ManagerRequiredMixin, View):
    """Add a key date."""

    template_name = "booklet/key_date_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": KeyDateForm(submit="Add key date")})

    def post(self, request):
        form = KeyDateForm(request.POST, submit="Add key date")
        if form.is_valid():
            try:
                key_date = services.key_date_create(
                    actor=request.user, request=request, **_key_date_values(form)
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, f"{key_date.title} added")
                return redirect("booklet:manage")
        return render(request, self.template_name, {"form": form})


class KeyDateUpdateView(ManagerRequiredMixin, View):
    """Change a key date."""

    template_name = "booklet/key_date_form.html"

    def get(self, request, pk: int):
        key_date = get_object_or_404(KeyDate, pk=pk)
        form = KeyDateForm(
            initial={
                "title": key_date.title,
                "date": key_date.date,
                "end_date": key_date.end_date,
                "description": key_date.description,
            },
            submit="Save changes",
        )
        return render(request, self.template_name, {"form": form, "key_date": key_date})

    def post(self, request, pk: int):
        key_date = get_object_or_404(KeyDate, pk=pk)
        form = KeyDateForm(request.POST, submit="Save changes")
        if form.is_valid():
            try:
                services.key_date_update(
                    actor=request.user,
                    key_date=key_date,
                    request=request,
                    **_key_date_values(form),
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, "Key date saved")
                return redirect("booklet:manage")
        return render(request, self.template_name, {"form": form, "key_date": key_date})


class KeyDateDeleteView(ManagerRequiredMixin, View):
    """Remove a key date, after asking (its history is kept)."""

    template_name = "booklet/key_date_delete.html"

    def get(self, request, pk: int):
        key_date = get_object_or_404(KeyDate, pk=pk)
        return render(request, self.template_name, {"key_date": key_date})

    def post(self, request, pk: int):
        key_date = get_object_or_404(KeyDate, pk=pk)
        services.key_date_delete(actor=request.user, key_date=key_date, request=request)
        messages.success(request, f"{key_date.title} removed")
        return redirect("booklet:manage")

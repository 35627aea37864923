"""What the directory's manage pages share: only content managers (democratic services and
administrators) may open them, anyone else gets 404; and one view adds or changes a record
through its services, showing a service's ValidationError on the form."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from councillor_hub.core.forms import form_add_service_errors

from ..permissions import can_manage_hub_content


class ManagerRequiredMixin(LoginRequiredMixin):
    """Only democratic services and administrators; anyone else gets 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_manage_hub_content(request.user):
            raise Http404("Not found")
        return super().dispatch(request, *args, **kwargs)


class ManageFormView(ManagerRequiredMixin, View):
    """Add a record (no `pk`) or change one: the form, then on a valid POST the create or
    update service. Subclasses name the template, the form (which takes the record as
    `object_kwarg` and gives `service_fields()` / `update_fields()`), the records that may
    be changed, and the two services (`update_service` takes the record as `object_kwarg`)."""

    template_name = ""
    form_class: type | None = None
    queryset: QuerySet | None = None
    object_kwarg = ""
    create_service: Callable | None = None
    update_service: Callable | None = None

    def get_object(self, pk: int | None):
        return get_object_or_404(self.queryset.all(), pk=pk) if pk is not None else None

    def make_form(self, obj, data=None):
        return self.form_class(data, **{self.object_kwarg: obj})

    def get(self, request, pk: int | None = None):
        obj = self.get_object(pk)
        return self.render_form(request, self.make_form(obj), obj)

    def post(self, request, pk: int | None = None):
        obj = self.get_object(pk)
        form = self.make_form(obj, request.POST)
        if form.is_valid():
            try:
                saved = self.save(request, form, obj)
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, self.success_message(saved, created=obj is None))
                return redirect(saved.get_absolute_url())
        return self.render_form(request, form, obj)

    def save(self, request, form, obj):
        if obj is None:
            return self.create_service(actor=request.user, **form.service_fields())
        return self.update_service(
            actor=request.user, **{self.object_kwarg: obj}, **form.update_fields()
        )

    def render_form(self, request, form, obj):
        return render(
            request,
            self.template_name,
            {"form": form, "object": obj, "creating": obj is None},
        )

    def success_message(self, saved, *, created: bool) -> str:
        return f"{saved} {'added' if created else 'saved'}"

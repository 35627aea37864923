"""CSV imports with a dry run: check a file, show what would happen, then apply exactly that.

`PendingImport` keeps a checked file until it is applied. The file's text is saved in
default_storage (under MEDIA_ROOT, outside the web root) under a random name; the session
holds only that name (a token), the dry run's fingerprint and the file's name. Applying needs
the same session and token, so nobody can apply a file someone else checked, and the service
re-plans the stored text and compares the fingerprint, so what is applied is what was shown.
Files nobody applied are swept after a day. `DryRunImportView` is the page around it."""

from __future__ import annotations

import datetime
import re
import secrets
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


@dataclass(frozen=True)
class PendingImport:
    session_key: str
    folder: str
    keep_hours: int = 24

    def _path(self, token: str) -> str:
        return f"{self.folder}/{token}.csv"

    def store(self, request, *, text: str, fingerprint: str, file_name: str) -> str:
        """Keep `text` until it is applied or cancelled; returns the token for the form."""
        self.discard(request)
        self._sweep()
        token = secrets.token_urlsafe(24)
        default_storage.save(self._path(token), ContentFile(text.encode("utf-8")))
        request.session[self.session_key] = {
            "token": token,
            "fingerprint": fingerprint,
            "file_name": file_name[:100],
        }
        return token

    def load(self, request, token: str) -> tuple[dict, str] | None:
        """(what the session holds, the file's text), or None when the token is not this
        session's or the file has gone."""
        pending = request.session.get(self.session_key)
        if not pending or not _TOKEN.match(token or "") or pending.get("token") != token:
            return None
        try:
            with default_storage.open(self._path(token), "rb") as handle:
                return pending, handle.read().decode("utf-8")
        except (FileNotFoundError, OSError, UnicodeDecodeError):
            return None

    def discard(self, request) -> None:
        pending = request.session.pop(self.session_key, None)
        if pending and _TOKEN.match(pending.get("token", "")):
            default_storage.delete(self._path(pending["token"]))

    def _sweep(self) -> None:
        cutoff = timezone.now() - datetime.timedelta(hours=self.keep_hours)
        try:
            _, files = default_storage.listdir(self.folder)
        except (FileNotFoundError, NotImplementedError):
            return
        for name in files:
            path = f"{self.folder}/{name}"
            try:
                if default_storage.get_modified_time(path) < cutoff:
                    default_storage.delete(path)
            except (FileNotFoundError, NotImplementedError):
                continue


class ImportChanged(Exception):
    """The records changed between the dry run and applying it: nothing was written, and the
    new plan is attached so the person can check it again."""

    def __init__(self, plan, message: str = "The records changed after the file was checked"):
        super().__init__(message)
        self.plan = plan


def form_with_error(form_class: type[forms.Form], message: str) -> forms.Form:
    """An empty upload form showing `message` in the error summary, on the file field."""
    form = form_class()
    form.full_clean()  # unbound: sets up an empty error list
    form.cleaned_data = {}
    form.add_error("file", message)
    return form


class DryRunImportView(View):
    """Upload a CSV and see a dry run; apply it or cancel. Subclasses name the template, the
    upload form (valid means `form.text` holds the decoded file), the pending store, the
    app's importing module (plan_import, ImportFileError, COLUMNS, MAX_ROWS, MAX_BYTES), the
    URL to come back to, and how to apply a checked file.

    The import's plan must offer is_valid, errors, has_changes and fingerprint()."""

    template_name: str
    form_class: type[forms.Form]
    pending: PendingImport
    importing: ModuleType
    url_name: str
    # How the page says nothing happened: "nothing has been changed" / "recorded".
    nothing_done = "changed"

    def apply(self, request, *, text: str, fingerprint: str) -> Any:
        """Apply the checked `text` through the app's service; raise ImportChanged (with the
        new plan) if the records changed since the dry run."""
        raise NotImplementedError

    def success_message(self, result) -> str:
        raise NotImplementedError

    def extra_context(self) -> dict:
        return {}

    def get(self, request):
        return self._render(request, self.form_class())

    def post(self, request):
        action = request.POST.get("action", "check")
        if action == "apply":
            return self._apply(request)
        if action == "cancel":
            self.pending.discard(request)
            messages.info(request, f"Import cancelled: nothing was {self.nothing_done}")
            return redirect(self.url_name)
        form = self.form_class(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, form)
        try:
            plan = self.importing.plan_import(form.text)
        except self.importing.ImportFileError as error:
            form.add_error("file", str(error))
            return self._render(request, form)
        file_name = form.cleaned_data["file"].name or ""
        if not plan.is_valid:
            count = len(plan.errors)
            form.add_error(
                "file",
                f"The file has {count} problem{'s' if count != 1 else ''}: nothing has been "
                f"{self.nothing_done}. Correct the rows listed and upload the file again",
            )
            return self._render(request, form, plan=plan, file_name=file_name)
        return self._checked(request, form.text, plan, file_name)

    def _checked(self, request, text: str, plan, file_name: str, **context):
        """The dry run's page, keeping the file for applying when there is anything to do."""
        token = ""
        if plan.has_changes:
            token = self.pending.store(
                request, text=text, fingerprint=plan.fingerprint(), file_name=file_name
            )
        else:
            self.pending.discard(request)
        return self._render(
            request, self.form_class(), plan=plan, token=token, file_name=file_name, **context
        )

    def _apply(self, request):
        loaded = self.pending.load(request, request.POST.get("token", ""))
        if loaded is None:
            message = "The checked file is no longer available: upload it again"
            return self._render(request, form_with_error(self.form_class, message))
        pending, text = loaded
        file_name = pending.get("file_name", "")
        try:
            result = self.apply(request, text=text, fingerprint=pending["fingerprint"])
        except ImportChanged as changed:
            return self._checked(request, text, changed.plan, file_name, stale=True)
        except (self.importing.ImportFileError, ValidationError):
            self.pending.discard(request)
            message = "The checked file can no longer be used: upload it again"
            return self._render(request, form_with_error(self.form_class, message))
        self.pending.discard(request)
        messages.success(request, self.success_message(result))
        return redirect(self.url_name)

    def _render(self, request, form, **context):
        return render(
            request,
            self.template_name,
            {
                "form": form,
                "columns": self.importing.COLUMNS,
                "max_rows": f"{getattr(self.importing, 'MAX_ROWS', 0):,}",
                "max_mb": self.importing.MAX_BYTES // (1024 * 1024),
                "max_errors": getattr(self.importing, "MAX_ROW_ERRORS_SHOWN", None),
                **self.extra_context(),
                **context,
            },
        )

"""A checked import file kept until it is applied (the shape of the staff directory import's
private helpers in directory/views/directory.py, as one small reusable class).

The file's text is saved in default_storage (under MEDIA_ROOT, outside the web root) under a
random name; the session holds only that name (a token), the dry run's fingerprint and the
file's name. Applying needs the same session and token, so nobody can apply a file someone
else checked, and the service re-plans the stored text and compares the fingerprint, so what
is applied is what was shown. Files nobody applied are swept after a day."""

from __future__ import annotations

import datetime
import re
import secrets
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

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

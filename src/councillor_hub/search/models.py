"""One search box across the information hub: an index of what members and officers look
for (officers, units, topics, documents, FAQs, news, councillors), kept up to date as the
content changes.

The text index itself is SQLite FTS5 (the embedded default) or a PostgreSQL tsvector with a GIN
index; `search/backends.py` holds both. A vocabulary of the words indexed gives typo tolerance
the same way on both ('hihgways' finds Highways). Personal casework is never indexed here."""

from __future__ import annotations

from django.db import models


class SearchEntry(models.Model):
    kind = models.CharField(max_length=30)
    object_id = models.CharField(max_length=40)
    title = models.CharField(max_length=250)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300)
    members_only = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_entry_per_object")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title}"


class SearchTerm(models.Model):
    """A word that occurs in the index, for correcting misspelt queries."""

    word = models.CharField(max_length=60, unique=True)
    entries = models.PositiveIntegerField(default=0)

"""Words: how text becomes search words, the vocabulary of indexed words (SearchTerm), and
typo tolerance built on it.

Both databases are given text that Python has already cut into words here (lowercased,
accents folded, punctuation dropped), so SQLite FTS5 and PostgreSQL index exactly the same
words, and the vocabulary holds exactly the words the index can match. A query word the
vocabulary does not know is compared with vocabulary words (Damerau-Levenshtein distance, in
Python), and the close ones are searched for too: 'hihgways' finds Highways on either
database.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F
from django.db.models.functions import Length

from .models import SearchTerm

WORD = re.compile(r"[^\W_]+")
# Longer "words" (pasted hashes, long URLs) are not indexed or searched.
MAX_WORD_LENGTH = 60
# Corrections are looked for only for words of 4 to 30 letters.
MIN_CORRECTABLE, MAX_CORRECTABLE = 4, 30
# At most this many vocabulary words are searched for in place of a misspelt word.
MAX_ALTERNATIVES = 3
# How many rows an IN (...) list holds at most (SQLite's old limit is 999 parameters).
CHUNK = 900
# Small words that say nothing about what is wanted ("who handles the bins"). Dropped from a
# query unless the query has nothing else. Not "it": "IT" is a service.
STOP_WORDS = frozenset(
    "a an and are as at be by can do does for from how i in is my of on or the to what "  # noqa: SIM905
    "when where which who why with".split()
)


def fold(text: str) -> str:
    """Lowercase with accents removed: 'Zoë Brontë' -> 'zoe bronte'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    """The search words of a text, in order: letters and digits, folded."""
    return [w for w in WORD.findall(fold(text or "")) if len(w) <= MAX_WORD_LENGTH]


def index_text(text: str) -> str:
    """The text as the full-text index receives it: its words separated by single spaces."""
    return " ".join(words(text))


def vocabulary_words(text: str) -> set[str]:
    """The words of a text that go into the vocabulary: alphabetic (numbers such as phone
    numbers are searched exactly, never corrected) and at least two letters."""
    return {w for w in words(text) if len(w) >= 2 and w.isalpha()}


# --- Distance ------------------------------------------------------------------------------


def max_distance_for(word: str) -> int:
    """How many edits a correction of `word` may be: none below 4 letters, one for 4 to 7,
    two for longer words."""
    if len(word) < MIN_CORRECTABLE or len(word) > MAX_CORRECTABLE:
        return 0
    return 1 if len(word) <= 7 else 2


def distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau-Levenshtein distance (optimal string alignment: insertions, deletions,
    substitutions and swaps of two neighbouring letters), or `limit + 1` as soon as it is
    known to be more than `limit`."""
    if a == b:
        return 0
    la, lb = len(a), len(b)
    if abs(la - lb) > limit:
        return limit + 1
    if la == 0 or lb == 0:
        return max(la, lb) if max(la, lb) <= limit else limit + 1
    before: list[int] = []
    previous = list(range(lb + 1))
    for i in range(1, la + 1):
        ai = a[i - 1]
        current = [i] + [0] * lb
        smallest = i
        for j in range(1, lb + 1):
            bj = b[j - 1]
            value = previous[j - 1] + (ai != bj)
            if previous[j] + 1 < value:
                value = previous[j] + 1
            if current[j - 1] + 1 < value:
                value = current[j - 1] + 1
            if i > 1 and j > 1 and ai == b[j - 2] and a[i - 2] == bj and before[j - 2] + 1 < value:
                value = before[j - 2] + 1
            current[j] = value
            if value < smallest:
                smallest = value
        if smallest > limit:
            return limit + 1
        before, previous = previous, current
    return previous[lb] if previous[lb] <= limit else limit + 1


def edits1(word: str) -> set[str]:
    """Every string one edit away from `word` (letters a-z)."""
    letters = string.ascii_lowercase
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [left + right[1:] for left, right in splits if right]
    swaps = [left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1]
    replaces = [left + c + right[1:] for left, right in splits if right for c in letters]
    inserts = [left + c + right for left, right in splits for c in letters]
    return set(deletes + swaps + replaces + inserts) - {word}


# --- The vocabulary ------------------------------------------------------------------------


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def apply_changes(changes: Counter) -> None:
    """Add `changes` (word -> change in the number of entries holding it) to the vocabulary,
    removing words no entry holds any more."""
    changes = Counter({w: n for w, n in changes.items() if n})
    if not changes:
        return
    added = [w for w, n in changes.items() if n > 0]
    for chunk in _chunks(added):
        SearchTerm.objects.bulk_create(
            [SearchTerm(word=w, entries=0) for w in chunk], ignore_conflicts=True
        )
    by_amount: dict[int, list[str]] = {}
    for word, amount in changes.items():
        by_amount.setdefault(amount, []).append(word)
    for amount, group in by_amount.items():
        for chunk in _chunks(group):
            SearchTerm.objects.filter(word__in=chunk).update(entries=F("entries") + amount)
    gone = [w for w, n in changes.items() if n < 0]
    for chunk in _chunks(gone):
        SearchTerm.objects.filter(word__in=chunk, entries__lte=0).delete()


def rebuild(counts: Counter) -> int:
    """Replace the whole vocabulary with `counts` (word -> number of entries holding it)."""
    SearchTerm.objects.all().delete()
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=w, entries=n) for w, n in sorted(counts.items()) if n > 0],
        batch_size=2000,
    )
    return len(counts)


def _known(candidates: Iterable[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in _chunks(sorted(set(candidates))):
        found.update(SearchTerm.objects.filter(word__in=chunk).values_list("word", "entries"))
    return found


def _starting_with(prefix: str):
    """Vocabulary words starting with `prefix`, through the index on `word` where it can."""
    if prefix.isascii() and prefix[-1] < "z":
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        return SearchTerm.objects.filter(word__gte=prefix, word__lt=upper)
    return SearchTerm.objects.filter(word__startswith=prefix)


def _has_prefix(prefix: str) -> bool:
    return _starting_with(prefix).exists()


def close_words(word: str, *, prefix: bool = False) -> list[str]:
    """Vocabulary words close to a word the vocabulary does not know, best first.

    One edit away: every edit of the word is looked up (one indexed query, so a wrong first
    letter is found too). Two edits away (words of 8 letters or more): vocabulary words of a
    similar length with the same first letter (or the first two letters swapped) are compared
    in Python, after a cheap letter check. With `prefix` (the last word of a query, perhaps
    not finished), the beginnings of vocabulary words are compared as well."""
    limit = max_distance_for(word)
    if not limit or not word.isalpha():
        return []
    scored: dict[str, tuple[int, int]] = {}
    for candidate, entries in _known(edits1(word)).items():
        scored[candidate] = (1, entries)
    if limit > 1 or (prefix and not scored):
        letters = set(word)
        starts = {word[0], word[1] + word[0]}
        for start in starts:
            rows = _starting_with(start).annotate(n=Length("word"))
            if prefix:
                rows = rows.filter(n__gte=len(word) - limit)
            else:
                rows = rows.filter(n__gte=len(word) - limit, n__lte=len(word) + limit)
            for candidate, entries in rows.values_list("word", "entries").iterator(chunk_size=5000):
                if candidate in scored:
                    continue
                compared = candidate
                if prefix and len(candidate) > len(word):
                    compared = candidate[: len(word)]
                if len(letters - set(compared)) > limit or len(set(compared) - letters) > limit:
                    continue
                found = distance(word, compared, limit)
                if found <= limit:
                    scored[candidate] = (found, entries)
    ranked = sorted(scored.items(), key=lambda item: (item[1][0], -item[1][1], item[0]))
    return [candidate for candidate, _ in ranked[:MAX_ALTERNATIVES]]


# --- Query words ---------------------------------------------------------------------------


@dataclass(frozen=True)
class QueryWord:
    """One word of a query and what is searched for in its place: the word itself (a prefix
    if it is the query's last word) and, if the vocabulary does not know it, close words."""

    word: str
    prefix: bool
    alternatives: tuple[str, ...] = ()

    @property
    def corrected(self) -> str:
        return self.alternatives[0] if self.alternatives else self.word

    def matches(self, token: str) -> bool:
        """Whether an indexed word is one this query word finds (for highlighting)."""
        if token == self.word or token in self.alternatives:
            return True
        return self.prefix and token.startswith(self.word)


MAX_QUERY_WORDS = 10


def query_words(text: str) -> list[str]:
    """The words of a query worth searching for: at most ten, without small words such as
    'the' (unless that is all there is), each once, in order."""
    found = list(dict.fromkeys(words(text)))
    kept = [w for w in found if w not in STOP_WORDS] or found
    return kept[:MAX_QUERY_WORDS]


def plan(found: list[str]) -> list[QueryWord]:
    """Each query word with what to search for it. The last word is matched as the beginning
    of a word ('highw' finds Highways). Words the vocabulary does not know get the close words
    it does know."""
    if not found:
        return []
    known = _known(found)
    planned = []
    for position, word in enumerate(found):
        last = position == len(found) - 1
        is_known = word in known or (last and _has_prefix(word))
        alternatives = () if is_known else tuple(close_words(word, prefix=last))
        planned.append(QueryWord(word=word, prefix=last, alternatives=alternatives))
    return planned

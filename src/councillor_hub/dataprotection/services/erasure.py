"""Erasure: remove one person's details everywhere a controller holds them.

Two controllers, two services (mission: the councillor controls their casework, the council
controls enquiries):

- `constituent_erase` (a councillor, for one of their own constituents): cases where the
  person is the only constituent are anonymised (figures kept, through destruction.py); cases
  they share with other constituents keep the others and lose them: the link goes and their
  name, email and phone are replaced with "[erased]" in the case's text, its timeline and the
  change history of both. Their constituent record, consent records and its history go;
  subject access requests naming them keep the log but not the person. Enquiries raised from
  their cases belong to the council and are not touched here.
- `enquiries_erase` (the data protection officer): blanks the constituent details of the
  council's enquiries that hold them and replaces mentions in every text field, event,
  response and history row.

Both show exactly what they will do first: `constituent_erasure_plan` and
`enquiry_erasure_plan` build the preview the views show, and the erase services rebuild the
same plan inside their transaction and carry it out. Each writes one audit ERASE event with
counts only, never a name.

Matching is case-insensitive, tolerates extra spaces inside a name, and matches a phone number
however it is written ("07700 900123", "07700900123", "+44 (0)7700 900 123").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, F, Model, Q, QuerySet, TextField, Value
from django.db.models.functions import Replace
from django.http import HttpRequest

from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.casework.models import (
    Attachment,
    Case,
    CaseConstituent,
    CaseShare,
    ConsentRecord,
    Constituent,
    Tag,
    TimelineEntry,
)
from councillor_hub.enquiries.models import (
    Enquiry,
    EnquiryAttachment,
    EnquiryEvent,
    EnquiryResponse,
)

from .. import permissions
from ..models import Breach, SubjectAccessRequest
from .destruction import (
    Reason,
    case_anonymise,
    case_attachment_destroy,
    enquiry_attachment_destroy,
    purge_history,
)

ERASED = "[erased]"
MIN_TERM_LENGTH = 3
MIN_PHONE_DIGITS = 6
MAX_EXTRA_TERMS = 10
# A file is read to see whether it mentions the person; one this large is only flagged.
MAX_FILE_SCAN_BYTES = 50 * 1024 * 1024
# Content types whose bytes are the text, so a search of the file is a real check.
READABLE_TYPES = ("text/", "message/rfc822")

# Between the digits of a phone number: spaces, hyphens, dots, brackets.
_PHONE_SEP = r"[\s\-.()]*"
_PHONE_STRIP = (" ", "-", "(", ")", ".")


def _words(text: str) -> list[str]:
    return (text or "").split()


def _name_pattern(name: str) -> str | None:
    words = _words(name)
    if not words or len(" ".join(words)) < MIN_TERM_LENGTH:
        return None
    return r"(?<!\w)" + r"\s+".join(re.escape(word) for word in words) + r"(?!\w)"


def _name_key(name: str) -> str:
    """The longest word of a name, without punctuation at its ends: what a database search
    for candidates asks for."""
    words = [word.strip(",.;:()\"'") for word in _words(name)]
    return max(words, key=len).lower() if words else ""


def _email_pattern(email: str) -> str | None:
    email = (email or "").strip()
    if "@" not in email:
        return None
    return r"(?<![\w.+-])" + re.escape(email) + r"(?![\w-])(?!\.\w)"


def phone_digits(phone: str) -> str:
    return re.sub(r"\D", "", phone or "")


def _phone_parts(phone: str) -> tuple[str, bool] | None:
    """(key, is_uk): the digits every way of writing the number contains. A UK number loses
    its 0 or +44, so 07700 900123 and +44 (0)7700 900123 both hold 7700900123."""
    digits = phone_digits(phone)
    if len(digits) < MIN_PHONE_DIGITS:
        return None
    if digits.startswith("0044"):
        national = digits[4:]
    elif digits.startswith("44") and (phone or "").strip().startswith("+"):
        national = digits[2:]
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        return digits, False
    national = national.removeprefix("0")
    if len(national) < MIN_PHONE_DIGITS - 1:
        return None
    return national, True


def _phone_key(phone: str) -> str | None:
    parts = _phone_parts(phone)
    return parts[0] if parts else None


def _phone_pattern(phone: str) -> str | None:
    parts = _phone_parts(phone)
    if parts is None:
        return None
    key, is_uk = parts
    rest = _PHONE_SEP.join(key)
    if is_uk:
        # 0..., +44..., 0044..., +44 (0)...
        prefix = rf"(?:(?:\+|00){_PHONE_SEP}44{_PHONE_SEP}(?:0{_PHONE_SEP})?|0{_PHONE_SEP})"
        return rf"(?<!\d){prefix}{rest}(?!\d)"
    return rf"(?<!\d)\+?{rest}(?!\d)"


@dataclass
class Matcher:
    """Finds and replaces one person's name(s), email address(es) and phone number(s)."""

    names: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)

    def __post_init__(self):
        names = sorted({" ".join(_words(n)) for n in self.names if _name_pattern(n)}, key=len)
        self.names = list(reversed(names))  # longest first, so "Mr A B" wins over "A B"
        self.emails = sorted({e.strip().lower() for e in self.emails if _email_pattern(e)})
        self.phones = sorted({p.strip() for p in self.phones if _phone_pattern(p)})
        patterns = [_name_pattern(n) for n in self.names]
        patterns += [_email_pattern(e) for e in self.emails]
        patterns += [_phone_pattern(p) for p in self.phones]
        self.regex = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
        self._empty = not patterns
        # What the database is asked for first; Python then checks each candidate exactly.
        self.name_keys = sorted({key for key in (_name_key(n) for n in self.names) if key})
        self.phone_keys = sorted({_phone_key(p) for p in self.phones})

    @property
    def is_empty(self) -> bool:
        return self._empty

    def describe(self) -> list[str]:
        return [*self.names, *self.emails, *self.phones]

    def mentions(self, value) -> bool:
        return bool(not self._empty and isinstance(value, str) and self.regex.search(value))

    def erase(self, value: str) -> str:
        if self._empty or not value:
            return value
        return self.regex.sub(ERASED, value)

    def mentions_bytes(self, data: bytes) -> bool:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            return self.mentions(data.decode("utf-16", errors="ignore"))
        return self.mentions(data.decode("utf-8", errors="ignore"))

    def candidates(self, queryset: QuerySet, fields: Iterable[str]) -> QuerySet:
        """`queryset` narrowed to rows that may mention the person in one of `fields`."""
        if self._empty:
            return queryset.none()
        condition = Q(pk__in=[])
        aliases = {}
        for name in fields:
            for key in self.name_keys:
                condition |= Q(**{f"{name}__icontains": key})
                if not key.isascii():
                    # SQLite compares only ASCII letters without regard to case.
                    for variant in {key.upper(), key.title(), key.capitalize()}:
                        condition |= Q(**{f"{name}__contains": variant})
            for email in self.emails:
                condition |= Q(**{f"{name}__icontains": email})
            if self.phone_keys:
                alias = f"erasure_compact_{name}"
                expression = F(name)
                for char in _PHONE_STRIP:
                    expression = Replace(
                        expression, Value(char), Value(""), output_field=TextField()
                    )
                aliases[alias] = expression
                for key in self.phone_keys:
                    condition |= Q(**{f"{alias}__contains": key})
        return queryset.alias(**aliases).filter(condition)


def extra_terms_parse(value: str) -> list[str]:
    """Other ways a person is named (one a line), as typed; the form checks them."""
    terms = []
    for line in (value or "").splitlines():
        term = " ".join(line.split())
        if term and term.lower() not in {t.lower() for t in terms}:
            terms.append(term)
    return terms


def extra_terms_validate(terms: list[str]) -> None:
    if len(terms) > MAX_EXTRA_TERMS:
        raise ValidationError(f"Enter no more than {MAX_EXTRA_TERMS} other names")
    for term in terms:
        if len(term) < MIN_TERM_LENGTH:
            raise ValidationError(
                f"Each other name must be at least {MIN_TERM_LENGTH} characters: “{term}” is "
                "too short"
            )
        if len(term) > 100:
            raise ValidationError("Each other name must be 100 characters or fewer")


def constituent_matcher(constituent: Constituent, extra_terms: Iterable[str] = ()) -> Matcher:
    first, last, title = constituent.first_name, constituent.last_name, constituent.title
    names = [f"{first} {last}", f"{last}, {first}"]
    if title:
        names += [f"{title} {first} {last}", f"{title} {last}"]
    return Matcher(
        names=[*names, *extra_terms],
        emails=[constituent.email] if constituent.email else [],
        phones=[constituent.phone] if constituent.phone else [],
    )


# --- Planning ----------------------------------------------------------------------------


@dataclass
class RowEdit:
    """New values for some fields of one row (a record or a history row)."""

    model: type[Model]
    pk: int
    updates: dict
    group: int | None = None  # the case or enquiry it belongs to


def _fit(model: type[Model], name: str, value: str) -> str:
    max_length = model._meta.get_field(name).max_length
    return value[:max_length] if max_length else value


def _scan(
    queryset: QuerySet,
    fields: list[str],
    matcher: Matcher,
    *,
    group: str | None = None,
    blank: Iterable[str] = (),
) -> list[RowEdit]:
    """The edits that replace the person's details in `fields` (or empty them, for `blank`
    fields such as email addresses) on every row of `queryset` that mentions them."""
    model = queryset.model
    blank = set(blank)
    columns = ["pk", *fields, *([group] if group else [])]
    edits = []
    for row in matcher.candidates(queryset, fields).order_by().values(*columns):
        updates = {}
        for name in fields:
            value = row[name]
            if matcher.mentions(value):
                updates[name] = "" if name in blank else _fit(model, name, matcher.erase(value))
        if updates:
            edits.append(RowEdit(model, row["pk"], updates, row[group] if group else None))
    return edits


def _apply(edits: Iterable[RowEdit]) -> int:
    count = 0
    for edit in edits:
        # Queryset updates: no new history row is written holding what we are removing.
        count += edit.model._base_manager.filter(pk=edit.pk).update(**edit.updates)
    return count


def _file_mentions(attachment_file, matcher: Matcher) -> bool | None:
    """Whether a stored file's bytes mention the person; None when it cannot be read."""
    if not attachment_file or not attachment_file.name:
        return None
    try:
        if attachment_file.size > MAX_FILE_SCAN_BYTES:
            return None
        with attachment_file.storage.open(attachment_file.name, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    return matcher.mentions_bytes(data)


def _readable(content_type: str) -> bool:
    return (content_type or "").startswith(READABLE_TYPES)


@dataclass
class CaseChange:
    """What erasure does to one case that is kept."""

    case: Case
    unlink: bool = False
    places: list[str] = field(default_factory=list)
    files_to_delete: list[Attachment] = field(default_factory=list)
    files_to_check: list[Attachment] = field(default_factory=list)


@dataclass
class SarChange:
    sar: SubjectAccessRequest
    linked: bool
    places: list[str] = field(default_factory=list)


@dataclass
class ConstituentErasurePlan:
    constituent: Constituent
    matcher: Matcher
    consent_count: int = 0
    cases_to_anonymise: list[Case] = field(default_factory=list)
    attachments_on_anonymised: list[Attachment] = field(default_factory=list)
    cases_shared: list[CaseChange] = field(default_factory=list)
    cases_mentioning: list[CaseChange] = field(default_factory=list)
    cases_of_others: list[Case] = field(default_factory=list)
    namesakes: list[Constituent] = field(default_factory=list)
    namesake_cases: list[Case] = field(default_factory=list)
    sars: list[SarChange] = field(default_factory=list)
    other_constituents: list[tuple[Constituent, list[str]]] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    breaches: list[Breach] = field(default_factory=list)
    enquiries: list[Enquiry] = field(default_factory=list)
    duplicates: list[Constituent] = field(default_factory=list)
    # The edits themselves, applied by constituent_erase.
    edits: dict[str, list[RowEdit]] = field(default_factory=dict)
    history_rows_to_delete: list[int] = field(default_factory=list)

    @property
    def files_to_check(self) -> list[Attachment]:
        return [a for change in self.kept_cases for a in change.files_to_check]

    @property
    def kept_cases(self) -> list[CaseChange]:
        return [*self.cases_shared, *self.cases_mentioning]


@dataclass
class ErasureResult:
    """What an erasure did, as counts (this is what the audit event records)."""

    constituent_records_deleted: int = 0
    consent_records_deleted: int = 0
    cases_anonymised: int = 0
    cases_changed: int = 0
    timeline_entries_changed: int = 0
    attachments_deleted: int = 0
    subject_access_requests_changed: int = 0
    enquiries_changed: int = 0
    enquiry_events_changed: int = 0
    enquiry_responses_changed: int = 0
    other_records_changed: int = 0
    history_rows_changed: int = 0
    history_rows_deleted: int = 0

    # field: (one, many)
    LABELS = {
        "constituent_records_deleted": (
            "constituent record deleted",
            "constituent records deleted",
        ),
        "consent_records_deleted": ("consent record deleted", "consent records deleted"),
        "cases_anonymised": ("case anonymised", "cases anonymised"),
        "cases_changed": ("case changed", "cases changed"),
        "timeline_entries_changed": ("timeline entry changed", "timeline entries changed"),
        "attachments_deleted": ("attachment deleted", "attachments deleted"),
        "subject_access_requests_changed": (
            "subject access request changed",
            "subject access requests changed",
        ),
        "enquiries_changed": ("enquiry changed", "enquiries changed"),
        "enquiry_events_changed": ("enquiry event changed", "enquiry events changed"),
        "enquiry_responses_changed": ("enquiry response changed", "enquiry responses changed"),
        "other_records_changed": ("other record changed", "other records changed"),
        "history_rows_changed": ("history row changed", "history rows changed"),
        "history_rows_deleted": ("history row deleted", "history rows deleted"),
    }

    def summary(self) -> str:
        """The counts in words, for the audit event and the confirmation message."""
        parts = []
        for name, (one, many) in self.LABELS.items():
            count = getattr(self, name)
            if count:
                parts.append(f"{count} {one if count == 1 else many}")
        return "; ".join(parts) or "nothing held"

    SHORT = {
        "constituent_records_deleted": "constituents deleted",
        "consent_records_deleted": "consents deleted",
        "cases_anonymised": "cases anonymised",
        "cases_changed": "cases changed",
        "timeline_entries_changed": "entries changed",
        "attachments_deleted": "files deleted",
        "subject_access_requests_changed": "SARs changed",
        "enquiries_changed": "enquiries changed",
        "enquiry_events_changed": "events changed",
        "enquiry_responses_changed": "responses changed",
        "other_records_changed": "other records changed",
        "history_rows_changed": "history rows changed",
        "history_rows_deleted": "history rows deleted",
    }

    def audit_detail(self) -> str:
        """The counts, short enough for an audit event (255 characters)."""
        counts = [f"{name}: {getattr(self, key)}" for key, name in self.SHORT.items()]
        return "Erasure request. " + ", ".join(c for c in counts if not c.endswith(": 0"))


def _require_erasable(actor, constituent: Constituent) -> None:
    if not permissions.erasable_constituents(actor).filter(pk=constituent.pk).exists():
        raise PermissionDenied("You cannot erase this constituent")


def _plural(count: int, word: str, plural: str = "") -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


CASE_TEXT_FIELDS = ["title", "description", "location"]
SAR_TEXT_FIELDS = ["requester_name", "requester_contact", "identity_note", "extension_reason"]
SAR_MATCH_FIELDS = ["match_name", "match_email", "match_phone"]
BREACH_TEXT_FIELDS = ["what_happened", "data_involved", "actions_taken", "decision_reason"]
CONSTITUENT_NOTE_FIELDS = ["accessibility_needs", "vulnerability_note"]
CONSTITUENT_IDENTITY_FIELDS = ["title", "first_name", "last_name", "email", "phone"]


SAR_IDENTITY_FIELDS = ["requester_name", *SAR_MATCH_FIELDS]


def _sar_changes(
    queryset: QuerySet, matcher: Matcher, *, linked_ids: Iterable[int] = ()
) -> tuple[list[SarChange], list[RowEdit], list[RowEdit]]:
    """What erasure changes in a log of subject access requests. A request that is theirs
    (linked to their constituent record, or naming them as the requester or in its match
    details) keeps its place in the log, the controller's record of having answered, but
    its requester's name and contact details become "[erased]" and its match details are
    emptied. Elsewhere, mentions are replaced."""
    history_model = SubjectAccessRequest.history.model
    fields = SAR_TEXT_FIELDS + SAR_MATCH_FIELDS
    edits = _scan(queryset, fields, matcher, blank=SAR_MATCH_FIELDS)
    history_edits = _scan(
        history_model.objects.filter(id__in=queryset.values("pk")),
        fields,
        matcher,
        group="id",
        blank=SAR_MATCH_FIELDS,
    )
    theirs = set(linked_ids)
    for edit in edits:
        if any(name in edit.updates for name in SAR_IDENTITY_FIELDS):
            theirs.add(edit.pk)
    for edit in history_edits:
        if any(name in edit.updates for name in SAR_IDENTITY_FIELDS):
            theirs.add(edit.group)

    def forget_requester(found: list[RowEdit], rows, model, group: str | None) -> None:
        by_pk = {edit.pk: edit for edit in found}
        for row in rows:
            if row["pk"] not in by_pk:
                by_pk[row["pk"]] = RowEdit(model, row["pk"], {}, row[group] if group else None)
                found.append(by_pk[row["pk"]])
            updates = by_pk[row["pk"]].updates
            updates["requester_name"] = ERASED
            updates["requester_contact"] = ERASED if row["requester_contact"] else ""
            for name in SAR_MATCH_FIELDS:
                if row[name]:
                    updates[name] = ""

    columns = ["pk", "requester_contact", *SAR_MATCH_FIELDS]
    forget_requester(
        edits, queryset.filter(pk__in=theirs).values(*columns), SubjectAccessRequest, None
    )
    forget_requester(
        history_edits,
        history_model.objects.filter(id__in=theirs).values("id", *columns),
        history_model,
        "id",
    )

    places: dict[int, list[str]] = defaultdict(list)
    for edit in edits:
        places[edit.pk] += [
            str(SubjectAccessRequest._meta.get_field(name).verbose_name) for name in edit.updates
        ]
    for edit in history_edits:
        if "earlier versions" not in places[edit.group]:
            places[edit.group].append("earlier versions")
    sars = SubjectAccessRequest.unrestricted.in_bulk(list(places))
    changes = [
        SarChange(sar=sars[pk], linked=pk in theirs, places=places[pk])
        for pk in sorted(sars, key=lambda pk: sars[pk].reference)
    ]
    return changes, edits, history_edits


def constituent_erasure_plan(
    *, actor, constituent: Constituent, extra_terms: Iterable[str] = ()
) -> ConstituentErasurePlan:
    """Everything erasing `constituent` would change, for the preview (and for the erasure,
    which carries out exactly this)."""
    _require_erasable(actor, constituent)
    owner_id = constituent.owner_id
    matcher = constituent_matcher(constituent, extra_terms)
    plan = ConstituentErasurePlan(constituent=constituent, matcher=matcher)
    plan.consent_count = ConsentRecord.unrestricted.filter(constituent=constituent).count()

    # (Counting in a separate filter: one on the same relation would count only this person.)
    their_case_ids = CaseConstituent.unrestricted.filter(constituent=constituent).values("case_id")
    linked = Case.unrestricted.filter(pk__in=their_case_ids).annotate(
        people=Count("case_constituents", distinct=True)
    )
    linked = list(linked.select_related("category").order_by("opened_at", "pk"))
    own_linked = [case for case in linked if case.owner_id == owner_id]
    plan.cases_of_others = [case for case in linked if case.owner_id != owner_id]
    plan.cases_to_anonymise = [case for case in own_linked if case.people <= 1]
    anonymise_ids = [case.pk for case in plan.cases_to_anonymise]
    plan.attachments_on_anonymised = list(
        Attachment.unrestricted.filter(case_id__in=anonymise_ids).order_by("case_id", "pk")
    )
    shared_ids = {case.pk for case in own_linked if case.people > 1}

    # Another constituent with the same name is someone else: text on their cases (and in
    # their record) that names "them" is not changed; the preview lists those cases to check.
    plan.namesakes = list(
        Constituent.unrestricted.filter(
            owner_id=owner_id,
            first_name__iexact=constituent.first_name,
            last_name__iexact=constituent.last_name,
        ).exclude(pk=constituent.pk)
    )
    namesake_case_ids = set(
        CaseConstituent.unrestricted.filter(constituent__in=plan.namesakes)
        .exclude(case_id__in=[case.pk for case in linked])
        .values_list("case_id", flat=True)
    )
    plan.namesake_cases = list(
        Case.unrestricted.filter(pk__in=namesake_case_ids, anonymised_at__isnull=True).order_by(
            "opened_at", "pk"
        )
    )
    kept_cases = (
        Case.unrestricted.filter(owner_id=owner_id, anonymised_at__isnull=True)
        .exclude(pk__in=anonymise_ids)
        .exclude(pk__in=namesake_case_ids)
    )
    kept_ids = kept_cases.values("pk")
    history_case = Case.history.model.objects.filter(id__in=kept_ids)
    history_entry = TimelineEntry.history.model.objects.filter(case_id__in=kept_ids)
    edits = {
        "case": _scan(kept_cases, CASE_TEXT_FIELDS, matcher),
        "entry": _scan(
            TimelineEntry.unrestricted.filter(case_id__in=kept_ids),
            ["body"],
            matcher,
            group="case_id",
        ),
        "share": _scan(
            CaseShare.unrestricted.filter(case_id__in=kept_ids),
            ["consent_note"],
            matcher,
            group="case_id",
        ),
        "file_name": _scan(
            Attachment.unrestricted.filter(case_id__in=kept_ids),
            ["original_name"],
            matcher,
            group="case_id",
        ),
        "case_history": _scan(history_case, CASE_TEXT_FIELDS, matcher, group="id"),
        "entry_history": _scan(history_entry, ["body"], matcher, group="case_id"),
    }

    places: dict[int, list[str]] = defaultdict(list)
    for edit in edits["case"]:
        places[edit.pk] += [name for name in CASE_TEXT_FIELDS if name in edit.updates]
    for key, word, plural in (
        ("entry", "timeline entry", "timeline entries"),
        ("share", "sharing note", ""),
        ("file_name", "file name", ""),
    ):
        counts: dict[int, int] = defaultdict(int)
        for edit in edits[key]:
            counts[edit.group] += 1
        for case_id, count in counts.items():
            places[case_id].append(_plural(count, word, plural))
    for case_id in {edit.group for edit in edits["case_history"] + edits["entry_history"]}:
        places[case_id].append("earlier versions in the change history")

    affected = set(places) | shared_ids
    cases = Case.unrestricted.in_bulk(affected)
    attachments_by_case: dict[int, list[Attachment]] = defaultdict(list)
    for attachment in Attachment.unrestricted.filter(case_id__in=affected).order_by("pk"):
        attachments_by_case[attachment.case_id].append(attachment)
    for case_id in sorted(affected, key=lambda pk: (cases[pk].opened_at, pk)):
        change = CaseChange(case=cases[case_id], unlink=case_id in shared_ids)
        change.places = places.get(case_id, [])
        for attachment in attachments_by_case[case_id]:
            found = _file_mentions(attachment.file, matcher)
            if found:
                change.files_to_delete.append(attachment)
            elif found is None or not _readable(attachment.content_type):
                change.files_to_check.append(attachment)
        (plan.cases_shared if change.unlink else plan.cases_mentioning).append(change)

    # Subject access requests this councillor logged.
    own_sars = SubjectAccessRequest.unrestricted.filter(
        controller_id=owner_id, controller_is_council=False
    )
    linked_sar_ids = set(own_sars.filter(constituents=constituent).values_list("pk", flat=True))
    plan.sars, edits["sar"], edits["sar_history"] = _sar_changes(
        own_sars, matcher, linked_ids=linked_sar_ids
    )

    # Other constituents' notes and consent notes that mention the person.
    others = (
        Constituent.unrestricted.filter(owner_id=owner_id)
        .exclude(pk=constituent.pk)
        .exclude(pk__in=[namesake.pk for namesake in plan.namesakes])
    )
    edits["other_constituent"] = _scan(others, CONSTITUENT_NOTE_FIELDS, matcher)
    edits["consent_note"] = _scan(
        ConsentRecord.unrestricted.filter(constituent__in=others),
        ["note"],
        matcher,
        group="constituent_id",
    )
    constituent_history = Constituent.history.model.objects.filter(owner_id=owner_id)
    live_ids = Constituent.unrestricted.filter(owner_id=owner_id).values("pk")
    edits["other_constituent_history"] = _scan(
        constituent_history.filter(id__in=others.values("pk")),
        CONSTITUENT_NOTE_FIELDS,
        matcher,
        group="id",
    )
    other_ids = {e.pk for e in edits["other_constituent"]}
    other_ids |= {e.group for e in edits["consent_note"] + edits["other_constituent_history"]}
    other_records = Constituent.unrestricted.in_bulk(other_ids)
    for pk in sorted(other_ids):
        found = []
        if any(e.pk == pk for e in edits["other_constituent"]):
            found.append("notes")
        if any(e.group == pk for e in edits["consent_note"]):
            found.append("consent notes")
        if any(e.group == pk for e in edits["other_constituent_history"]):
            found.append("earlier versions")
        plan.other_constituents.append((other_records[pk], found))

    # The person's own history rows, and those of deleted records of them (for example one
    # merged into this record) that still hold their details.
    own_history = list(constituent_history.filter(id=constituent.pk).values_list("pk", flat=True))
    gone = constituent_history.exclude(id__in=live_ids)
    gone_matches = _scan(gone, CONSTITUENT_IDENTITY_FIELDS + CONSTITUENT_NOTE_FIELDS, matcher)
    plan.history_rows_to_delete = own_history + [edit.pk for edit in gone_matches]

    plan.tags = [
        tag for tag in Tag.unrestricted.filter(owner_id=owner_id) if matcher.mentions(tag.name)
    ]
    breaches = Breach.unrestricted.filter(controller_id=owner_id)
    edits["breach"] = _scan(breaches, BREACH_TEXT_FIELDS, matcher)
    edits["breach_history"] = _scan(
        Breach.history.model.objects.filter(id__in=breaches.values("pk")),
        BREACH_TEXT_FIELDS,
        matcher,
        group="id",
    )
    breach_ids = {e.pk for e in edits["breach"]} | {e.group for e in edits["breach_history"]}
    plan.breaches = list(Breach.unrestricted.filter(pk__in=breach_ids).order_by("reference"))

    plan.enquiries = list(
        Enquiry.unrestricted.filter(case__in=[case.pk for case in linked]).order_by("reference")
    )
    from councillor_hub.casework.selectors.constituents import possible_duplicates

    plan.duplicates = list(
        possible_duplicates(
            owner=constituent.owner,
            first_name=constituent.first_name,
            last_name=constituent.last_name,
            email=constituent.email,
            phone=constituent.phone,
            postcode=constituent.postcode,
            exclude_pk=constituent.pk,
        )[:20]
    )
    plan.edits = edits
    return plan


@transaction.atomic
def constituent_erase(
    *,
    actor,
    constituent: Constituent,
    extra_terms: Iterable[str] = (),
    request: HttpRequest | None = None,
) -> ErasureResult:
    """Erase one of the actor's constituents everywhere in their casework (see the module
    docstring). All or nothing: one transaction."""
    _require_erasable(actor, constituent)
    constituent = Constituent.unrestricted.select_for_update().get(pk=constituent.pk)
    extra_terms = list(extra_terms)
    extra_terms_validate(extra_terms)
    plan = constituent_erasure_plan(actor=actor, constituent=constituent, extra_terms=extra_terms)
    result = ErasureResult()
    constituent_id = constituent.pk

    for case in plan.cases_to_anonymise:
        result.attachments_deleted += Attachment.unrestricted.filter(case=case).count()
        case_anonymise(case=case, actor=actor, reason=Reason.ERASURE)
        result.cases_anonymised += 1

    edits = plan.edits
    for change in plan.kept_cases:
        if change.unlink:
            CaseConstituent.unrestricted.filter(
                case=change.case, constituent_id=constituent_id
            ).delete()
    result.cases_changed = len(plan.kept_cases)
    _apply(edits["case"])
    result.timeline_entries_changed = _apply(edits["entry"])
    result.other_records_changed += _apply(edits["share"]) + _apply(edits["file_name"])
    result.history_rows_changed += _apply(edits["case_history"]) + _apply(edits["entry_history"])
    # After the text edits, which would otherwise put back the entry text this replaces.
    for change in plan.kept_cases:
        for attachment in change.files_to_delete:
            case_attachment_destroy(
                attachment=attachment,
                actor=actor,
                reason=Reason.ERASURE,
                entry_note="Attachment removed: it named a person whose data was erased.",
            )
            result.attachments_deleted += 1

    result.subject_access_requests_changed = len(plan.sars)
    _apply(edits["sar"])
    result.history_rows_changed += _apply(edits["sar_history"])
    for change in plan.sars:
        if change.linked:
            change.sar.constituents.remove(constituent_id)

    result.other_records_changed += _apply(edits["other_constituent"])
    result.other_records_changed += _apply(edits["consent_note"])
    result.history_rows_changed += _apply(edits["other_constituent_history"])
    result.other_records_changed += _apply(edits["breach"])
    result.history_rows_changed += _apply(edits["breach_history"])
    if plan.tags:
        Tag.unrestricted.filter(pk__in=[tag.pk for tag in plan.tags]).delete()
        result.other_records_changed += len(plan.tags)

    # Last, their own record (its consent records go with it) and every history row of it.
    # Anonymising their last case may already have deleted it.
    result.consent_records_deleted = plan.consent_count
    result.constituent_records_deleted = 1
    Constituent.unrestricted.filter(pk=constituent_id).delete()
    result.history_rows_deleted += purge_history(Constituent, [constituent_id])
    result.history_rows_deleted += Constituent.history.model.objects.filter(
        pk__in=plan.history_rows_to_delete
    ).delete()[0]

    audit_record(
        actor=actor,
        action=Action.ERASE,
        object_type="casework.constituent",
        object_id=constituent_id,
        label=f"constituent #{constituent_id}",
        data_controller=constituent.owner,
        detail=result.audit_detail(),
        request=request,
    )
    return result


# --- The council's enquiries ---------------------------------------------------------------

ENQUIRY_TEXT_FIELDS = [
    "subject",
    "description",
    "location",
    "redirect_note",
    "rating_comment",
    "extension_reason",
]
ENQUIRY_CONSTITUENT_FIELDS = [
    "constituent_name",
    "constituent_address",
    "constituent_email",
    "constituent_phone",
]
ENQUIRY_FIELD_LABELS = {
    "subject": "subject",
    "description": "description",
    "location": "location",
    "redirect_note": "redirect note",
    "rating_comment": "rating comment",
    "extension_reason": "extension reason",
}


@dataclass
class EnquiryChange:
    enquiry: Enquiry
    is_constituent: bool = False
    places: list[str] = field(default_factory=list)
    files_to_delete: list[EnquiryAttachment] = field(default_factory=list)
    files_to_check: list[EnquiryAttachment] = field(default_factory=list)


@dataclass
class EnquiryErasurePlan:
    matcher: Matcher
    changes: list[EnquiryChange] = field(default_factory=list)
    sars: list[SarChange] = field(default_factory=list)
    edits: dict[str, list[RowEdit]] = field(default_factory=dict)

    @property
    def files_to_check(self) -> list[EnquiryAttachment]:
        return [a for change in self.changes for a in change.files_to_check]


def enquiry_matcher(
    *, name: str = "", email: str = "", phone: str = "", extra_terms: Iterable[str] = ()
) -> Matcher:
    return Matcher(
        names=[n for n in [name, *extra_terms] if n],
        emails=[email] if email else [],
        phones=[phone] if phone else [],
    )


def enquiry_search_validate(*, name: str, email: str, phone: str) -> None:
    errors: dict[str, list[str]] = {}
    name, email, phone = (name or "").strip(), (email or "").strip(), (phone or "").strip()
    if not (name or email or phone):
        errors["name"] = ["Enter the person's name, email address or phone number"]
    if name and len(" ".join(name.split())) < MIN_TERM_LENGTH:
        errors["name"] = [f"The name must be at least {MIN_TERM_LENGTH} characters"]
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [
                "Enter an email address in the correct format, like name@example.com"
            ]
    if phone and _phone_key(phone) is None:
        errors["phone"] = [f"Enter a phone number with at least {MIN_PHONE_DIGITS} digits"]
    if errors:
        raise ValidationError(errors)


def _is_their_record(enquiry_values: dict, matcher: Matcher) -> bool:
    """Whether the enquiry's constituent details are this person's (name, email or phone)."""
    return any(matcher.mentions(enquiry_values[name]) for name in ENQUIRY_CONSTITUENT_FIELDS)


def _enquiry_edits(queryset: QuerySet, matcher: Matcher, *, group: str | None) -> list[RowEdit]:
    """Edits for enquiry rows (records or history rows): the constituent details emptied when
    they are this person's, mentions in the text replaced."""
    fields = ENQUIRY_TEXT_FIELDS + ENQUIRY_CONSTITUENT_FIELDS
    model = queryset.model
    edits = []
    columns = ["pk", *fields, *([group] if group else [])]
    for row in matcher.candidates(queryset, fields).order_by().values(*columns):
        updates = {}
        if _is_their_record(row, matcher):
            updates = {name: "" for name in ENQUIRY_CONSTITUENT_FIELDS if row[name]}
        for name in ENQUIRY_TEXT_FIELDS:
            if matcher.mentions(row[name]):
                updates[name] = _fit(model, name, matcher.erase(row[name]))
        if updates:
            edits.append(RowEdit(model, row["pk"], updates, row[group] if group else row["pk"]))
    return edits


def enquiry_erasure_plan(
    *, actor, name: str = "", email: str = "", phone: str = "", extra_terms: Iterable[str] = ()
) -> EnquiryErasurePlan:
    """Every council enquiry holding or mentioning the person, and what erasure would do."""
    if not permissions.can_erase_in_enquiries(actor):
        raise PermissionDenied("Only the data protection officer erases data in enquiries")
    enquiry_search_validate(name=name, email=email, phone=phone)
    extra_terms = list(extra_terms)
    extra_terms_validate(extra_terms)
    matcher = enquiry_matcher(name=name, email=email, phone=phone, extra_terms=extra_terms)
    plan = EnquiryErasurePlan(matcher=matcher)
    history_enquiry = Enquiry.history.model.objects.all()
    edits = {
        "enquiry": _enquiry_edits(Enquiry.unrestricted.all(), matcher, group=None),
        "enquiry_history": _enquiry_edits(history_enquiry, matcher, group="id"),
        "event": _scan(EnquiryEvent.unrestricted.all(), ["body"], matcher, group="enquiry_id"),
        "response": _scan(
            EnquiryResponse.unrestricted.all(), ["body"], matcher, group="enquiry_id"
        ),
        "response_history": _scan(
            EnquiryResponse.history.model.objects.all(), ["body"], matcher, group="enquiry_id"
        ),
        "file_name": _scan(
            EnquiryAttachment.unrestricted.all(), ["original_name"], matcher, group="enquiry_id"
        ),
    }
    places: dict[int, list[str]] = defaultdict(list)
    theirs: set[int] = set()
    for edit in edits["enquiry"]:
        if any(name in edit.updates for name in ENQUIRY_CONSTITUENT_FIELDS):
            theirs.add(edit.pk)
        places.setdefault(edit.pk, [])
        places[edit.pk] += [
            ENQUIRY_FIELD_LABELS[name] for name in ENQUIRY_TEXT_FIELDS if name in edit.updates
        ]
    for key, word in (
        ("event", "history note"),
        ("response", "response"),
        ("file_name", "file name"),
    ):
        counts: dict[int, int] = defaultdict(int)
        for edit in edits[key]:
            counts[edit.group] += 1
        for enquiry_id, count in counts.items():
            places[enquiry_id].append(_plural(count, word))
    for enquiry_id in {e.group for e in edits["enquiry_history"] + edits["response_history"]}:
        places[enquiry_id].append("earlier versions in the change history")

    # Files on enquiries that hold the person (or mention them): read to see if they name them.
    enquiries = Enquiry.unrestricted.in_bulk(places.keys())
    places = {pk: found for pk, found in places.items() if pk in enquiries}
    attachments: dict[int, list[EnquiryAttachment]] = defaultdict(list)
    for attachment in EnquiryAttachment.unrestricted.filter(enquiry_id__in=list(places)):
        attachments[attachment.enquiry_id].append(attachment)
    for pk in sorted(places, key=lambda pk: enquiries[pk].reference):
        change = EnquiryChange(enquiry=enquiries[pk], is_constituent=pk in theirs)
        change.places = places[pk]
        for attachment in attachments[pk]:
            found = _file_mentions(attachment.file, matcher)
            if found:
                change.files_to_delete.append(attachment)
            elif found is None or not _readable(attachment.content_type):
                change.files_to_check.append(attachment)
        plan.changes.append(change)
    # The council's own log of subject access requests.
    council_sars = SubjectAccessRequest.unrestricted.filter(controller_is_council=True)
    plan.sars, edits["sar"], edits["sar_history"] = _sar_changes(council_sars, matcher)
    plan.edits = edits
    return plan


@transaction.atomic
def enquiries_erase(
    *,
    actor,
    name: str = "",
    email: str = "",
    phone: str = "",
    extra_terms: Iterable[str] = (),
    request: HttpRequest | None = None,
) -> ErasureResult:
    """Erase a person's details from the council's enquiries (the data protection officer)."""
    plan = enquiry_erasure_plan(
        actor=actor, name=name, email=email, phone=phone, extra_terms=extra_terms
    )
    result = ErasureResult()
    edits = plan.edits
    _apply(edits["enquiry"])
    result.enquiries_changed = len(plan.changes)
    result.enquiry_events_changed = _apply(edits["event"])
    result.enquiry_responses_changed = _apply(edits["response"])
    result.other_records_changed = _apply(edits["file_name"])
    result.history_rows_changed = _apply(edits["enquiry_history"]) + _apply(
        edits["response_history"]
    )
    result.subject_access_requests_changed = len(plan.sars)
    _apply(edits["sar"])
    result.history_rows_changed += _apply(edits["sar_history"])
    for change in plan.changes:
        for attachment in change.files_to_delete:
            enquiry_attachment_destroy(attachment=attachment, actor=actor, reason=Reason.ERASURE)
            result.attachments_deleted += 1
    audit_record(
        actor=actor,
        action=Action.ERASE,
        object_type="enquiries.enquiry",
        label="Council enquiries",
        detail=result.audit_detail(),
        request=request,
    )
    return result

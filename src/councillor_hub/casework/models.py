"""Casework: a councillor's constituents and their cases.

Every model here that holds personal data has no `objects` manager. Code reads through
`Model.visible_to(user)`, which applies the casework permission rules, or through the clearly
named `unrestricted` manager, which only services, migrations and the admin-less maintenance
commands may use. A forgotten permission check is therefore hard to write by accident.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from councillor_hub.core.postcodes import validate_postcode


class ContactMethod(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    LETTER = "letter", "Letter"
    IN_PERSON = "in_person", "In person"


class ConsentPurpose(models.TextChoices):
    CASEWORK = "casework", "Handle their issue as casework"
    SHARE_WARD_COLLEAGUES = "share_ward_colleagues", "Share with ward colleagues"
    PASS_TO_COUNCIL = "pass_to_council", "Pass details to the council or a partner"
    CONTACT_EMAIL = "contact_email", "Contact by email"
    CONTACT_PHONE = "contact_phone", "Contact by phone"
    HANDOVER = "handover", "Hand over to a successor councillor"


class ConsentMethod(models.TextChoices):
    VERBAL = "verbal", "Verbally (in person or by phone)"
    WRITTEN = "written", "In writing (letter or signed form)"
    EMAIL = "email", "By email"
    ONLINE = "online", "Online form"


class Channel(models.TextChoices):
    LETTER = "letter", "Letter"
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    SOCIAL_MEDIA = "social_media", "Social media"
    SURGERY = "surgery", "Surgery"
    DOORSTEP = "doorstep", "Doorstep"
    CAMPAIGN = "campaign", "Campaign or petition"
    OTHER = "other", "Other"


class Status(models.TextChoices):
    OPEN = "open", "Open"
    AWAITING_COUNCIL = "awaiting_council", "Awaiting council"
    AWAITING_CONSTITUENT = "awaiting_constituent", "Awaiting constituent"
    AWAITING_THIRD_PARTY = "awaiting_third_party", "Awaiting third party"
    CLOSED = "closed", "Closed"


class Outcome(models.TextChoices):
    RESOLVED = "resolved", "Resolved"
    PARTLY_RESOLVED = "partly_resolved", "Partly resolved"
    NOT_RESOLVED = "not_resolved", "Not resolved"
    SIGNPOSTED = "signposted", "Signposted elsewhere"
    NO_FURTHER_ACTION = "no_further_action", "No further action"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Priority(models.TextChoices):
    LOW = "low", "Low"
    NORMAL = "normal", "Normal"
    HIGH = "high", "High"
    URGENT = "urgent", "Urgent"


class LawfulBasis(models.TextChoices):
    CONSTITUENT_REQUEST = "constituent_request", "The constituent's own request (public task)"
    CONSENT = "consent", "Consent"
    LEGAL_OBLIGATION = "legal_obligation", "Legal obligation"
    VITAL_INTERESTS = "vital_interests", "Vital interests"
    LEGITIMATE_INTERESTS = "legitimate_interests", "Legitimate interests"


class SpecialCategoryCondition(models.TextChoices):
    ELECTED_REPRESENTATIVE = (
        "elected_representative",
        "Elected representative responding to requests (DPA 2018 Sch. 1 para 23)",
    )
    EXPLICIT_CONSENT = "explicit_consent", "Explicit consent"
    SAFEGUARDING = "safeguarding", "Safeguarding of children and individuals at risk"
    VITAL_INTERESTS = "vital_interests", "Vital interests"


class EntryKind(models.TextChoices):
    NOTE = "note", "Note"
    CALL_IN = "call_in", "Phone call received"
    CALL_OUT = "call_out", "Phone call made"
    LETTER_IN = "letter_in", "Letter received"
    LETTER_OUT = "letter_out", "Letter sent"
    EMAIL_IN = "email_in", "Email received"
    EMAIL_OUT = "email_out", "Email sent"
    MEETING = "meeting", "Meeting or surgery"
    STATUS_CHANGE = "status_change", "Status changed"
    ATTACHMENT = "attachment", "Attachment added"
    SHARING = "sharing", "Sharing changed"
    ENQUIRY = "enquiry", "Council enquiry update"


# Entries a person writes; the rest are made by the system as things happen.
LOGGABLE_KINDS = [
    EntryKind.NOTE,
    EntryKind.CALL_IN,
    EntryKind.CALL_OUT,
    EntryKind.LETTER_IN,
    EntryKind.LETTER_OUT,
    EntryKind.EMAIL_IN,
    EntryKind.EMAIL_OUT,
    EntryKind.MEETING,
]


class Constituent(models.Model):
    """A person a councillor acts for. The owning councillor is the data controller."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="constituents",
        db_index=False,  # the (owner, ...) indexes in Meta serve it
    )
    title = models.CharField(max_length=20, blank=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    address_line_1 = models.CharField(max_length=200, blank=True)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, blank=True, validators=[validate_postcode])
    ward = models.ForeignKey(
        "accounts.Ward", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    preferred_contact = models.CharField(
        max_length=20, choices=ContactMethod.choices, default=ContactMethod.EMAIL
    )
    accessibility_needs = models.TextField(blank=True)
    is_vulnerable = models.BooleanField(
        "Vulnerability or safeguarding concern",
        default=False,
        help_text="Restricted: shown only on the constituent and case pages to those allowed.",
    )
    vulnerability_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    unrestricted = models.Manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["owner", "last_name", "first_name"]),
            models.Index(fields=["owner", "email"]),
            models.Index(fields=["owner", "phone"]),
            models.Index(fields=["owner", "postcode"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in [self.title, self.first_name, self.last_name] if p)

    @property
    def address_lines(self) -> list[str]:
        return [
            p for p in [self.address_line_1, self.address_line_2, self.town, self.postcode] if p
        ]

    @classmethod
    def visible_to(cls, user) -> models.QuerySet[Constituent]:
        from .permissions import visible_constituents

        return visible_constituents(user)


class ConsentRecord(models.Model):
    """What a constituent agreed to, when, and how we know."""

    constituent = models.ForeignKey(Constituent, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=40, choices=ConsentPurpose.choices)
    given = models.BooleanField(default=True, help_text="Untick to record a refusal or withdrawal.")
    method = models.CharField(max_length=20, choices=ConsentMethod.choices)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(max_length=500, blank=True)

    unrestricted = models.Manager()

    class Meta:
        ordering = ["-recorded_at"]


class Tag(models.Model):
    """A councillor's own label for cases. Tags belong to one owner so lists stay short."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=60)

    unrestricted = models.Manager()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="unique_owner_tag")]

    def __str__(self) -> str:
        return self.name


class ReferenceSequence(models.Model):
    """Per-year counter for human-friendly case references (CW-2026-00123)."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="unique_reference_sequence")
        ]


class Case(models.Model):
    """A constituent's issue, taken up by a councillor (the owner and data controller)."""

    reference = models.CharField(max_length=20, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_cases",
        db_index=False,  # the (owner, ...) indexes in Meta serve it
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    category = models.ForeignKey("core.ServiceArea", on_delete=models.PROTECT, related_name="cases")
    ward = models.ForeignKey(
        "accounts.Ward", null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    location = models.CharField(max_length=250, blank=True)
    postcode = models.CharField(max_length=8, blank=True, validators=[validate_postcode])
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.EMAIL)
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.OPEN)
    outcome = models.CharField(max_length=30, choices=Outcome.choices, blank=True)
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    follow_up_date = models.DateField(null=True, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="cases")
    constituents = models.ManyToManyField(
        Constituent, through="CaseConstituent", related_name="cases", blank=True
    )
    related_cases = models.ManyToManyField("self", blank=True, symmetrical=True)
    lawful_basis = models.CharField(
        max_length=30, choices=LawfulBasis.choices, default=LawfulBasis.CONSTITUENT_REQUEST
    )
    has_special_category_data = models.BooleanField(
        "Holds special category data",
        default=False,
        help_text="Health, safeguarding, ethnicity, religious or political beliefs and the like.",
    )
    special_category_condition = models.CharField(
        max_length=30, choices=SpecialCategoryCondition.choices, blank=True
    )
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Retention: a councillor may keep a closed case past its retention date (with a reason,
    # recorded on the review); anonymising strips every personal detail but keeps the figures.
    retain_until = models.DateField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[])
    unrestricted = models.Manager()

    class Meta:
        ordering = ["-opened_at"]
        indexes = [
            models.Index(fields=["owner", "status", "-opened_at"]),
            # The case list's default order and the dashboard's "recently updated", read from
            # the index so a councillor with thousands of cases gets their first page at once.
            models.Index(fields=["owner", "-opened_at", "-id"], name="case_owner_newest_idx"),
            models.Index(fields=["owner", "-updated_at", "-id"], name="case_owner_updated_idx"),
            models.Index(fields=["owner", "follow_up_date"]),
            models.Index(fields=["owner", "category"]),
            models.Index(fields=["ward", "category", "opened_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    @property
    def is_closed(self) -> bool:
        return self.status == Status.CLOSED

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    @classmethod
    def visible_to(cls, user) -> models.QuerySet[Case]:
        from .permissions import visible_cases

        return visible_cases(user)


class CaseConstituent(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_constituents")
    constituent = models.ForeignKey(
        Constituent, on_delete=models.CASCADE, related_name="case_links"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    unrestricted = models.Manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "constituent"], name="unique_case_constituent")
        ]


class TimelineEntry(models.Model):
    """One thing that happened on a case, in time order: notes, calls, letters, emails,
    status changes, attachments, sharing."""

    # No index of its own: the (case, -occurred_at) index in Meta serves it.
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="timeline", db_index=False
    )
    kind = models.CharField(max_length=20, choices=EntryKind.choices)
    body = models.TextField(blank=True)
    is_sensitive = models.BooleanField(
        "Contains special category data",
        default=False,
        help_text="Sensitive notes appear only on the case page, never in lists or exports.",
    )
    occurred_at = models.DateTimeField(default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()
    unrestricted = models.Manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["case", "-occurred_at"])]


def attachment_path(instance: Attachment, filename: str) -> str:
    # Random names: the original filename is personal data and lives only in the database.
    import uuid

    return f"attachments/{instance.case_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A file on a case, stored outside the web root and served only after a permission check."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    entry = models.OneToOneField(
        TimelineEntry, null=True, on_delete=models.SET_NULL, related_name="attachment"
    )
    file = models.FileField(upload_to=attachment_path, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    unrestricted = models.Manager()

    class Meta:
        ordering = ["-uploaded_at"]


class CaseShare(models.Model):
    """An owner's grant of one case to a ward colleague, with the constituent's consent noted."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="shares")
    colleague = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shared_cases"
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    consent_method = models.CharField(max_length=20, choices=ConsentMethod.choices)
    consent_note = models.CharField(max_length=500, blank=True)
    shared_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    unrestricted = models.Manager()

    class Meta:
        ordering = ["-shared_at"]
        indexes = [models.Index(fields=["colleague", "revoked_at"])]

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class DelegateGrant(models.Model):
    """A councillor's authority for someone (often a member support officer) to work on all
    of their casework. Revocable; both grant and revocation are audited."""

    councillor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delegate_grants"
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delegated_from"
    )
    granted_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    unrestricted = models.Manager()

    class Meta:
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["delegate", "revoked_at"])]

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

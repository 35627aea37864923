"""Councillor Queries: enquiries from members (councillors, MPs) to the council.

The council is the data controller of enquiries. They hold personal data (a constituent's
details chosen by the member), so, like casework, the models expose no `objects` manager:
read through `Enquiry.visible_to(user)` (enquiries/permissions.py) and write in services
through `Enquiry.unrestricted`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from councillor_hub.core.postcodes import validate_postcode
from councillor_hub.core.working_days import working_days_between


class Urgency(models.TextChoices):
    EMERGENCY = "emergency", "Emergency: a danger to people or property"
    URGENT = "urgent", "Urgent"
    STANDARD = "standard", "Standard"
    COMPLEX = "complex", "Complex"


class EnquiryStatus(models.TextChoices):
    NEW = "new", "New"
    IN_PROGRESS = "in_progress", "With the service"
    AWAITING_MEMBER = "awaiting_member", "More information needed"
    RESPONSE_READY = "response_ready", "Response being checked"
    ANSWERED = "answered", "Answered"
    CLOSED = "closed", "Closed"
    REDIRECTED = "redirected", "Redirected to another process"
    DUPLICATE = "duplicate", "Duplicate"


OPEN_STATUSES = [
    EnquiryStatus.NEW,
    EnquiryStatus.IN_PROGRESS,
    EnquiryStatus.AWAITING_MEMBER,
    EnquiryStatus.RESPONSE_READY,
]


class RaisedVia(models.TextChoices):
    PORTAL = "portal", "Councillor Hub form"
    EMAIL = "email", "Email to the team"
    PHONE = "phone", "Phone call"
    OFFICER = "officer", "Directly to an officer"


class RedirectProcess(models.TextChoices):
    SOCIAL_CARE_COMPLAINT = "social_care_complaint", "Statutory social care complaint"
    CHILDRENS_COMPLAINT = "childrens_complaint", "Statutory children's services complaint"
    CORPORATE_COMPLAINT = "corporate_complaint", "Corporate complaints procedure"
    FOI = "foi", "Freedom of information request"
    SUBJECT_ACCESS = "subject_access", "Subject access request"
    SELF_SERVICE = "self_service", "Routine report for the public self-service portal"
    OTHER = "other", "Another process"


class SensitiveReason(models.TextChoices):
    PERSONAL = "personal", "Personal information"
    SAFEGUARDING = "safeguarding", "Safeguarding concern"


class EnquiryCategory(models.Model):
    """A kind of enquiry within a service area (e.g. Highways: potholes), with its own service
    level where it differs from the default for the urgency."""

    service_area = models.ForeignKey(
        "core.ServiceArea", on_delete=models.PROTECT, related_name="enquiry_categories"
    )
    name = models.CharField(max_length=120)
    help_text = models.CharField(max_length=300, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["service_area__sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["service_area", "name"], name="unique_category_name")
        ]

    def __str__(self) -> str:
        return f"{self.service_area}: {self.name}"


class ServiceLevel(models.Model):
    """How long the council has to answer: working days per urgency, optionally per category.
    Emergencies run on clock hours instead. The rule with a category wins over the default."""

    urgency = models.CharField(max_length=20, choices=Urgency.choices)
    category = models.ForeignKey(
        EnquiryCategory, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    working_days = models.PositiveSmallIntegerField(null=True, blank=True)
    clock_hours = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["urgency"],
                condition=models.Q(category__isnull=True),
                name="unique_default_service_level",
            ),
            models.UniqueConstraint(
                fields=["urgency", "category"],
                condition=models.Q(category__isnull=False),
                name="unique_category_service_level",
            ),
        ]

    def __str__(self) -> str:
        span = f"{self.clock_hours} hours" if self.clock_hours else f"{self.working_days} days"
        return f"{self.get_urgency_display()}: {span}"


def answer_working_days(received_at, answered_at) -> int | None:
    """Whole working days from receipt to the answer (None while unanswered)."""
    if received_at is None or answered_at is None:
        return None
    return working_days_between(received_at, answered_at)


class Enquiry(models.Model):
    """A member's question to the council, triaged, routed and answered within a service level."""

    reference = models.CharField(max_length=20, unique=True, editable=False)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="enquiries",
        help_text="The councillor or MP the enquiry is from.",
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Who entered it: the member, their delegate or the member support team.",
    )
    raised_via = models.CharField(
        max_length=20, choices=RaisedVia.choices, default=RaisedVia.PORTAL
    )
    service_area = models.ForeignKey(
        "core.ServiceArea", on_delete=models.PROTECT, related_name="enquiries"
    )
    category = models.ForeignKey(
        EnquiryCategory, null=True, blank=True, on_delete=models.PROTECT, related_name="enquiries"
    )
    subject = models.CharField(max_length=200)
    description = models.TextField()
    location = models.CharField(max_length=250, blank=True)
    postcode = models.CharField(max_length=8, blank=True, validators=[validate_postcode])
    ward = models.ForeignKey(
        "accounts.Ward", null=True, blank=True, on_delete=models.PROTECT, related_name="enquiries"
    )
    suggested_urgency = models.CharField(
        max_length=20, choices=Urgency.choices, default=Urgency.STANDARD
    )
    urgency = models.CharField(
        max_length=20,
        choices=Urgency.choices,
        blank=True,
        help_text="The member support team's judgement, set at triage.",
    )
    status = models.CharField(max_length=20, choices=EnquiryStatus.choices, default="new")

    # Personal data the member chose to send from a case (the council holds this copy).
    # Indexed by enquiry_case_idx (Meta) over linked enquiries only: most enquiries have no
    # case, and an index over them all reads to the planner as useless (every row "matches"
    # NULL), so SQLite walked every enquiry by date to list a case's enquiries (issue 7).
    case = models.ForeignKey(
        "casework.Case",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enquiries",
        db_index=False,
    )
    constituent_name = models.CharField(max_length=200, blank=True)
    constituent_address = models.TextField(blank=True)
    constituent_email = models.EmailField(blank=True)
    constituent_phone = models.CharField(max_length=30, blank=True)

    is_sensitive = models.BooleanField(default=False)
    sensitive_reason = models.CharField(max_length=20, choices=SensitiveReason.choices, blank=True)
    named_viewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        help_text="For a sensitive enquiry: the only officers who may see it.",
    )

    redirect_process = models.CharField(max_length=30, choices=RedirectProcess.choices, blank=True)
    redirect_note = models.TextField(blank=True)
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )

    received_at = models.DateTimeField(default=timezone.now)
    triaged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(
        null=True, blank=True, help_text="Set while waiting for the member: the clock stops."
    )
    extended_at = models.DateTimeField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # Working days from receipt to the answer, worked out once when the answer is recorded
    # (see save): the performance report then counts answers by it in the database instead of
    # walking the working-day calendar for every answered enquiry on each view (issue 7).
    answer_working_days = models.PositiveIntegerField(null=True, blank=True, editable=False)
    follow_up_until = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Retention (the council is the controller): kept past its date only on a recorded
    # decision; anonymising keeps service, category, ward, dates, status and rating.
    retain_until = models.DateField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    rating_comment = models.TextField(blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    unrestricted = models.Manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name_plural = "enquiries"
        indexes = [
            models.Index(fields=["status", "received_at"]),
            models.Index(fields=["service_area", "status", "due_at"]),
            models.Index(fields=["member", "-received_at"]),
            models.Index(fields=["ward", "received_at"]),
            # The performance report's date range over every enquiry, and its totals and time
            # to answer read from the index alone (narrower than the rows, which carry the
            # descriptions): a third less time to count a large council (issue 7).
            models.Index(
                fields=["received_at", "answered_at", "due_at", "rating", "answer_working_days"],
                name="enquiry_report_idx",
            ),
            # The performance report's counts by service area and category, read from the
            # index alone rather than by sorting every enquiry (issue 7).
            models.Index(
                fields=["service_area", "category", "received_at"],
                name="enquiry_service_category_idx",
            ),
            # Everything the triage tabs count, sort and the team's visibility rule read, so
            # SQLite counts and pages the open enquiries from the index alone (issue 7).
            # due_at second: the "Overdue" tab is a range on it (23 -> 3 ms on a large council,
            # where SQLite otherwise chose the service index and read every overdue enquiry).
            models.Index(
                fields=[
                    "status",
                    "due_at",
                    "paused_at",
                    "is_sensitive",
                    "raised_by",
                    "received_at",
                ],
                # PostgreSQL indexes do not carry the row id as SQLite's do; with it the tab
                # counts are an index-only scan there too (10 -> 6 ms). SQLite ignores it.
                include=["id"],
                name="enquiry_triage_idx",
            ),
            models.Index(
                fields=["case", "-received_at"],
                condition=models.Q(case__isnull=False),
                name="enquiry_case_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs):
        self.answer_working_days = answer_working_days(self.received_at, self.answered_at)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "answered_at" in update_fields:
            kwargs["update_fields"] = {*update_fields, "answer_working_days"}
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @classmethod
    def visible_to(cls, user) -> models.QuerySet[Enquiry]:
        from .permissions import visible_enquiries

        return visible_enquiries(user)


class EnquiryAssignment(models.Model):
    """Who the enquiry is routed to: a service team, a named officer or a partner organisation.
    Several at once; one is the lead who coordinates the single reply."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="assignments")
    service_area = models.ForeignKey(
        "core.ServiceArea", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enquiry_assignments",
    )
    partner = models.ForeignKey(
        "directory.PartnerOrganisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enquiry_assignments",
    )
    is_lead = models.BooleanField(default=False)
    assigned_at = models.DateTimeField(default=timezone.now)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)

    unrestricted = models.Manager()

    class Meta:
        ordering = ["-is_lead", "assigned_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(service_area__isnull=False)
                | models.Q(officer__isnull=False)
                | models.Q(partner__isnull=False),
                name="assignment_has_a_holder",
            )
        ]


class EventKind(models.TextChoices):
    RAISED = "raised", "Raised"
    TRIAGED = "triaged", "Triaged"
    REDIRECTED = "redirected", "Redirected"
    DUPLICATE = "duplicate", "Marked as a duplicate"
    ASSIGNED = "assigned", "Assigned"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    INFO_REQUESTED = "info_requested", "More information requested"
    MEMBER_REPLIED = "member_replied", "Member replied"
    EXTENDED = "extended", "Due date extended"
    NOTE = "note", "Internal note"
    DRAFT_READY = "draft_ready", "Response ready for checking"
    PARTNER_RESPONSE = "partner_response", "Partner response logged"
    ANSWERED = "answered", "Answered"
    REMINDER = "reminder", "Reminder sent"
    ESCALATED = "escalated", "Escalated"
    CLOSED = "closed", "Closed"
    REOPENED = "reopened", "Reopened"
    RATED = "rated", "Rated"


class EnquiryEvent(models.Model):
    """The full history of an enquiry, in time order. `visible_to_member` marks what the member
    sees on their page; internal notes between officers are not shown to them."""

    # No index of its own: the (enquiry, at) index in Meta serves it.
    enquiry = models.ForeignKey(
        Enquiry, on_delete=models.CASCADE, related_name="events", db_index=False
    )
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    body = models.TextField(blank=True)
    visible_to_member = models.BooleanField(default=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    unrestricted = models.Manager()

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["enquiry", "at"])]


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    READY = "ready", "Ready for checking"
    SENT = "sent", "Sent"


class EnquiryResponse(models.Model):
    """A reply: drafted by a service officer (or logged from a partner), checked and sent to the
    member by the member support team."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="responses")
    body = models.TextField()
    status = models.CharField(
        max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    partner = models.ForeignKey(
        "directory.PartnerOrganisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Set when this logs a partner organisation's response.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["updated_at"])
    unrestricted = models.Manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            # The triage queue counts enquiries with a response ready to check: a few hundred
            # among hundreds of thousands of sent ones, read from this index alone (issue 7).
            models.Index(
                fields=["enquiry"],
                condition=models.Q(status="ready"),
                name="response_ready_idx",
            ),
        ]


def enquiry_attachment_path(instance: EnquiryAttachment, filename: str) -> str:
    import uuid

    return f"enquiry-attachments/{instance.enquiry_id}/{uuid.uuid4().hex}"


class EnquiryAttachment(models.Model):
    """A file on an enquiry or a response; stored outside the web root, served after a check."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="attachments")
    response = models.ForeignKey(
        EnquiryResponse,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(upload_to=enquiry_attachment_path, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    unrestricted = models.Manager()

    class Meta:
        ordering = ["uploaded_at"]


class AlertKind(models.TextChoices):
    ACKNOWLEDGEMENT_DUE = "ack_due", "Acknowledgement overdue"
    REMINDER = "reminder", "Reminder before the due date"
    OVERDUE_MANAGER = "overdue_manager", "Escalated to the service manager"
    OVERDUE_DIRECTOR = "overdue_director", "Escalated to the director"
    EMERGENCY_ON_CALL = "emergency_on_call", "On-call contact alerted"
    FOLLOW_UP_CLOSE = "follow_up_close", "Closed after the follow-up window"


class EnquiryAlert(models.Model):
    """Each reminder or escalation fires exactly once: the sweep inserts a row here before it
    queues the task, and the unique constraint stops a second one (also across worker
    restarts). `key` is the due date the alert was for, so an extended due date may earn a
    new reminder."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(max_length=20, choices=AlertKind.choices)
    key = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    unrestricted = models.Manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enquiry", "kind", "key"], name="unique_enquiry_alert")
        ]

from django.conf import settings
from django.db import models


class Action(models.TextChoices):
    VIEW = "view", "Viewed"
    CREATE = "create", "Created"
    UPDATE = "update", "Changed"
    DELETE = "delete", "Deleted"
    DOWNLOAD = "download", "Downloaded"
    SHARE = "share", "Shared"
    UNSHARE = "unshare", "Stopped sharing"
    GRANT = "grant", "Granted delegate access"
    REVOKE = "revoke", "Revoked delegate access"
    MERGE = "merge", "Merged"
    SEARCH = "search", "Searched"
    LOGIN = "login", "Signed in"
    LOGIN_FAILED = "login_failed", "Failed sign-in"
    LOGOUT = "logout", "Signed out"
    ANONYMISE = "anonymise", "Anonymised"
    ERASE = "erase", "Erased a person's data"
    RETAIN = "retain", "Kept past its retention date"
    EXPORT = "export", "Exported"
    TRANSFER = "transfer", "Handed over"


class AuditEvent(models.Model):
    """Who did what to which record, and when. Holds no personal content: records are named by
    type and id (and a case reference), so the audit trail survives erasure of the data."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    # actor and data_controller have no index of their own: the composite indexes in Meta
    # start with them, and every page view writes a row here (issue 7).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40, blank=True)
    object_label = models.CharField(
        max_length=60, blank=True, help_text="A non-personal label such as a case reference."
    )
    # The councillor whose casework this touched, so they can see who accessed their cases.
    data_controller = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    detail = models.CharField(max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["data_controller", "-at"]),
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["actor", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.action} {self.object_type}"

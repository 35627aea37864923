from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property

from .roles import CASEWORK_OWNER_ROLES, Role


class Ward(models.Model):
    name = models.CharField(max_length=120, unique=True)
    ons_code = models.CharField("ONS code", max_length=9, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PoliticalGroup(models.Model):
    """A political group on the council. Councillors in no group are 'non-aligned': they have
    no group row at all, and every list that groups members shows them as their own bucket."""

    name = models.CharField(max_length=120, unique=True)
    short_name = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


NON_ALIGNED_LABEL = "Non-aligned (no political group)"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("Enter an email address")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        user = self._create_user(email, password, **extra)
        UserRole.objects.get_or_create(user=user, role=Role.ADMINISTRATOR)
        return user


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. Email is the login. Roles are held in UserRole rows."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150)
    phone = models.CharField(max_length=30, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        default=False, help_text="Can sign in to the Django admin (administrators only)."
    )
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @cached_property
    def role_set(self) -> frozenset[str]:
        return frozenset(self.roles.values_list("role", flat=True))

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_set.intersection(roles))

    @property
    def is_casework_owner(self) -> bool:
        return bool(self.role_set & CASEWORK_OWNER_ROLES)


class UserRole(models.Model):
    """One role held by one person, optionally scoped to a service area or political group
    (a service officer's service, a whip's group)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=40, choices=Role.choices)
    service_area = models.ForeignKey(
        "core.ServiceArea", null=True, blank=True, on_delete=models.PROTECT
    )
    political_group = models.ForeignKey(
        PoliticalGroup, null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        # SQL treats NULLs as distinct, so one constraint over the nullable scopes would let
        # duplicates through: one conditional constraint per kind of scope instead.
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(service_area__isnull=True, political_group__isnull=True),
                name="unique_user_role_unscoped",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "service_area"],
                condition=models.Q(service_area__isnull=False),
                name="unique_user_role_service_area",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "political_group"],
                condition=models.Q(political_group__isnull=False),
                name="unique_user_role_political_group",
            ),
        ]

    def __str__(self) -> str:
        scope = self.service_area or self.political_group
        return f"{self.get_role_display()}" + (f" ({scope})" if scope else "")


class TermEndReason(models.TextChoices):
    NOT_RE_ELECTED = "not_re_elected", "Not re-elected"
    STOOD_DOWN = "stood_down", "Stood down at the election"
    RESIGNED = "resigned", "Resigned"
    WARD_ABOLISHED = "ward_abolished", "Ward abolished by a boundary change"
    OTHER = "other", "Other"


class CouncillorProfile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="councillor_profile")
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="councillors")
    political_group = models.ForeignKey(
        PoliticalGroup,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="councillors",
        help_text="Leave empty for a non-aligned councillor.",
    )
    term_start = models.DateField()
    term_end = models.DateField(
        null=True,
        blank=True,
        help_text="The last day of office. Casework access ends a set number of days later, "
        "so the councillor can hand over their cases.",
    )
    term_end_reason = models.CharField(max_length=20, choices=TermEndReason.choices, blank=True)

    class Meta:
        ordering = ["user__full_name"]

    def __str__(self) -> str:
        return f"{self.user} ({self.ward})"

    @property
    def casework_access_ends_on(self):
        """The last day the councillor may use their casework, or None while in office."""
        from datetime import timedelta

        from django.conf import settings

        if self.term_end is None:
            return None
        return self.term_end + timedelta(days=settings.CASEWORK_ACCESS_DAYS_AFTER_TERM)

    @property
    def group_label(self) -> str:
        return self.political_group.name if self.political_group else NON_ALIGNED_LABEL

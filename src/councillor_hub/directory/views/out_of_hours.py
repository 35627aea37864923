"""The council's directory pages. For now: emergency and out-of-hours contacts."""

from __future__ import annotations

from itertools import groupby

from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import NoReverseMatch, reverse
from django.views.generic import TemplateView

from councillor_hub.accounts.roles import Role

from ..models import ContactKind, OutOfHoursContact

KIND_ORDER = {kind: index for index, kind in enumerate(ContactKind.values)}


def is_directory_admin(user) -> bool:
    return user.is_superuser or user.has_role(Role.ADMINISTRATOR)


def contacts_by_service() -> list[dict]:
    """Active contacts grouped by service (council-wide first), then by kind, in the order of
    ContactKind (out of hours, bank holidays, on-call, major incident, safeguarding)."""
    contacts = sorted(
        OutOfHoursContact.objects.filter(is_active=True).select_related("service_area"),
        key=lambda c: (
            c.service_area is not None,
            c.service_area.sort_order if c.service_area else 0,
            c.service_area.name if c.service_area else "",
            KIND_ORDER.get(c.kind, 99),
            c.name,
        ),
    )
    groups = []
    for area, in_area in groupby(contacts, key=lambda c: c.service_area):
        kinds = [
            {"kind": kind, "label": ContactKind(kind).label, "contacts": list(of_kind)}
            for kind, of_kind in groupby(in_area, key=lambda c: c.kind)
        ]
        groups.append(
            {
                "service_area": area,
                "title": area.name if area else "Council-wide",
                "slug": area.slug if area else "council-wide",
                "kinds": kinds,
            }
        )
    return groups


class OutOfHoursView(LoginRequiredMixin, TemplateView):
    """Emergency and out-of-hours contacts for each service."""

    template_name = "directory/out_of_hours.html"

    def get_context_data(self, **kwargs):
        show_admin = is_directory_admin(self.request.user)
        groups = contacts_by_service()
        if show_admin:
            for group in groups:
                for kind in group["kinds"]:
                    for contact in kind["contacts"]:
                        try:
                            contact.admin_url = reverse(
                                "admin:directory_outofhourscontact_change", args=[contact.pk]
                            )
                        except NoReverseMatch:
                            contact.admin_url = ""
        return super().get_context_data(groups=groups, show_admin=show_admin, **kwargs)

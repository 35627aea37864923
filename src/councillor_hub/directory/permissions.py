"""Who may see and manage the information hub (directory, library, FAQs, search). Every hub
view asks this module; library, faqs and search use it too, so the rules live in one place.

- Hub content is for signed-in members and officers; nothing is public.
- An item marked "members only" is seen by members (councillors, MPs and co-opted members in
  office) and by those who manage the content.
- Democratic services officers and administrators manage the content in the app.
"""

from __future__ import annotations

from councillor_hub.accounts.roles import Role


def _anonymous(user) -> bool:
    return user is None or not user.is_authenticated or not user.is_active


def can_use_hub(user) -> bool:
    return not _anonymous(user)


def can_manage_hub_content(user) -> bool:
    return not _anonymous(user) and user.has_role(
        Role.DEMOCRATIC_SERVICES_OFFICER, Role.ADMINISTRATOR
    )


def can_see_members_only(user) -> bool:
    from councillor_hub.enquiries.permissions import is_member

    return can_manage_hub_content(user) or is_member(user)


def visible_filter_members_only(user) -> dict:
    """Filter keyword arguments that hide members-only items from those who may not see them:
    `Model.objects.filter(**visible_filter_members_only(user))`."""
    return {} if can_see_members_only(user) else {"members_only": False}

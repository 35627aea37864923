"""Views of the councillors, committees and Cabinet pages. Everything is for signed-in users
(directory/permissions.can_use_hub); the add and change pages are for content managers
(can_manage_hub_content) and answer 404 to everyone else."""

from django.http import Http404

from councillor_hub.directory.permissions import can_manage_hub_content


def require_manager(user) -> None:
    if not can_manage_hub_content(user):
        raise Http404("Not found")

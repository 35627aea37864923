"""The notifications page and the navigation count."""

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.notifications.models import Notification

URL = reverse("notifications:list")


@pytest.fixture
def notes(world):
    old = Notification.objects.create(
        recipient=world.councillor, title="Enquiry ENQ-2026-00001 has been acknowledged"
    )
    new = Notification.objects.create(
        recipient=world.councillor,
        title="Enquiry ENQ-2026-00002 has been answered",
        url="/enquiries/ENQ-2026-00002/",
    )
    read = Notification.objects.create(
        recipient=world.councillor,
        title="Enquiry ENQ-2026-00003 has been closed",
        read_at=timezone.now(),
    )
    Notification.objects.create(
        recipient=world.other, title="Enquiry ENQ-2026-00009 has been answered"
    )
    return old, new, read


def test_sign_in_required(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/" in response.url or "login" in response.url


@pytest.mark.django_db
def test_lists_only_my_notifications_newest_first(councillor_client, notes):
    response = councillor_client.get(URL)
    assert response.status_code == 200
    page = list(response.context["notifications"])
    assert page[0].title.startswith("Enquiry ENQ-2026-0000")
    assert all(n.recipient_id == notes[0].recipient_id for n in page)
    assert [n.pk for n in page] == sorted((n.pk for n in page), reverse=True)
    html = response.content.decode()
    assert "ENQ-2026-00009" not in html
    assert html.count("govuk-tag--blue") == 2  # unread tags
    assert 'href="/enquiries/ENQ-2026-00002/"' in html
    assert "Mark all as read" in html
    assert "Notifications (2)" in html


@pytest.mark.django_db
def test_mark_all_as_read(councillor_client, notes, world):
    response = councillor_client.post(URL)
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=world.councillor, read_at__isnull=True)
    assert Notification.objects.filter(recipient=world.other, read_at__isnull=True).count() == 1
    html = councillor_client.get(URL).content.decode()
    assert "Notifications (0)" in html
    assert "Mark all as read" not in html
    assert "govuk-tag--blue" not in html


@pytest.mark.django_db
def test_bad_page_numbers_do_not_fail(councillor_client, notes):
    for page in ("999", "abc", "-1"):
        assert councillor_client.get(URL, {"page": page}).status_code == 200


@pytest.mark.django_db
def test_empty_list(support_client):
    response = support_client.get(URL)
    assert response.status_code == 200
    assert "You have no notifications yet" in response.content.decode()


@pytest.mark.django_db
def test_query_count_does_not_grow_with_rows(
    councillor_client, world, django_assert_max_num_queries
):
    for i in range(3):
        Notification.objects.create(recipient=world.councillor, title=f"Enquiry ENQ-2026-1000{i}")
    with django_assert_max_num_queries(12) as few:
        councillor_client.get(URL)
    for i in range(20):
        Notification.objects.create(recipient=world.councillor, title=f"Enquiry ENQ-2026-2000{i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        councillor_client.get(URL)

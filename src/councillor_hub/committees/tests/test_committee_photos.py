"""Councillor photos: only real JPEGs and PNGs (by name and bytes), within the size caps,
stored outside the web root under a random name, served only to signed-in users."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse

from councillor_hub.audit.models import AuditEvent
from councillor_hub.committees.models import CouncillorContact
from councillor_hub.committees.photos import (
    PHOTO_MAX_BYTES,
    jpeg_size,
    photo_validate,
    png_size,
)
from councillor_hub.committees.services import contact_update

from .images import jpeg_bytes, png_bytes, upload


def test_sizes_are_read_from_the_headers():
    assert png_size(png_bytes(120, 160)) == (120, 160)
    assert jpeg_size(jpeg_bytes(300, 400)) == (300, 400)
    assert png_size(jpeg_bytes()) is None
    assert jpeg_size(png_bytes()) is None


@pytest.mark.parametrize(
    "name,content,expected",
    [
        ("me.png", png_bytes(), "image/png"),
        ("ME.PNG", png_bytes(), "image/png"),
        ("me.jpg", jpeg_bytes(), "image/jpeg"),
        ("me.jpeg", jpeg_bytes(), "image/jpeg"),
    ],
)
def test_real_images_pass(name, content, expected):
    assert photo_validate(upload(name, content)) == expected


@pytest.mark.parametrize(
    "name,content,code",
    [
        ("empty.png", b"", "empty"),
        ("me.gif", b"GIF89a" + b"\x00" * 20, "file_type"),
        (
            "me.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>1</script></svg>",
            "file_type",
        ),
        ("program.jpg", b"MZ\x90\x00" + b"\x00" * 100, "file_type"),
        ("swapped.jpg", png_bytes(), "file_type"),
        ("swapped.png", jpeg_bytes(), "file_type"),
        ("noext", png_bytes(), "file_type"),
        ("page.pdf", b"%PDF-1.4 hello", "file_type"),
        ("truncated.png", png_bytes()[:14], "file_type"),
        ("headless.jpg", b"\xff\xd8\xff\xd9", "file_type"),
        ("zero.png", png_bytes(0, 10), "file_type"),
        ("huge.png", png_bytes(9000, 10), "too_many_pixels"),
        ("huge.jpg", jpeg_bytes(10, 9000), "too_many_pixels"),
    ],
)
def test_anything_else_is_refused(name, content, code):
    with pytest.raises(ValidationError) as error:
        photo_validate(upload(name, content))
    assert error.value.code == code


def test_too_large_is_refused():
    content = png_bytes() + b"\x00" * PHOTO_MAX_BYTES
    with pytest.raises(ValidationError) as error:
        photo_validate(upload("big.png", content))
    assert error.value.messages == ["The selected photo must be smaller than 5MB"]


def test_photo_is_stored_under_a_random_name_and_replaced(world):
    contact = contact_update(
        actor=world.democratic,
        councillor=world.councillor,
        public_email="Cllr.Someone@Example.org",
        photo=upload("Jane Smith at home.png", png_bytes()),
    )
    first = contact.photo.name
    assert first.startswith("councillor-photos/") and "Jane" not in first
    assert contact.photo_content_type == "image/png"
    assert contact.public_email == "cllr.someone@example.org"
    assert default_storage.exists(first)
    contact = contact_update(
        actor=world.democratic,
        councillor=world.councillor,
        public_email="cllr.someone@example.org",
        photo=upload("new.jpg", jpeg_bytes()),
    )
    assert contact.photo_content_type == "image/jpeg"
    assert contact.photo.name != first
    assert contact.history.count() == 2
    label = f"councillor contact #{world.councillor.pk}"
    assert AuditEvent.objects.filter(object_label=label).count() == 2


def test_replaced_photo_file_is_deleted_after_commit(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        contact = contact_update(
            actor=world.democratic,
            councillor=world.councillor,
            photo=upload("a.png", png_bytes()),
        )
    first = contact.photo.name
    with django_capture_on_commit_callbacks(execute=True):
        contact_update(actor=world.democratic, councillor=world.councillor, remove_photo=True)
    assert not default_storage.exists(first)
    contact.refresh_from_db()
    assert not contact.photo and contact.photo_content_type == ""


def test_bad_photo_changes_nothing(world):
    with pytest.raises(ValidationError) as error:
        contact_update(
            actor=world.democratic,
            councillor=world.councillor,
            public_phone="01632 960001",
            photo=upload("me.gif", b"GIF89a" + b"\x00" * 20),
        )
    assert "photo" in error.value.message_dict
    assert not CouncillorContact.objects.exists()


def test_contact_details_only_for_councillors(world):
    with pytest.raises(ValidationError):
        contact_update(actor=world.democratic, councillor=world.support, public_phone="01632")


def test_photo_upload_page_refuses_a_fake_image(world, client_for):
    client = client_for(world.democratic)
    url = reverse("committees:councillor_contact_update", args=[world.councillor.pk])
    response = client.post(
        url,
        {
            "public_email": "",
            "public_phone": "",
            "surgery_details": "",
            "bio": "Hello",
            "photo_upload": upload("me.jpg", b"<html>not an image</html>"),
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "The selected photo must be a JPG or PNG" in content
    assert "<title>Error:" in content
    assert not CouncillorContact.objects.exists()


def test_photo_upload_page_saves_a_real_image_and_serves_it(world, client_for):
    client = client_for(world.democratic)
    url = reverse("committees:councillor_contact_update", args=[world.councillor.pk])
    response = client.post(
        url,
        {
            "public_email": "cllr@example.org",
            "public_phone": "01632 960001",
            "surgery_details": "Saturdays",
            "bio": "",
            "photo_upload": upload("me.png", png_bytes()),
        },
    )
    assert response.status_code == 302
    photo_url = reverse("committees:councillor_photo", args=[world.councillor.pk])
    detail = client_for(world.other).get(
        reverse("committees:councillor_detail", args=[world.councillor.pk])
    )
    assert photo_url in detail.content.decode()
    response = client_for(world.other).get(photo_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == png_bytes()


def test_no_photo_is_404(world, client_for):
    url = reverse("committees:councillor_photo", args=[world.councillor.pk])
    assert client_for(world.other).get(url).status_code == 404
    contact_update(actor=world.democratic, councillor=world.councillor, bio="No photo")
    assert client_for(world.other).get(url).status_code == 404

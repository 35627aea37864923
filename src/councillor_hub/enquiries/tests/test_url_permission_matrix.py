"""Every enquiries, notifications and directory URL, for every person in every state that
matters, as a matrix (issue 3 item 9): the member who raised the enquiry, their active and a
revoked delegate, a ward colleague, a councillor of another ward, an MP, the member support team
(two officers), a Highways officer and manager (the enquiry is routed to Highways), an officer
of another service, democratic services, an administrator and someone not signed in.

The expected outcomes are written out as data below (GET_EXPECTED, POST_EXPECTED and, for a
sensitive enquiry, SENSITIVE_GET_EXPECTED) so a reviewer can read the policy at a glance. Each
cell is checked on a fresh world. A refused request leaves every enquiry and notification
unchanged, a refusal looks exactly like a record that does not exist, and no response to
someone who may not see the enquiry names it (subject, description, constituent, file name,
reference). The member's side never sees internal notes or unsent replies.

The casework equivalent is casework/tests/test_url_permission_matrix.py."""

import datetime
import re
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.models import UserRole
from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import ServiceAreaFactory, UserFactory
from councillor_hub.casework.models import DelegateGrant
from councillor_hub.casework.services.sharing import delegate_revoke
from councillor_hub.directory import urls as directory_urls
from councillor_hub.directory.models import PartnerOrganisation
from councillor_hub.enquiries import urls as enquiries_urls
from councillor_hub.enquiries.models import (
    Enquiry,
    EnquiryAssignment,
    EnquiryAttachment,
    EnquiryEvent,
    EnquiryResponse,
    EnquiryStatus,
    EventKind,
    ResponseStatus,
)
from councillor_hub.enquiries.services.raising import enquiry_attachment_store
from councillor_hub.notifications import urls as notifications_urls
from councillor_hub.notifications.models import Notification

from .factories import (
    EnquiryAssignmentFactory,
    EnquiryEventFactory,
    EnquiryFactory,
    EnquiryResponseFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_world")]

# Outcomes of a GET
OK = 200  # the page (or the file)
RD = 302  # a redirect elsewhere (reply and rate answer GET with the enquiry's page)
NF = 404  # not found: the record's existence does not leak
NA = 405  # method not allowed
IN = "sign-in"  # redirect to the sign-in page

# Outcomes of a POST (NF, NA and IN as above: nothing changed)
DO = "done"  # redirect, and the change to the councillor's enquiry happened
OW = "own"  # redirect, but the person acted on their OWN enquiries / notifications

# Person states, in column order.
STATES = [
    "member",  # mem: world.councillor, whose enquiry this is
    "delegate",  # dlg: active delegate grant from the member
    "delegate_revoked",  # dlX: the delegate raised the enquiry, then the grant was revoked
    "colleague",  # col: councillor of the same ward, not the member
    "other",  # oth: councillor of another ward and group
    "mp",  # mp: an MP (raises enquiries of their own)
    "support",  # sup: member support officer (named on the sensitive enquiry)
    "support_unnamed",  # suX: another member support officer (not named on it)
    "highways_officer",  # hwy: service officer, Highways (the enquiry is routed there)
    "manager",  # mgr: service manager, Highways
    "parks_officer",  # prk: service officer of another service (Parks)
    "democratic",  # dem: democratic services officer
    "admin",  # adm: administrator (superuser)
    "anonymous",  # anon: not signed in
]

# fmt: off
GET_EXPECTED = {
    #                        mem dlg dlX col oth mp  sup suX hwy mgr prk dem adm anon
    "my_enquiries":         [OK, OK, NF, OK, OK, OK, NF, NF, NF, NF, NF, NF, NF, IN],
    "enquiry_create":       [OK, OK, NF, OK, OK, OK, NF, NF, NF, NF, NF, NF, NF, IN],
    "enquiry_detail":       [OK, OK, NF, NF, NF, NF, OK, OK, OK, OK, NF, NF, NF, IN],
    "member_reply":         [RD, RD, NF, NF, NF, NF, RD, RD, RD, RD, NF, NF, NF, IN],
    "rate":                 [RD, RD, NF, NF, NF, NF, RD, RD, RD, RD, NF, NF, NF, IN],
    "attachment_download":  [OK, OK, NF, NF, NF, NF, OK, OK, OK, OK, NF, NF, NF, IN],
    "triage_queue":         [NF, NF, NF, NF, NF, NF, OK, OK, NF, NF, NF, NF, NF, IN],
    "log_on_behalf":        [NF, NF, NF, NF, NF, NF, OK, OK, NF, NF, NF, NF, NF, IN],
    "triage":               [NF, NF, NF, NF, NF, NF, OK, OK, NF, NF, NF, NF, NF, IN],
    "extend":               [NF, NF, NF, NF, NF, NF, OK, OK, NF, NF, NF, NF, NF, IN],
    "note":                 [NF, NF, NF, NF, NF, NF, OK, OK, OK, OK, NF, NF, NF, IN],
    "partner_response":     [NF, NF, NF, NF, NF, NF, OK, OK, NF, NF, NF, NF, NF, IN],
    "send_response":        [NF, NF, NF, NF, NF, NF, OK, OK, NF, NF, NF, NF, NF, IN],
    "service_queue":        [NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, OK, NF, NF, IN],
    "draft_response":       [NF, NF, NF, NF, NF, NF, OK, OK, OK, OK, NF, NF, NF, IN],
    "performance":          [NF, NF, NF, NF, NF, NF, OK, OK, NF, OK, NF, NF, OK, IN],
    "performance_export":   [NF, NF, NF, NF, NF, NF, OK, OK, NF, OK, NF, NF, OK, IN],
    "notifications:list":   [OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, IN],
    "directory:out_of_hours": [OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, IN],
}

POST_EXPECTED = {
    #                        mem dlg dlX col oth mp  sup suX hwy mgr prk dem adm anon
    "my_enquiries":         [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "enquiry_create":       [DO, DO, NF, OW, OW, OW, NF, NF, NF, NF, NF, NF, NF, IN],
    "enquiry_detail":       [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "member_reply":         [DO, DO, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "rate":                 [DO, DO, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "attachment_download":  [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "triage_queue":         [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "log_on_behalf":        [NF, NF, NF, NF, NF, NF, DO, DO, NF, NF, NF, NF, NF, IN],
    "triage":               [NF, NF, NF, NF, NF, NF, DO, DO, NF, NF, NF, NF, NF, IN],
    "extend":               [NF, NF, NF, NF, NF, NF, DO, DO, NF, NF, NF, NF, NF, IN],
    "note":                 [NF, NF, NF, NF, NF, NF, DO, DO, DO, DO, NF, NF, NF, IN],
    "partner_response":     [NF, NF, NF, NF, NF, NF, DO, DO, NF, NF, NF, NF, NF, IN],
    "send_response":        [NF, NF, NF, NF, NF, NF, DO, DO, NF, NF, NF, NF, NF, IN],
    "service_queue":        [NF, NF, NF, NF, NF, NF, NF, NF, NA, NA, NA, NF, NF, IN],
    "draft_response":       [NF, NF, NF, NF, NF, NF, DO, DO, DO, DO, NF, NF, NF, IN],
    "performance":          [NF, NF, NF, NF, NF, NF, NA, NA, NF, NA, NF, NF, NA, IN],
    "performance_export":   [NF, NF, NF, NF, NF, NF, NA, NA, NF, NA, NF, NF, NA, IN],
    "notifications:list":   [DO, OW, OW, OW, OW, OW, OW, OW, OW, OW, OW, OW, OW, IN],
    "directory:out_of_hours": [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
}

# A sensitive enquiry routed to Highways, with only `support` named on it: the member's side
# and the named officer see it; the Highways officer and manager and the other support officer
# do not, although it is routed to their service.
SENSITIVE_GET_EXPECTED = {
    #                        mem dlg dlX col oth mp  sup suX hwy mgr prk dem adm anon
    "enquiry_detail":       [OK, OK, NF, NF, NF, NF, OK, NF, NF, NF, NF, NF, NF, IN],
    "attachment_download":  [OK, OK, NF, NF, NF, NF, OK, NF, NF, NF, NF, NF, NF, IN],
    "draft_response":       [NF, NF, NF, NF, NF, NF, OK, NF, NF, NF, NF, NF, NF, IN],
    "triage":               [NF, NF, NF, NF, NF, NF, OK, NF, NF, NF, NF, NF, NF, IN],
}
# fmt: on

# Distinctive words, so a leak is easy to spot in a response body.
SUBJECT = "Quillfeather Lane sinkhole"
DESCRIPTION = "Marigold-Vantablack subsidence by the culvert"
CONSTITUENT = "Thistlewaite-Oduya"
FILE_NAME = "kestrel-evidence.pdf"
INTERNAL_NOTE = "Persimmon-Kestrel internal note"
READY_BODY = "Ravensworth crew booked for Tuesday"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
COUNCILLOR_NOTICE = "needs more information from you"
OWN_NOTICE = "Your weekly summary is ready"

NEW_SUBJECT = "Raised by the permission matrix"
LOGGED_SUBJECT = "Logged by the permission matrix"
MATRIX_TEXT = "Written by the permission matrix"


@dataclass
class Scene:
    world: object
    enquiry: Enquiry  # the councillor's enquiry, routed to Highways (lead) and the police
    attachment: EnquiryAttachment  # sent with the enquiry
    response: EnquiryResponse  # the Highways officer's reply, ready to check and send
    police: PartnerOrganisation
    support_unnamed: object
    parks_officer: object


def _people(world) -> dict:
    support_unnamed = UserFactory(email="support2@demo.test", roles=[Role.MEMBER_SUPPORT_OFFICER])
    parks = ServiceAreaFactory(name="Parks and open spaces", slug="parks-and-open-spaces")
    parks_officer = UserFactory(email="parks@demo.test")
    UserRole.objects.create(user=parks_officer, role=Role.SERVICE_OFFICER, service_area=parks)
    return {"support_unnamed": support_unnamed, "parks_officer": parks_officer}


def make_scene(world, name: str = "", *, sensitive: bool = False) -> Scene:
    """The councillor's enquiry, in the state the URL `name` needs: waiting for the member
    (reply), answered (rate) or being worked on (everything else)."""
    now = timezone.now()
    fields = {"status": EnquiryStatus.IN_PROGRESS}
    if name == "member_reply":
        fields = {"status": EnquiryStatus.AWAITING_MEMBER, "paused_at": now}
    elif name == "rate":
        fields = {
            "status": EnquiryStatus.ANSWERED,
            "answered_at": now,
            "follow_up_until": now + datetime.timedelta(days=7),
        }
    if sensitive:
        fields.update(is_sensitive=True, sensitive_reason="personal")
    enquiry = EnquiryFactory(
        member=world.councillor,
        service_area=world.highways,
        ward=world.ward_a,
        subject=SUBJECT,
        description=DESCRIPTION,
        constituent_name=f"Ada {CONSTITUENT}",
        urgency="standard",
        received_at=now - datetime.timedelta(days=1),
        triaged_at=now - datetime.timedelta(hours=20),
        due_at=now + datetime.timedelta(days=5),
        named_viewers=[world.support] if sensitive else None,
        **fields,
    )
    EnquiryAssignmentFactory(enquiry=enquiry, service_area=world.highways, is_lead=True)
    police = PartnerOrganisation.objects.create(
        name="Demoshire Police", kind="police", email="neighbourhood@police.test"
    )
    EnquiryAssignment.unrestricted.create(enquiry=enquiry, partner=police)
    response = EnquiryResponseFactory(
        enquiry=enquiry,
        body=READY_BODY,
        author=world.highways_officer,
        status=ResponseStatus.READY,
    )
    EnquiryEventFactory(
        enquiry=enquiry,
        kind=EventKind.NOTE,
        body=INTERNAL_NOTE,
        author=world.highways_officer,
        visible_to_member=False,
    )
    attachment = enquiry_attachment_store(
        actor=world.councillor,
        enquiry=enquiry,
        upload=SimpleUploadedFile(FILE_NAME, PDF, content_type="application/pdf"),
        content_type="application/pdf",
    )
    if name == "notifications:list":
        Notification.objects.create(
            recipient=world.councillor,
            title=f"Enquiry {enquiry.reference} {COUNCILLOR_NOTICE}",
            url=reverse("enquiries:enquiry_detail", args=[enquiry.reference]),
        )
    return Scene(
        world=world,
        enquiry=enquiry,
        attachment=attachment,
        response=response,
        police=police,
        **_people(world),
    )


def person_in_state(scene: Scene, state: str):
    """The person for a column, after whatever the state's name describes. None = anonymous."""
    world = scene.world
    if state == "anonymous":
        return None
    if state == "member":
        return world.councillor
    if state == "delegate_revoked":
        # The strictest case: the delegate raised the enquiry for the member, then lost the
        # grant. Entering it does not keep them in.
        Enquiry.unrestricted.filter(pk=scene.enquiry.pk).update(raised_by=world.delegate)
        grant = DelegateGrant.unrestricted.get(councillor=world.councillor, delegate=world.delegate)
        delegate_revoke(actor=world.councillor, grant=grant)
        return world.delegate
    if state in ("support_unnamed", "parks_officer"):
        return getattr(scene, state)
    return getattr(world, state)


def sees_enquiry(state: str, *, sensitive: bool) -> bool:
    if state in ("member", "delegate"):
        return True
    if sensitive:
        return state == "support"
    return state in ("support", "support_unnamed", "highways_officer", "manager")


def secrets_for(scene: Scene, state: str, *, sensitive: bool = False) -> list[str]:
    """What must not appear in any response to this person."""
    if state in ("member", "delegate"):
        # The member's side sees the enquiry, but not internal notes or unsent replies.
        return [INTERNAL_NOTE, READY_BODY]
    if sees_enquiry(state, sensitive=sensitive):
        return []
    return [
        SUBJECT,
        DESCRIPTION,
        CONSTITUENT,
        FILE_NAME,
        INTERNAL_NOTE,
        READY_BODY,
        scene.enquiry.reference,
    ]


MISSING_REFERENCE = "ENQ-1999-99999"
MISSING_PK = 2_000_000_000


def url_for(name: str, scene: Scene, *, missing: bool = False) -> str:
    """The URL for `name` addressing the scene's records, or (missing=True) records that do not
    exist, to compare a refusal with a plain "not found"."""
    reference = MISSING_REFERENCE if missing else scene.enquiry.reference

    def pk(obj) -> int:
        return MISSING_PK if missing else obj.pk

    if ":" in name:
        return reverse(name)
    kwargs = {
        "enquiry_detail": {"reference": reference},
        "member_reply": {"reference": reference},
        "rate": {"reference": reference},
        "attachment_download": {"reference": reference, "pk": pk(scene.attachment)},
        "triage": {"reference": reference},
        "extend": {"reference": reference},
        "note": {"reference": reference},
        "partner_response": {"reference": reference},
        "send_response": {"reference": reference, "pk": pk(scene.response)},
        "draft_response": {"reference": reference},
        "performance_export": {"fmt": "csv"},
    }.get(name, {})
    return reverse(f"enquiries:{name}", kwargs=kwargs)


def post_data(name: str, scene: Scene) -> dict:
    """A valid payload for each state-changing view (empty for the rest)."""
    world = scene.world
    payloads = {
        "enquiry_create": {
            "service_area": str(world.highways.pk),
            "subject": NEW_SUBJECT,
            "description": "A matrix enquiry.",
            "suggested_urgency": "standard",
        },
        "member_reply": {"body": MATRIX_TEXT},
        "rate": {"rating": "4", "comment": ""},
        "log_on_behalf": {
            "member": world.councillor.pk,
            "raised_via": "email",
            "service_area": world.highways.pk,
            "subject": LOGGED_SUBJECT,
            "description": "Logged from an email.",
            "suggested_urgency": "standard",
        },
        "triage": {"decision": "info", "info-question": MATRIX_TEXT},
        "extend": {"working_days": "5", "reason": MATRIX_TEXT},
        "note": {"body": MATRIX_TEXT},
        "partner_response": {"partner": scene.police.pk, "body": MATRIX_TEXT},
        "send_response": {"body": MATRIX_TEXT},
        "draft_response": {"body": MATRIX_TEXT, "ready": "Mark as ready for checking"},
    }
    return payloads.get(name, {})


def enquiries_snapshot(member=None) -> dict:
    """Everything about enquiries (of `member`, or everyone's) and notifications a POST could
    change."""
    enquiries = Enquiry.unrestricted.all()
    notifications = Notification.objects.all()
    if member is not None:
        enquiries = enquiries.filter(member=member)
        notifications = notifications.filter(recipient=member)
    ids = list(enquiries.values_list("pk", flat=True))
    return {
        "enquiries": list(
            enquiries.order_by("pk").values_list(
                "pk",
                "subject",
                "status",
                "urgency",
                "due_at",
                "paused_at",
                "extended_at",
                "answered_at",
                "rating",
                "is_sensitive",
            )
        ),
        "events": list(
            EnquiryEvent.unrestricted.filter(enquiry_id__in=ids)
            .order_by("pk")
            .values_list("pk", "kind", "body")
        ),
        "responses": list(
            EnquiryResponse.unrestricted.filter(enquiry_id__in=ids)
            .order_by("pk")
            .values_list("pk", "status", "body", "author_id")
        ),
        "assignments": list(
            EnquiryAssignment.unrestricted.filter(enquiry_id__in=ids)
            .order_by("pk")
            .values_list("pk", "removed_at")
        ),
        "attachments": list(
            EnquiryAttachment.unrestricted.filter(enquiry_id__in=ids)
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
        "notifications": list(
            notifications.order_by("pk").values_list("pk", "recipient_id", "read_at")
        ),
    }


def assert_done(name: str, scene: Scene, person) -> None:
    """The change each state-changing view makes, when an allowed person posts."""
    world = scene.world
    enquiry = Enquiry.unrestricted.get(pk=scene.enquiry.pk)
    events = EnquiryEvent.unrestricted.filter(enquiry=enquiry, author=person)
    if name == "enquiry_create":
        assert Enquiry.unrestricted.filter(
            member=world.councillor, subject=NEW_SUBJECT, raised_by=person
        ).exists()
    elif name == "member_reply":
        assert enquiry.status == EnquiryStatus.IN_PROGRESS
        assert events.filter(kind=EventKind.MEMBER_REPLIED, body=MATRIX_TEXT).exists()
    elif name == "rate":
        assert enquiry.rating == 4
        assert enquiry.rated_at is not None
    elif name == "log_on_behalf":
        assert Enquiry.unrestricted.filter(
            member=world.councillor, subject=LOGGED_SUBJECT, raised_by=person
        ).exists()
    elif name == "triage":
        assert enquiry.status == EnquiryStatus.AWAITING_MEMBER
        assert events.filter(kind=EventKind.INFO_REQUESTED, body=MATRIX_TEXT).exists()
    elif name == "extend":
        assert enquiry.extended_at is not None
        assert enquiry.due_at > scene.enquiry.due_at
    elif name == "note":
        assert events.filter(
            kind=EventKind.NOTE, body=MATRIX_TEXT, visible_to_member=False
        ).exists()
    elif name == "partner_response":
        assert EnquiryResponse.unrestricted.filter(
            enquiry=enquiry, partner=scene.police, body=MATRIX_TEXT, status=ResponseStatus.READY
        ).exists()
    elif name == "send_response":
        scene.response.refresh_from_db()
        assert scene.response.status == ResponseStatus.SENT
        assert scene.response.sent_by == person
        assert enquiry.status == EnquiryStatus.ANSWERED
    elif name == "draft_response":
        assert EnquiryResponse.unrestricted.filter(
            enquiry=enquiry, author=person, body=MATRIX_TEXT, status=ResponseStatus.READY
        ).exists()
    elif name == "notifications:list":
        assert not Notification.objects.filter(
            recipient=world.councillor, read_at__isnull=True
        ).exists()
    else:
        raise AssertionError(f"No change defined for {name}")


def assert_own_change(name: str, person) -> None:
    """OW: the person's own enquiries or notifications got the change instead."""
    if name == "enquiry_create":
        assert Enquiry.unrestricted.filter(member=person, subject=NEW_SUBJECT).exists()
    elif name == "notifications:list":
        assert Notification.objects.filter(recipient=person, title=OWN_NOTICE).exists()
        assert not Notification.objects.filter(recipient=person, read_at__isnull=True).exists()
    else:
        raise AssertionError(f"No own change defined for {name}")


def comparable(body: str, url: str) -> str:
    """A page body without what differs from request to request: the CSRF token and the
    address itself."""
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body)
    return body.replace(url, "<url>")


def body_of(response) -> str:
    if getattr(response, "streaming", False):
        # Reading to the end closes the file (see the casework matrix for why not close()).
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    return content.decode(errors="replace")


def assert_outcome(response, expected, *, method: str) -> None:
    where = f"{method} answered {response.status_code}"
    if expected == IN:
        assert response.status_code == 302, where
        assert response.url.startswith(reverse("accounts:login")), response.url
    elif expected in (DO, OW):
        assert response.status_code == 302, where
        assert not response.url.startswith(reverse("accounts:login")), response.url
    else:
        assert response.status_code == expected, where


def assert_refusal_like_missing(client, name, scene, body, url) -> None:
    """A record the person may not reach looks exactly like one that does not exist."""
    missing_url = url_for(name, scene, missing=True)
    if missing_url == url:
        return
    missing = client.get(missing_url)
    assert missing.status_code == 404
    assert comparable(body, url) == comparable(body_of(missing), missing_url)


def login(client: Client, person) -> None:
    client.cookies.clear()
    if person is not None:
        client.force_login(
            person, backend="councillor_hub.accounts.backends.UserWithProfileBackend"
        )


CELLS = [(name, state) for name in GET_EXPECTED for state in STATES]
SENSITIVE_CELLS = [(name, state) for name in SENSITIVE_GET_EXPECTED for state in STATES]


@pytest.fixture(scope="module")
def shared_client() -> Client:
    """One test client for the module (a new client reloads the middleware, which doubles the
    run time). Its cookies are cleared for every cell, so no session carries over."""
    return Client()


def test_tables_cover_every_url_and_every_state():
    url_names = {pattern.name for pattern in enquiries_urls.urlpatterns}
    url_names |= {f"notifications:{p.name}" for p in notifications_urls.urlpatterns}
    # The directory app's hub pages have their own matrix (directory/tests); the out-of-hours
    # page is part of raising an enquiry, so it stays here.
    url_names |= {
        f"directory:{p.name}" for p in directory_urls.urlpatterns if p.name == "out_of_hours"
    }
    assert set(GET_EXPECTED) == url_names
    assert set(POST_EXPECTED) == url_names
    for table in (GET_EXPECTED, POST_EXPECTED, SENSITIVE_GET_EXPECTED):
        assert all(len(row) == len(STATES) for row in table.values())
    assert set(SENSITIVE_GET_EXPECTED) <= url_names


@pytest.mark.parametrize(("name", "state"), CELLS, ids=[f"{n}-{s}" for n, s in CELLS])
def test_url_permission_matrix(world, shared_client, name, state):
    scene = make_scene(world, name)
    person = person_in_state(scene, state)
    if name == "notifications:list" and person not in (None, world.councillor):
        Notification.objects.create(recipient=person, title=OWN_NOTICE)
    client = shared_client
    login(client, person)
    url = url_for(name, scene)
    column = STATES.index(state)
    secrets = secrets_for(scene, state)

    # GET
    response = client.get(url)
    get_expected = GET_EXPECTED[name][column]
    assert_outcome(response, get_expected, method="GET")
    body = body_of(response)
    for secret in secrets:
        assert secret not in body, f"GET {url} shows {secret!r} to {state}"
    if get_expected == NF:
        assert_refusal_like_missing(client, name, scene, body, url)
    if get_expected == OK and name == "attachment_download":
        assert body.startswith("%PDF-")
        assert "attachment" in response["Content-Disposition"]

    # POST
    before_all = enquiries_snapshot()
    before = enquiries_snapshot(world.councillor)
    response = client.post(url, post_data(name, scene))
    post_expected = POST_EXPECTED[name][column]
    assert_outcome(response, post_expected, method="POST")
    body = body_of(response)
    for secret in secrets:
        assert secret not in body, f"POST {url} shows {secret!r} to {state}"
    if post_expected == NF:
        missing = client.post(url_for(name, scene, missing=True), post_data(name, scene))
        assert missing.status_code == 404
    if post_expected == DO:
        assert_done(name, scene, person)
        assert enquiries_snapshot(world.councillor) != before
    elif post_expected == OW:
        assert enquiries_snapshot(world.councillor) == before, (
            f"POST {url} by {state} changed the councillor's enquiries"
        )
        assert_own_change(name, person)
    else:
        assert enquiries_snapshot() == before_all, f"POST {url} by {state} changed enquiries"


@pytest.mark.parametrize(
    ("name", "state"), SENSITIVE_CELLS, ids=[f"{n}-{s}" for n, s in SENSITIVE_CELLS]
)
def test_sensitive_enquiry_matrix(world, shared_client, name, state):
    scene = make_scene(world, name, sensitive=True)
    person = person_in_state(scene, state)
    client = shared_client
    login(client, person)
    url = url_for(name, scene)
    expected = SENSITIVE_GET_EXPECTED[name][STATES.index(state)]

    response = client.get(url)
    assert_outcome(response, expected, method="GET")
    body = body_of(response)
    for secret in secrets_for(scene, state, sensitive=True):
        assert secret not in body, f"GET {url} shows {secret!r} to {state}"
    if expected == NF:
        assert_refusal_like_missing(client, name, scene, body, url)
    if expected == OK and name == "attachment_download":
        assert body.startswith("%PDF-")


LIST_PAGES = [
    reverse("enquiries:my_enquiries"),
    reverse("enquiries:triage_queue") + "?tab=open",
    reverse("enquiries:service_queue"),
    reverse("enquiries:performance"),
    reverse("notifications:list"),
]


@pytest.mark.parametrize("state", STATES)
def test_sensitive_enquiry_stays_off_list_pages(world, shared_client, state):
    """The lists a person can open never show a sensitive enquiry they may not see, although
    it is routed to their service and open."""
    scene = make_scene(world, sensitive=True)
    person = person_in_state(scene, state)
    login(shared_client, person)
    secrets = secrets_for(scene, state, sensitive=True)
    for url in LIST_PAGES:
        response = shared_client.get(url)
        body = body_of(response)
        for secret in secrets:
            assert secret not in body, f"GET {url} shows {secret!r} to {state}"

"""Every casework URL, for every person in every state that matters, as a matrix (issue 2 item
10): the owner, an active and a revoked delegate, a ward colleague before sharing, while the
case is shared and after the share was revoked, a councillor of another ward and group, a
non-aligned councillor, an MP, the whip, officers, democratic services, an administrator and
someone not signed in.

The expected outcomes are written out as data below (GET_EXPECTED, POST_EXPECTED) so a reviewer
can read the policy at a glance. Each cell is checked on a fresh world. A refused request must
also leave the councillor's casework unchanged, and no response to someone who may not see the
records names them (case title or reference, constituent surname, note, file name).

test_permissions_matrix.py covers the permission functions themselves."""

import re
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.tests.factories import CouncillorFactory
from councillor_hub.casework import urls as casework_urls
from councillor_hub.casework.models import (
    Attachment,
    Case,
    CaseConstituent,
    CaseShare,
    ConsentRecord,
    Constituent,
    DelegateGrant,
    EntryKind,
    Status,
    TimelineEntry,
)
from councillor_hub.casework.services.cases import timeline_entry_add
from councillor_hub.casework.services.sharing import delegate_revoke
from councillor_hub.conftest import refreshed

from .factories import CaseFactory, CaseShareFactory, ConstituentFactory

# Outcomes of a GET
OK = 200  # the page
RD = 302  # a redirect elsewhere (timeline_add -> the case page; dashboard -> home page)
NF = 404  # not found: the record's existence does not leak
NA = 405  # method not allowed (POST-only views)
IN = "sign-in"  # redirect to the sign-in page

# Outcomes of a POST (NF, NA and IN as above, and the casework must be unchanged)
DO = "done"  # redirect, and the change to the councillor's casework happened
OW = "own"  # redirect, but the person acted on their OWN casework; the councillor's unchanged
RF = "refused"  # 200: the form comes back with an error; nothing changed

# Person states, in column order.
STATES = [
    "owner",  # own: world.councillor, whose casework this is
    "delegate",  # dlg: active delegate grant from the owner
    "delegate_revoked",  # dlX: that grant revoked
    "colleague",  # col: ward colleague, case not shared
    "colleague_shared",  # coS: ward colleague, case shared with them
    "colleague_unshared",  # coX: ward colleague, share revoked
    "other",  # oth: councillor of another ward and group
    "independent",  # ind: non-aligned councillor of another ward
    "mp",  # mp: an MP (keeps casework of their own)
    "whip",  # whp: group whip (a councillor of another ward, same group)
    "support",  # sup: member support officer with no delegate grant
    "highways_officer",  # hwy: service officer
    "manager",  # mgr: service manager
    "democratic",  # dem: democratic services officer
    "admin",  # adm: administrator (superuser)
    "anonymous",  # anon: not signed in
]

# fmt: off
GET_EXPECTED = {
    #                         own dlg dlX col coS coX oth ind mp  whp sup hwy mgr dem adm anon
    "dashboard":             [OK, OK, RD, OK, OK, OK, OK, OK, OK, OK, RD, RD, RD, RD, RD, IN],
    "case_list":             [OK, OK, NF, OK, OK, OK, OK, OK, OK, OK, NF, NF, NF, NF, NF, IN],
    "patterns":              [OK, OK, NF, OK, OK, OK, OK, OK, OK, OK, NF, NF, NF, NF, NF, IN],
    "case_create":           [OK, OK, NF, OK, OK, OK, OK, OK, OK, OK, NF, NF, NF, NF, NF, IN],
    "case_detail":           [OK, OK, NF, NF, OK, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "case_edit":             [OK, OK, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "case_status":           [OK, OK, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "timeline_add":          [RD, RD, NF, NF, RD, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "attachment_download":   [OK, OK, NF, NF, OK, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "case_constituent_add":  [OK, OK, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "case_constituent_remove": [OK, OK, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "case_link_add":         [OK, OK, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "case_history":          [OK, OK, NF, NF, OK, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "case_sharing":          [OK, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "case_share_revoke":     [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "access_settings":       [OK, NF, NF, OK, OK, OK, OK, OK, OK, OK, NF, NF, NF, NF, NF, IN],
    "delegate_revoke":       [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "access_log":            [OK, NF, NF, OK, OK, OK, OK, OK, OK, OK, NF, NF, NF, NF, NF, IN],
    "constituent_list":      [OK, OK, NF, OK, OK, OK, OK, OK, OK, OK, NF, NF, NF, NF, NF, IN],
    "constituent_create":    [OK, OK, NF, OK, OK, OK, OK, OK, OK, OK, NF, NF, NF, NF, NF, IN],
    "constituent_detail":    [OK, OK, NF, NF, OK, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "constituent_history":   [OK, OK, NF, NF, OK, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "constituent_edit":      [OK, OK, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "consent_add":           [OK, OK, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "constituent_merge":     [OK, OK, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
}

POST_EXPECTED = {
    #                         own dlg dlX col coS coX oth ind mp  whp sup hwy mgr dem adm anon
    "dashboard":             [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "case_list":             [NA, NA, NF, NA, NA, NA, NA, NA, NA, NA, NF, NF, NF, NF, NF, IN],
    "patterns":              [NA, NA, NF, NA, NA, NA, NA, NA, NA, NA, NF, NF, NF, NF, NF, IN],
    "case_create":           [DO, DO, NF, RF, RF, RF, RF, RF, RF, RF, NF, NF, NF, NF, NF, IN],
    "case_detail":           [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "case_edit":             [DO, DO, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "case_status":           [DO, DO, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "timeline_add":          [DO, DO, NF, NF, DO, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "attachment_download":   [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "case_constituent_add":  [DO, DO, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "case_constituent_remove": [DO, DO, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "case_link_add":         [DO, DO, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "case_history":          [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "case_sharing":          [DO, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "case_share_revoke":     [DO, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "access_settings":       [DO, NF, NF, OW, OW, OW, OW, OW, OW, OW, NF, NF, NF, NF, NF, IN],
    "delegate_revoke":       [DO, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "access_log":            [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "constituent_list":      [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "constituent_create":    [DO, DO, NF, OW, OW, OW, OW, OW, OW, OW, NF, NF, NF, NF, NF, IN],
    "constituent_detail":    [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "constituent_history":   [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "constituent_edit":      [DO, DO, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "consent_add":           [DO, DO, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "constituent_merge":     [DO, DO, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
}
# fmt: on

# Distinctive words, so a leak is easy to spot in a response body.
CASE_TITLE = "Quillfeather drainage complaint"
SECOND_CASE_TITLE = "Ravensworth streetlight outage"
SURNAME = "Thistlewaite-Oduya"
SPARE_SURNAME = "Pemberton-Quaye"
NOTE = "Persimmon-Kestrel private note"
FILE_NAME = "kestrel-evidence.pdf"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

NEW_CASE_TITLE = "Opened from the permission matrix"
EDITED_TITLE = "Edited by the permission matrix"
NEW_SURNAME = "Matrixborne"
EDITED_SURNAME = "Matrixworth"
MATRIX_NOTE = "Logged by the permission matrix"


@dataclass
class Scene:
    world: object
    case: Case  # the councillor's case: one constituent, a note and an attachment
    second_case: Case  # another of the councillor's cases, to link to
    constituent: Constituent  # on the case
    spare: Constituent  # the councillor's, on no case: to add to the case or merge
    attachment: Attachment
    grant: DelegateGrant  # the councillor's grant to world.delegate
    bystander_share: CaseShare  # an active share with another ward colleague, to revoke


@pytest.fixture(scope="module")
def module_scene(module_world, django_db_blocker) -> Scene:
    """Built once for the module; each test works in a savepoint on fresh copies (`scene`)."""
    with django_db_blocker.unblock():
        return build_scene(module_world)


@pytest.fixture
def scene(module_scene, db) -> Scene:
    return refreshed(module_scene)


def build_scene(world) -> Scene:
    councillor = world.councillor
    constituent = ConstituentFactory(owner=councillor, last_name=SURNAME)
    spare = ConstituentFactory(owner=councillor, first_name="Spare", last_name=SPARE_SURNAME)
    case = CaseFactory(
        owner=councillor,
        title=CASE_TITLE,
        category=world.highways,
        ward=world.ward_a,
        constituents=[constituent],
    )
    second_case = CaseFactory(owner=councillor, title=SECOND_CASE_TITLE, category=world.highways)
    timeline_entry_add(actor=councillor, case=case, kind=EntryKind.NOTE, body=NOTE)
    entry = timeline_entry_add(
        actor=councillor,
        case=case,
        kind=EntryKind.LETTER_IN,
        body="",
        upload=SimpleUploadedFile(FILE_NAME, PDF, content_type="application/pdf"),
    )
    bystander = CouncillorFactory(
        email="bystander@demo.test",
        profile__ward=world.ward_a,
        profile__political_group=world.group_red,
    )
    return Scene(
        world=world,
        case=case,
        second_case=second_case,
        constituent=constituent,
        spare=spare,
        attachment=Attachment.unrestricted.get(entry=entry),
        grant=DelegateGrant.unrestricted.get(councillor=councillor, delegate=world.delegate),
        bystander_share=CaseShareFactory(case=case, colleague=bystander),
    )


def person_in_state(scene: Scene, state: str):
    """The person for a column, after whatever the state's name describes. None = anonymous."""
    world = scene.world
    if state == "anonymous":
        return None
    if state == "owner":
        return world.councillor
    if state == "delegate_revoked":
        delegate_revoke(actor=world.councillor, grant=scene.grant)
        return world.delegate
    if state == "colleague_shared":
        CaseShareFactory(case=scene.case, colleague=world.colleague)
        return world.colleague
    if state == "colleague_unshared":
        CaseShareFactory(
            case=scene.case,
            colleague=world.colleague,
            revoked_at=timezone.now(),
            revoked_by=world.councillor,
        )
        return world.colleague
    return getattr(world, state)


def secrets_for(scene: Scene, state: str) -> list[str]:
    """What must not appear in any response to this person."""
    if state in ("owner", "delegate"):
        return []
    hidden_from_shared_colleague = [
        SECOND_CASE_TITLE,
        scene.second_case.reference,
        SPARE_SURNAME,
    ]
    if state == "colleague_shared":
        return hidden_from_shared_colleague
    return [CASE_TITLE, scene.case.reference, SURNAME, NOTE, FILE_NAME] + (
        hidden_from_shared_colleague
    )


MISSING_REFERENCE = "CW-1999-99999"
MISSING_PK = 2_000_000_000


def url_for(name: str, scene: Scene, *, missing: bool = False) -> str:
    """The URL for `name` addressing the scene's records, or (missing=True) records that do not
    exist, to compare a refusal with a plain "not found"."""
    case = MISSING_REFERENCE if missing else scene.case.reference

    def pk(obj) -> int:
        return MISSING_PK if missing else obj.pk

    kwargs = {
        "case_detail": {"reference": case},
        "case_edit": {"reference": case},
        "case_status": {"reference": case},
        "timeline_add": {"reference": case},
        "attachment_download": {"reference": case, "pk": pk(scene.attachment)},
        "case_constituent_add": {"reference": case},
        "case_constituent_remove": {"reference": case, "pk": pk(scene.constituent)},
        "case_link_add": {"reference": case},
        "case_history": {"reference": case},
        "case_sharing": {"reference": case},
        "case_share_revoke": {"reference": case, "pk": pk(scene.bystander_share)},
        "delegate_revoke": {"pk": pk(scene.grant)},
        "constituent_detail": {"pk": pk(scene.constituent)},
        "constituent_history": {"pk": pk(scene.constituent)},
        "constituent_edit": {"pk": pk(scene.constituent)},
        "consent_add": {"pk": pk(scene.constituent)},
        "constituent_merge": {"pk": pk(scene.constituent)},
    }.get(name, {})
    return reverse(f"casework:{name}", kwargs=kwargs)


def _constituent_fields(constituent: Constituent, **changes) -> dict:
    data = {
        name: getattr(constituent, name)
        for name in [
            "title",
            "first_name",
            "last_name",
            "address_line_1",
            "address_line_2",
            "town",
            "postcode",
            "email",
            "phone",
            "preferred_contact",
            "accessibility_needs",
            "vulnerability_note",
        ]
    }
    data["ward"] = constituent.ward_id or ""
    return {**data, **changes}


def post_data(name: str, scene: Scene) -> dict:
    """A valid payload for each state-changing view (empty for the rest)."""
    world = scene.world
    case_details = {
        "category": world.highways.pk,
        "ward": world.ward_a.pk,
        "description": "",
        "location": "",
        "postcode": "",
        "channel": "email",
        "priority": "normal",
        "follow_up_date": "",
        "tags": "",
        "lawful_basis": "constituent_request",
        "special_category_condition": "",
    }
    payloads = {
        "case_create": {**case_details, "owner": world.councillor.pk, "title": NEW_CASE_TITLE},
        "case_edit": {**case_details, "title": EDITED_TITLE},
        "case_status": {"status": Status.AWAITING_COUNCIL, "outcome": "", "note": ""},
        "timeline_add": {"kind": EntryKind.NOTE, "body": MATRIX_NOTE, "occurred_on": ""},
        "case_constituent_add": {"constituent": scene.spare.pk},
        "case_link_add": {"reference": scene.second_case.reference},
        "case_sharing": {
            "colleague": world.colleague.pk,
            "consent_method": "verbal",
            "consent_confirmed": "on",
        },
        "access_settings": {"delegate": world.support.pk},
        "constituent_create": {
            "owner": world.councillor.pk,
            "first_name": "Matrix",
            "last_name": NEW_SURNAME,
            "preferred_contact": "email",
        },
        "constituent_edit": _constituent_fields(scene.constituent, last_name=EDITED_SURNAME),
        "consent_add": {"purpose": "casework", "given": "yes", "method": "verbal"},
        "constituent_merge": {"other": scene.spare.pk},
    }
    return payloads.get(name, {})


def councillor_casework(scene: Scene) -> dict:
    """A snapshot of everything in the councillor's casework a POST could change."""
    owner = scene.world.councillor
    case = Case.unrestricted.get(pk=scene.case.pk)
    return {
        "cases": list(
            Case.unrestricted.filter(owner=owner).order_by("pk").values_list("pk", "title")
        ),
        "case": (case.title, case.status, case.outcome),
        "constituents": list(
            Constituent.unrestricted.filter(owner=owner)
            .order_by("pk")
            .values_list("pk", "last_name")
        ),
        "case_constituents": list(
            CaseConstituent.unrestricted.filter(case__owner=owner)
            .order_by("pk")
            .values_list("case_id", "constituent_id")
        ),
        "related": sorted(case.related_cases.values_list("pk", flat=True)),
        "timeline": list(
            TimelineEntry.unrestricted.filter(case__owner=owner)
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
        "consents": ConsentRecord.unrestricted.filter(constituent__owner=owner).count(),
        "shares": list(
            CaseShare.unrestricted.filter(case__owner=owner)
            .order_by("pk")
            .values_list("pk", "colleague_id", "revoked_at")
        ),
        "grants": list(
            DelegateGrant.unrestricted.filter(councillor=owner)
            .order_by("pk")
            .values_list("pk", "delegate_id", "revoked_at")
        ),
    }


def assert_done(name: str, scene: Scene, person) -> None:
    """The change each state-changing view makes, when an allowed person posts."""
    world = scene.world
    case = Case.unrestricted.get(pk=scene.case.pk)
    if name == "case_create":
        assert Case.unrestricted.filter(owner=world.councillor, title=NEW_CASE_TITLE).exists()
    elif name == "case_edit":
        assert case.title == EDITED_TITLE
    elif name == "case_status":
        assert case.status == Status.AWAITING_COUNCIL
        assert TimelineEntry.unrestricted.filter(
            case=case, kind=EntryKind.STATUS_CHANGE, author=person
        ).exists()
    elif name == "timeline_add":
        assert TimelineEntry.unrestricted.filter(
            case=case, body=MATRIX_NOTE, author=person
        ).exists()
    elif name == "case_constituent_add":
        assert case.constituents.filter(pk=scene.spare.pk).exists()
    elif name == "case_constituent_remove":
        assert not case.constituents.filter(pk=scene.constituent.pk).exists()
    elif name == "case_link_add":
        assert case.related_cases.filter(pk=scene.second_case.pk).exists()
    elif name == "case_sharing":
        assert CaseShare.unrestricted.filter(
            case=case, colleague=world.colleague, revoked_at__isnull=True
        ).exists()
    elif name == "case_share_revoke":
        scene.bystander_share.refresh_from_db()
        assert scene.bystander_share.revoked_at is not None
    elif name == "access_settings":
        assert DelegateGrant.unrestricted.filter(
            councillor=world.councillor, delegate=world.support, revoked_at__isnull=True
        ).exists()
    elif name == "delegate_revoke":
        scene.grant.refresh_from_db()
        assert scene.grant.revoked_at is not None
    elif name == "constituent_create":
        assert Constituent.unrestricted.filter(
            owner=world.councillor, last_name=NEW_SURNAME
        ).exists()
    elif name == "constituent_edit":
        scene.constituent.refresh_from_db()
        assert scene.constituent.last_name == EDITED_SURNAME
    elif name == "consent_add":
        assert ConsentRecord.unrestricted.filter(
            constituent=scene.constituent, recorded_by=person
        ).exists()
    elif name == "constituent_merge":
        assert not Constituent.unrestricted.filter(pk=scene.spare.pk).exists()
    else:
        raise AssertionError(f"No change defined for {name}")


def assert_own_casework_changed(name: str, person) -> None:
    """OW: the person's own casework got the change instead."""
    if name == "access_settings":
        assert DelegateGrant.unrestricted.filter(
            councillor=person, delegate__email="support@demo.test", revoked_at__isnull=True
        ).exists()
    elif name == "constituent_create":
        assert Constituent.unrestricted.filter(owner=person, last_name=NEW_SURNAME).exists()
    else:
        raise AssertionError(f"No own change defined for {name}")


def comparable(body: str, url: str) -> str:
    """A page body without what differs from request to request: the CSRF token and the
    address itself."""
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body)
    return body.replace(url, "<url>")


def body_of(response) -> str:
    if getattr(response, "streaming", False):
        # Reading to the end closes the file (the test client wraps the iterator). Calling
        # response.close() again would fire request_finished and drop the test's database
        # connection on PostgreSQL.
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
    elif expected == RF:
        assert response.status_code == 200, where
        assert response.context["form"].errors, "expected the form to come back with an error"
    else:
        assert response.status_code == expected, where


CELLS = [(name, state) for name in GET_EXPECTED for state in STATES]


@pytest.fixture(scope="module")
def shared_client() -> Client:
    """One test client for the module: each new client loads the middleware afresh (WhiteNoise
    then rescans the static files), which would double the matrix's run time. Its cookies are
    cleared for every cell, so no session carries over."""
    return Client()


def test_tables_cover_every_casework_url_and_every_state():
    url_names = {pattern.name for pattern in casework_urls.urlpatterns}
    assert set(GET_EXPECTED) == url_names
    assert set(POST_EXPECTED) == url_names
    assert all(len(row) == len(STATES) for row in GET_EXPECTED.values())
    assert all(len(row) == len(STATES) for row in POST_EXPECTED.values())


@pytest.mark.parametrize(("name", "state"), CELLS, ids=[f"{n}-{s}" for n, s in CELLS])
def test_url_permission_matrix(scene, shared_client, name, state):
    person = person_in_state(scene, state)
    client = shared_client
    client.cookies.clear()
    if person is not None:
        client.force_login(
            person, backend="councillor_hub.accounts.backends.UserWithProfileBackend"
        )
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
    if get_expected == NF and url != url_for(name, scene, missing=True):
        # A record the person may not reach looks exactly like one that does not exist.
        missing_url = url_for(name, scene, missing=True)
        missing = client.get(missing_url)
        assert missing.status_code == 404
        assert comparable(body, url) == comparable(body_of(missing), missing_url)
    if get_expected == OK and name == "attachment_download":
        assert body.startswith("%PDF-")
        assert "attachment" in response["Content-Disposition"]

    # POST
    before = councillor_casework(scene)
    response = client.post(url, post_data(name, scene))
    post_expected = POST_EXPECTED[name][column]
    assert_outcome(response, post_expected, method="POST")
    body = body_of(response)
    for secret in secrets:
        assert secret not in body, f"POST {url} shows {secret!r} to {state}"
    after = councillor_casework(scene)
    if post_expected == DO:
        assert_done(name, scene, person)
        assert after != before
    else:
        assert after == before, f"POST {url} by {state} changed the councillor's casework"
        if post_expected == OW:
            assert_own_casework_changed(name, person)

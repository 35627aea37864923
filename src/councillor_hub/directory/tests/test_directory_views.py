"""The directory pages: the search box (officers, teams, who handles what), an officer's page
(a leaver shows "No longer works here" and no contact details), the organisation as nested
lists, a unit's page, "who handles what" A to Z, and the manage pages. Query counts of the
list pages do not grow with rows."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.directory import selectors
from councillor_hub.directory.models import Officer, OrgUnit, PartnerKind, Topic, UnitKind
from councillor_hub.directory.services import officer_deactivate

from .factories import OfficerFactory, OrgUnitFactory, PartnerFactory, TopicFactory

HOME = reverse("directory:home")


@pytest.fixture
def org(world):
    place = OrgUnitFactory(
        name="Place", kind=UnitKind.DIRECTORATE, email="place@council.example.org"
    )
    highways = OrgUnitFactory(
        name="Highways", kind=UnitKind.SERVICE, parent=place, service_area=world.highways
    )
    lighting = OrgUnitFactory(
        name="Street lighting",
        kind=UnitKind.TEAM,
        parent=highways,
        email="lighting@council.example.org",
        phone="01632 960100",
    )
    people = OrgUnitFactory(name="People", kind=UnitKind.DIRECTORATE)
    closed = OrgUnitFactory(name="Old depot", kind=UnitKind.TEAM, parent=highways, is_active=False)
    amy = OfficerFactory(
        full_name="Amy Adams",
        job_title="Lighting engineer",
        unit=lighting,
        email="amy.adams@council.example.org",
        phone="01632 960001",
        out_of_hours_phone="07700 900001",
        out_of_hours_note="Emergencies only: dangerous columns",
    )
    ben = OfficerFactory(full_name="Ben Brown", job_title="Head of highways", unit=highways)
    left = OfficerFactory(
        full_name="Lena Leaver",
        job_title="Lighting inspector",
        unit=lighting,
        email="lena@council.example.org",
        phone="01632 960999",
    )
    officer_deactivate(actor=world.democratic, officer=left)
    police = PartnerFactory(
        name="Demoshire Police",
        kind=PartnerKind.POLICE,
        contact_name="Neighbourhood desk",
        email="police@example.org",
        phone="01632 960555",
    )
    lights = TopicFactory(
        name="Street lights",
        keywords="lamp posts, dark streets",
        unit=lighting,
        advice="Give the column number.",
    )
    asb = TopicFactory(name="Anti-social behaviour", unit=None, partner=police, advice="Call 101.")
    return {
        "place": place,
        "highways": highways,
        "lighting": lighting,
        "people": people,
        "closed": closed,
        "amy": amy,
        "ben": ben,
        "left": left,
        "police": police,
        "lights": lights,
        "asb": asb,
    }


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


# ------------------------------------------------------------------------------ search
def test_search_page_without_a_query_shows_the_box_and_links(world, client_for, org):
    html = html_of(client_for(world.councillor).get(HOME))
    assert 'name="q"' in html
    assert reverse("directory:unit_list") in html
    assert reverse("directory:topic_list") in html
    assert 'id="results-heading"' not in html
    assert "Manage the directory" not in html


def test_search_groups_officers_teams_and_topics(world, client_for, org):
    html = html_of(client_for(world.councillor).get(HOME, {"q": "lighting"}))
    assert 'id="officers"' in html and 'id="units"' in html and 'id="topics"' in html
    assert f'data-officer="{org["amy"].pk}"' in html  # job title and team match
    assert f'data-unit="{org["lighting"].pk}"' in html
    # The team's path is shown with each officer.
    assert re.search(r"Place</a>.*Highways</a>.*Street lighting</a>", html, re.S)
    # A leaver is not a search result.
    assert f'data-officer="{org["left"].pk}"' not in html


@pytest.mark.parametrize("use_shared", [True, False])
def test_search_ignores_word_order_and_case(world, org, use_shared):
    for q in ["amy adams", "ADAMS amy", "engineer lighting", "street lighting amy"]:
        results = selectors.directory_search(q, user=world.councillor, use_shared=use_shared)
        assert [o.pk for o in results.officers] == [org["amy"].pk], q


@pytest.mark.parametrize("use_shared", [True, False])
def test_search_finds_topics_by_keyword_and_who_handles_them(world, org, use_shared):
    results = selectors.directory_search("lamp posts", user=world.councillor, use_shared=use_shared)
    assert [t.pk for t in results.topics] == [org["lights"].pk]
    results = selectors.directory_search("behaviour", user=world.councillor, use_shared=use_shared)
    assert [t.pk for t in results.topics] == [org["asb"].pk]


def test_plain_officer_search_matches_the_topics_their_team_handles(org):
    assert list(selectors.officer_search("lamp")) == [org["amy"]]
    assert list(selectors.officer_search("service highways head")) == []
    assert list(selectors.officer_search("head highways")) == [org["ben"]]
    assert list(selectors.officer_search("leaver")) == []
    assert list(selectors.officer_search("leaver", include_inactive=True)) == [org["left"]]


def test_plain_search_puts_name_matches_first(world, org):
    OfficerFactory(full_name="Zed Zebra", job_title="Amy's assistant", unit=org["lighting"])
    names = [o.full_name for o in selectors.officer_search("amy")]
    assert names == ["Amy Adams", "Zed Zebra"]


def test_search_tolerates_typos_through_the_shared_index(world, org):
    results = selectors.directory_search("hihgways", user=world.councillor)
    assert org["highways"] in results.units
    assert results.corrected_query == "highways"


def test_search_for_nothing_that_matches(world, client_for, org):
    html = html_of(client_for(world.councillor).get(HOME, {"q": "zzzzqqq"}))
    assert "No results for “zzzzqqq”" in html


def test_search_shows_how_many_officers_match_beyond_the_limit(world, org, settings):
    team = org["lighting"]
    for n in range(selectors.RESULT_LIMIT + 3):
        OfficerFactory(full_name=f"Sam Same{n}", job_title="Clerk", unit=team)
    results = selectors.directory_search("sam", user=world.councillor, use_shared=False)
    assert len(results.officers) == selectors.RESULT_LIMIT
    assert results.more_officers == 3


# ------------------------------------------------------------------------- officers
def test_officer_page_shows_job_title_team_path_and_contacts(world, client_for, org):
    html = html_of(
        client_for(world.councillor).get(reverse("directory:officer_detail", args=[org["amy"].pk]))
    )
    for text in [
        "Amy Adams",
        "Lighting engineer",
        "amy.adams@council.example.org",
        "01632 960001",
        "07700 900001",
        "Emergencies only: dangerous columns",
        "Street lights",  # what the team handles
    ]:
        assert text in html
    assert re.search(r"Place</a>.*Highways</a>.*Street lighting</a>", html, re.S)
    assert "No longer works here" not in html
    assert reverse("directory:officer_update", args=[org["amy"].pk]) not in html


def test_a_leaver_shows_no_longer_works_here_and_no_contact_details(world, client_for, org):
    html = html_of(
        client_for(world.councillor).get(reverse("directory:officer_detail", args=[org["left"].pk]))
    )
    assert "Lena Leaver" in html
    assert "No longer works here" in html
    assert "lena@council.example.org" not in html
    assert "01632 960999" not in html
    assert "mailto:" not in html.split("<main")[1].split("</main>")[0]


def test_managers_see_a_change_link(world, client_for, org):
    html = html_of(
        client_for(world.democratic).get(reverse("directory:officer_detail", args=[org["amy"].pk]))
    )
    assert reverse("directory:officer_update", args=[org["amy"].pk]) in html


def test_unknown_officer_is_404(world, client_for, org):
    response = client_for(world.councillor).get(reverse("directory:officer_detail", args=[999999]))
    assert response.status_code == 404


# ---------------------------------------------------------------------- organisation
def test_organisation_is_nested_lists_without_closed_units(world, client_for, org):
    html = html_of(client_for(world.councillor).get(reverse("directory:unit_list")))
    place = html.index(f'id="unit-{org["place"].pk}"')
    highways = html.index(f'data-unit="{org["highways"].pk}"')
    lighting = html.index(f'data-unit="{org["lighting"].pk}"')
    people = html.index(f'id="unit-{org["people"].pk}"')
    assert people < place < highways < lighting  # by name, each directorate then its parts
    # Street lighting is inside Highways' list item.
    highways_item = html[highways : html.index("</li>", lighting)]
    assert "<ul" in highways_item and "Street lighting" in highways_item
    assert "Old depot" not in html
    assert "1 officer" in html  # Amy in Street lighting (the leaver is not counted)


def test_managers_see_closed_units_tagged(world, client_for, org):
    html = html_of(client_for(world.admin).get(reverse("directory:unit_list")))
    assert "Old depot" in html and "Closed" in html


def test_unit_page_lists_people_sub_units_and_topics(world, client_for, org):
    client = client_for(world.councillor)
    html = html_of(client.get(reverse("directory:unit_detail", args=[org["highways"].pk])))
    assert "Ben Brown" in html and "Head of highways" in html
    assert "Street lighting" in html
    assert "Old depot" not in html
    assert "Highways" in html and "Enquiry category" in html
    html = html_of(client.get(reverse("directory:unit_detail", args=[org["lighting"].pk])))
    assert "Amy Adams" in html and "Street lights" in html
    assert "Lena Leaver" not in html
    assert "lighting@council.example.org" in html


def test_closed_units_are_404_except_for_managers(world, client_for, org):
    url = reverse("directory:unit_detail", args=[org["closed"].pk])
    assert client_for(world.councillor).get(url).status_code == 404
    assert "no longer exists" in html_of(client_for(world.democratic).get(url))


def test_managers_see_former_officers_of_a_unit(world, client_for, org):
    url = reverse("directory:unit_detail", args=[org["lighting"].pk])
    html = html_of(client_for(world.democratic).get(url))
    assert "Former officers (1)" in html and "Lena Leaver" in html


# ---------------------------------------------------------------------- who handles what
def test_who_handles_what_a_to_z(world, client_for, org):
    html = html_of(client_for(world.councillor).get(reverse("directory:topic_list")))
    assert html.index('id="letter-a"') < html.index('id="letter-s"')
    asb = html[html.index(f'id="topic-{org["asb"].pk}"') :]
    asb = asb[: asb.index('govuk-summary-card"')] if 'govuk-summary-card"' in asb else asb
    assert "Demoshire Police" in asb and "Police" in asb
    assert "Neighbourhood desk" in asb and "police@example.org" in asb and "Call 101." in asb
    lights = html[html.index(f'id="topic-{org["lights"].pk}"') :]
    assert "Street lighting</a>" in lights
    assert "lighting@council.example.org" in lights and "01632 960100" in lights
    assert "Give the column number." in lights
    assert reverse("directory:topic_update", args=[org["lights"].pk]) not in html


def test_topic_url_points_at_its_card(org):
    assert org["lights"].get_absolute_url().endswith(f"#topic-{org['lights'].pk}")


# -------------------------------------------------------------------------- managing
def test_manage_links_only_for_content_managers(world, client_for, org):
    assert "Manage the directory" in html_of(client_for(world.democratic).get(HOME))
    assert "Manage the directory" in html_of(client_for(world.admin).get(HOME))
    assert "Manage the directory" not in html_of(client_for(world.support).get(HOME))


def test_add_an_officer(world, client_for, org):
    client = client_for(world.democratic)
    url = reverse("directory:officer_create")
    html = html_of(client.get(url))
    assert "Place &gt; Highways &gt; Street lighting" in html
    assert "Old depot" not in html  # closed units are not offered
    response = client.post(
        url,
        {
            "full_name": "  Nina New ",
            "job_title": "Clerk",
            "unit": org["lighting"].pk,
            "email": "nina@council.example.org",
            "staff_number": "",
        },
    )
    nina = Officer.objects.get(full_name="Nina New")
    assert response.status_code == 302 and response["Location"] == nina.get_absolute_url()
    assert nina.staff_number is None and nina.unit == org["lighting"]
    event = AuditEvent.objects.get(action=Action.CREATE, object_id=str(nina.pk))
    assert event.object_label == f"officer #{nina.pk}"
    assert nina.history.get().history_user == world.democratic


def test_officer_form_errors_keep_what_was_typed(world, client_for, org):
    response = client_for(world.democratic).post(
        reverse("directory:officer_create"),
        {"full_name": "Typed Name", "job_title": "", "unit": "", "email": "nope"},
    )
    html = html_of(response)
    assert "<title>Error:" in html
    assert "Enter the officer&#x27;s job title" in html or "Enter the officer's job title" in html
    assert "Select the officer&#x27;s team" in html or "Select the officer's team" in html
    assert "Enter an email address in the correct format" in html
    assert 'value="Typed Name"' in html
    assert not Officer.objects.filter(full_name="Typed Name").exists()


def test_mark_an_officer_as_left_and_back(world, client_for, org):
    client = client_for(world.democratic)
    amy = org["amy"]
    url = reverse("directory:officer_update", args=[amy.pk])
    data = {
        "full_name": amy.full_name,
        "job_title": amy.job_title,
        "unit": amy.unit_id,
        "email": amy.email,
        "phone": amy.phone,
        "out_of_hours_phone": amy.out_of_hours_phone,
        "out_of_hours_note": amy.out_of_hours_note,
        "staff_number": amy.staff_number,
        "has_left": "on",
    }
    assert client.post(url, data).status_code == 302
    amy.refresh_from_db()
    assert amy.is_active is False and amy.deactivated_at is not None
    assert Officer.objects.filter(pk=amy.pk).exists()
    assert re.search(r'<input[^>]*name="has_left"[^>]*checked', html_of(client.get(url)))
    data.pop("has_left")
    client.post(url, data)
    amy.refresh_from_db()
    assert amy.is_active and amy.deactivated_at is None


def test_a_unit_cannot_be_inside_itself(world, client_for, org):
    client = client_for(world.democratic)
    highways = org["highways"]
    url = reverse("directory:unit_update", args=[highways.pk])
    for parent in [highways, org["lighting"]]:
        response = client.post(url, {"name": "Highways", "kind": "service", "parent": parent.pk})
        html = html_of(response)
        assert "A unit cannot be inside itself or inside one of its own services or teams" in html
        assert "<title>Error:" in html
    highways.refresh_from_db()
    assert highways.parent == org["place"]


def test_move_and_close_a_unit(world, client_for, org):
    client = client_for(world.admin)
    url = reverse("directory:unit_update", args=[org["lighting"].pk])
    response = client.post(
        url,
        {"name": "Street lighting", "kind": "team", "parent": org["people"].pk, "is_closed": "on"},
    )
    assert response.status_code == 302
    lighting = OrgUnit.objects.get(pk=org["lighting"].pk)
    assert lighting.parent == org["people"] and not lighting.is_active
    assert lighting.history.first().history_user == world.admin


def test_add_a_unit_and_a_topic(world, client_for, org):
    client = client_for(world.democratic)
    response = client.post(
        reverse("directory:unit_create"),
        {"name": "Potholes team", "kind": "team", "parent": org["highways"].pk},
    )
    team = OrgUnit.objects.get(name="Potholes team")
    assert response["Location"] == team.get_absolute_url()
    response = client.post(
        reverse("directory:topic_create"),
        {"name": "Potholes", "keywords": "road defects", "unit": team.pk, "advice": "Photos help."},
    )
    topic = Topic.objects.get(name="Potholes")
    assert response["Location"] == topic.get_absolute_url()
    assert topic.unit == team


def test_a_topic_needs_a_team_or_an_outside_body(world, client_for, org):
    response = client_for(world.democratic).post(
        reverse("directory:topic_create"), {"name": "Bins"}
    )
    assert "Select the council team or the outside body that handles this" in html_of(response)
    assert not Topic.objects.filter(name="Bins").exists()


def test_change_a_topic_to_an_outside_body(world, client_for, org):
    url = reverse("directory:topic_update", args=[org["lights"].pk])
    client = client_for(world.democratic)
    assert 'value="Street lights"' in html_of(client.get(url))
    response = client.post(url, {"name": "Street lights", "partner": org["police"].pk})
    assert response.status_code == 302
    topic = Topic.objects.get(pk=org["lights"].pk)
    assert topic.unit is None and topic.partner == org["police"]


# ---------------------------------------------------------------------- query counts
def _grow(org, numbers) -> None:
    for i in numbers:
        team = OrgUnitFactory(name=f"Team {i}", kind=UnitKind.TEAM, parent=org["highways"])
        OfficerFactory(full_name=f"Sam Searchable{i}", job_title="Clerk", unit=team)
        TopicFactory(name=f"Searchable topic {i}", unit=team, partner=PartnerFactory())


@pytest.mark.parametrize("use_shared", [True, False])
def test_search_page_queries_do_not_grow_with_rows(world, client_for, org, monkeypatch, use_shared):
    if not use_shared:
        monkeypatch.setattr(selectors, "_shared_search", lambda: None)
    client = client_for(world.councillor)

    def count() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as context:
            html = html_of(client.get(HOME, {"q": "searchable"}))
        return len(context.captured_queries), html

    _grow(org, range(3))
    few, html = count()
    assert html.count("data-officer=") == 3 and html.count("data-topic=") == 3
    _grow(org, range(3, 28))
    many, html = count()
    assert html.count("data-officer=") == 28 and html.count("data-topic=") == 28
    assert many <= few


@pytest.mark.parametrize(
    "url_name", ["directory:unit_list", "directory:topic_list", "directory:unit_detail"]
)
def test_list_pages_queries_do_not_grow_with_rows(
    world, client_for, org, url_name, django_assert_max_num_queries
):
    client = client_for(world.democratic)
    args = [org["highways"].pk] if url_name == "directory:unit_detail" else []

    def count() -> int:
        with CaptureQueriesContext(connection) as context:
            html_of(client.get(reverse(url_name, args=args)))
        return len(context.captured_queries)

    _grow(org, range(2))
    OfficerFactory(full_name="Sam Direct", unit=org["highways"])
    few = count()
    _grow(org, range(2, 30))
    for i in range(20):
        OfficerFactory(full_name=f"Sam Direct{i}", unit=org["highways"])
    with django_assert_max_num_queries(few):
        html_of(client.get(reverse(url_name, args=args)))

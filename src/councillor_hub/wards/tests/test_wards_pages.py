"""The ward pages: the list of wards (councillors in office, population), a ward's profile
(summary, statistics as an accessible SVG chart and a table with the same figures, borough
averages, amenities by kind), the manage pages (summary and area, amenities, marking one as
closed) with history, the search entry, and query counts that do not grow with rows."""

import datetime
import html as html_lib
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from councillor_hub.accounts.tests.factories import CouncillorFactory, WardFactory
from councillor_hub.audit.models import AuditEvent
from councillor_hub.casework.tests.factories import CaseFactory
from councillor_hub.enquiries.tests.factories import EnquiryFactory
from councillor_hub.search.services import search
from councillor_hub.wards import services
from councillor_hub.wards.models import AmenityKind, Unit, WardAmenity, WardProfile

from .factories import WardAmenityFactory, WardProfileFactory, WardStatisticFactory

LIST_URL = reverse("wards:ward_list")


def detail_url(ward) -> str:
    return reverse("wards:ward_detail", args=[ward.pk])


CHART_BAR = re.compile(
    r'<g data-label="([^"]*)" data-value="([^"]*)"(?: data-average="([^"]*)")?>\s*'
    r"<text[^>]*>[^<]*</text>\s*<rect[^>]*></rect>\s*<text[^>]*>([^<]*)</text>"
)
TABLE_ROW = re.compile(
    r'<th scope="row" class="govuk-table__header">([^<]*)</th>\s*'
    r'<td class="govuk-table__cell govuk-table__cell--numeric">([^<]*)</td>'
    r'(?:\s*<td class="govuk-table__cell govuk-table__cell--numeric">([^<]*)</td>)?'
)


def section(page: str, slug: str) -> str:
    return page.split(f'id="topic-{slug}"')[1].split("</section>")[0]


def number_in(text: str) -> Decimal:
    """The figure in "1,830 people", "12.5%" or "3"."""
    return Decimal(re.search(r"-?[\d,]+(?:\.\d+)?", text).group().replace(",", ""))


def chart_figures(part: str) -> list[tuple[str, Decimal, Decimal | None]]:
    figures = []
    for label, value, average, shown in CHART_BAR.findall(part):
        assert value == shown  # the bar's label is the value it stands for
        figures.append(
            (html_lib.unescape(label), number_in(value), number_in(average) if average else None)
        )
    return figures


def table_figures(part: str) -> list[tuple[str, Decimal, Decimal | None]]:
    table = part.split("<table")[1]
    return [
        (
            html_lib.unescape(label),
            number_in(value),
            number_in(average) if average and average != "–" else None,
        )
        for label, value, average in TABLE_ROW.findall(table)
    ]


@pytest.fixture
def profiles(world):
    """Abbey and Brookside with age bands (every ward has them: borough averages), Abbey with
    a population, per cents and a deprivation decile of its own, and amenities."""
    WardProfileFactory(
        ward=world.ward_a,
        summary="Abbey is a riverside ward.\n\nIt has the old wharf.",
        area_hectares=Decimal("412.5"),
    )
    for ward, young, old in ((world.ward_a, 1830, 2100), (world.ward_b, 1500, 2500)):
        WardStatisticFactory(ward=ward, topic="Age", label="Aged 0 to 15", value=young)
        WardStatisticFactory(ward=ward, topic="Age", label="Aged 65 and over", value=old)
    WardStatisticFactory(
        ward=world.ward_a, topic="Population", label="All usual residents", value=10250
    )
    WardStatisticFactory(ward=world.ward_a, topic="Population", label="Aged 0 to 15", value=1830)
    WardStatisticFactory(
        ward=world.ward_a,
        topic="Economic activity",
        label="Unemployed",
        value=Decimal("3.9"),
        unit=Unit.PER_CENT,
    )
    WardStatisticFactory(
        ward=world.ward_a,
        topic="Economic activity",
        label="Households with nobody in work",
        value=Decimal("812"),
        unit=Unit.HOUSEHOLDS,
    )
    library = WardAmenityFactory(
        ward=world.ward_a, kind=AmenityKind.LIBRARY, name="Abbey Library", notes="Free wifi"
    )
    WardAmenityFactory(ward=world.ward_a, kind=AmenityKind.PARK, name="Wharf Green")
    closed = WardAmenityFactory(
        ward=world.ward_a, kind=AmenityKind.SHOPS, name="Old Parade", is_active=False
    )
    return {"library": library, "closed": closed}


# ------------------------------------------------------------------------------- list
def test_the_list_shows_every_ward_with_councillors_in_office_and_population(
    world, profiles, councillor_client
):
    former = CouncillorFactory(
        full_name="Fiona Former", profile__ward=world.ward_a, profile__political_group=None
    )
    former.councillor_profile.term_end = datetime.date(2020, 5, 1)
    former.councillor_profile.save()
    page = councillor_client.get(LIST_URL).content.decode()
    rows = page.split('<tbody class="govuk-table__body">')[1].split("</tbody>")[0]
    abbey, brookside = rows.split('<tr class="govuk-table__row">')[1:]
    assert "Abbey" in abbey and world.councillor.full_name in abbey
    assert world.colleague.full_name in abbey and "(Red Party)" in abbey
    assert "Fiona Former" not in page
    assert "10,250" in abbey  # the largest figure in people under Population
    assert "Not known" in brookside
    assert world.other.full_name in brookside
    assert "Non-aligned" in brookside  # the independent councillor
    assert "Import ward statistics" not in page


def test_managers_see_the_import_link_on_the_list(world, client_for):
    page = client_for(world.democratic).get(LIST_URL).content.decode()
    assert reverse("wards:statistics_import") in page


def test_the_list_query_count_does_not_grow_with_wards(
    world, profiles, councillor_client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as baseline:
        councillor_client.get(LIST_URL)
    for n in range(15):
        ward = WardFactory(name=f"Extra {n}", ons_code=f"E0590{n:04d}")
        CouncillorFactory(profile__ward=ward)
        WardStatisticFactory(ward=ward, topic="Population", label="All", value=9000 + n)
    with django_assert_max_num_queries(len(baseline)):
        response = councillor_client.get(LIST_URL)
    assert response.status_code == 200
    assert response.content.decode().count("9,0") == 15


# --------------------------------------------------------------------------- profile
def test_the_profile_shows_summary_area_councillors_and_amenities(
    world, profiles, councillor_client
):
    page = councillor_client.get(detail_url(world.ward_a)).content.decode()
    assert '<h1 class="govuk-heading-l">Abbey</h1>' in page
    assert "<p>Abbey is a riverside ward.</p>" in page
    assert "412.5 hectares" in page
    assert reverse("committees:councillor_detail", args=[world.councillor.pk]) in page
    assert world.other.full_name not in page
    amenities = page.split('id="amenities"')[1].split('id="activity"')[0]
    assert amenities.index("Libraries") < amenities.index("Parks and open spaces")
    assert "Abbey Library" in amenities and "Free wifi" in amenities
    assert "Old Parade" not in page  # closed
    # Members do not see the manage links.
    assert reverse("wards:profile_update", args=[world.ward_a.pk]) not in page
    assert reverse("wards:amenity_update", args=[profiles["library"].pk]) not in page


def test_managers_see_manage_links_and_closed_amenities(world, profiles, client_for):
    page = client_for(world.democratic).get(detail_url(world.ward_a)).content.decode()
    assert reverse("wards:profile_update", args=[world.ward_a.pk]) in page
    assert reverse("wards:amenity_create", args=[world.ward_a.pk]) in page
    assert reverse("wards:amenity_update", args=[profiles["library"].pk]) in page
    assert "Old Parade" in page.split("No longer shown (closed)")[1]


def test_a_ward_without_a_profile_or_figures_still_has_a_page(world, councillor_client):
    page = councillor_client.get(detail_url(world.ward_b)).content.decode()
    assert "There is no description of this ward yet" in page
    assert "There are no statistics for this ward yet" in page
    assert "No amenities have been listed for this ward yet" in page


def test_an_unknown_ward_is_404(world, councillor_client):
    assert councillor_client.get(reverse("wards:ward_detail", args=[999999])).status_code == 404


def test_each_topic_has_a_chart_and_a_table_with_the_same_figures(
    world, profiles, councillor_client
):
    page = councillor_client.get(detail_url(world.ward_a)).content.decode()
    age = section(page, "age")
    # Every ward has the age bands, so the borough average is shown beside them.
    expected = [
        ("Aged 0 to 15", Decimal(1830), Decimal(1665)),
        ("Aged 65 and over", Decimal(2100), Decimal(2300)),
    ]
    assert chart_figures(age) == expected
    assert table_figures(age) == expected
    # Only Abbey has a population: no average for it.
    population = section(page, "population")
    assert (
        chart_figures(population)
        == table_figures(population)
        == [
            ("All usual residents", Decimal(10250), None),
            ("Aged 0 to 15", Decimal(1830), None),
        ]
    )
    # A topic with two units has a chart per unit and one table.
    economic = section(page, "economic-activity")
    assert economic.count("<svg") == 2
    assert (
        chart_figures(economic)
        == table_figures(economic)
        == [
            ("Unemployed", Decimal("3.9"), None),
            ("Households with nobody in work", Decimal(812), None),
        ]
    )
    assert "3.9%" in economic and "812 households" in economic


def test_charts_are_accessible_svg_without_inline_styles(world, profiles, councillor_client):
    page = councillor_client.get(detail_url(world.ward_a)).content.decode()
    assert 'style="' not in page
    assert "<style" not in page and "<script>" not in page
    svgs = re.findall(r"<svg [^>]*>", page)
    assert len(svgs) == 4
    for tag in svgs:
        assert 'role="img"' in tag
        assert re.search(r'width="\d+"', tag) and re.search(r'height="\d+"', tag)
        title_id, desc_id = re.search(r'aria-labelledby="([^" ]+) ([^"]+)"', tag).groups()
        assert f'<title id="{title_id}">' in page and f'<desc id="{desc_id}">' in page
    age = section(page, "age")
    assert '<title id="chart-age-title">Bar chart: Age</title>' in age
    assert "Aged 0 to 15: 1,830 (borough average 1,665)" in age
    assert "The same figures are in the table below the chart." in age
    assert '<caption class="govuk-table__caption govuk-table__caption--s">Age:' in age
    # The average is labelled in words, not told by colour alone.
    assert ">average 1,665</text>" in age and ">Borough average</text>" in age
    # The longest bar fills the space; the others are in proportion.
    widths = [int(w) for w in re.findall(r'<rect x="250" y="\d+" width="(\d+)" height="22"', age)]
    # (The scale is the largest figure or average: Abbey's 2,100 is below the 2,300 average.)
    assert widths == [round(1830 / 2300 * 290), round(2100 / 2300 * 290)]


def test_per_cents_are_drawn_out_of_a_hundred(world, profiles, councillor_client):
    page = councillor_client.get(detail_url(world.ward_a)).content.decode()
    economic = section(page, "economic-activity")
    widths = re.findall(r'<rect x="250" y="\d+" width="(\d+)" height="22"', economic)
    assert widths[0] == str(round(3.9 / 100 * 290))


def test_the_profile_query_count_does_not_grow_with_rows(
    world, profiles, councillor_client, django_assert_max_num_queries
):
    def page_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert councillor_client.get(detail_url(world.ward_a)).status_code == 200
        return len(captured)

    CaseFactory(owner=world.councillor, ward=world.ward_a)
    EnquiryFactory(member=world.councillor, ward=world.ward_a)
    baseline = page_queries()
    for n in range(20):
        WardStatisticFactory(ward=world.ward_a, topic=f"Topic {n % 5}", label=f"Figure {n}")
        WardAmenityFactory(ward=world.ward_a, kind=AmenityKind.SCHOOL, name=f"School {n}")
        CaseFactory(owner=world.councillor, ward=world.ward_a)
        EnquiryFactory(member=world.councillor, ward=world.ward_a)
    with django_assert_max_num_queries(baseline):
        response = councillor_client.get(detail_url(world.ward_a))
    assert response.content.decode().count("School ") >= 20
    assert baseline <= 20  # session, user, navigation and the page's own dozen


# ----------------------------------------------------------------------------- manage
def test_a_manager_changes_the_summary_and_area_with_history(world, profiles, client_for):
    client = client_for(world.democratic)
    url = reverse("wards:profile_update", args=[world.ward_a.pk])
    response = client.post(url, {"summary": "A new summary.", "area_hectares": "500"})
    assert response.status_code == 302
    profile = WardProfile.objects.get(ward=world.ward_a)
    assert (profile.summary, profile.area_hectares) == ("A new summary.", Decimal("500"))
    assert profile.history.first().history_user == world.democratic
    assert AuditEvent.objects.filter(object_label=f"ward profile #{world.ward_a.pk}").exists()
    page = client.get(url).content.decode()
    assert "History of changes" in page and world.democratic.full_name in page


def test_the_first_change_creates_the_profile(world, client_for):
    client = client_for(world.democratic)
    url = reverse("wards:profile_update", args=[world.ward_b.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"summary": "Brookside.", "area_hectares": ""})
    assert WardProfile.objects.get(ward=world.ward_b).area_hectares is None


@pytest.mark.parametrize(
    ("area", "message"),
    [
        ("lots", "Area must be a number, like 412.5"),
        ("-1", "Area must be 0 or more"),
        ("12.25", "Area must have no more than 1 decimal place"),
    ],
)
def test_a_bad_area_is_explained(world, profiles, client_for, area, message):
    response = client_for(world.democratic).post(
        reverse("wards:profile_update", args=[world.ward_a.pk]),
        {"summary": "Kept as typed", "area_hectares": area},
    )
    page = response.content.decode()
    assert message in page
    assert "<title>Error:" in page
    assert "Kept as typed" in page
    assert WardProfile.objects.get(ward=world.ward_a).summary.startswith("Abbey is")


def test_a_manager_adds_changes_and_closes_an_amenity(world, profiles, client_for):
    client = client_for(world.democratic)
    response = client.post(
        reverse("wards:amenity_create", args=[world.ward_b.pk]),
        {
            "kind": AmenityKind.HEALTH,
            "name": "Brook Medical Centre",
            "address": "2 Brook Lane",
            "url": "www.example.org/brook",
            "notes": "",
        },
    )
    amenity = WardAmenity.objects.get(name="Brook Medical Centre")
    assert response["Location"] == f"{detail_url(world.ward_b)}#amenity-{amenity.pk}"
    assert amenity.url == "https://www.example.org/brook"
    url = reverse("wards:amenity_update", args=[amenity.pk])
    data = {"kind": AmenityKind.HEALTH, "name": "Brook Surgery", "address": "2 Brook Lane"}
    client.post(url, data)
    amenity.refresh_from_db()
    assert amenity.name == "Brook Surgery" and amenity.is_active
    client.post(url, {**data, "is_closed": "on"})
    amenity.refresh_from_db()
    assert not amenity.is_active
    assert amenity.history.first().history_change_reason == "Marked as no longer open"
    assert amenity.history.count() == 3
    page = client.get(url).content.decode()
    assert "Marked as no longer open" in page
    assert (
        "Brook Surgery"
        not in client_for(world.councillor).get(detail_url(world.ward_b)).content.decode()
    )


def test_amenity_form_errors_use_govuk_wording(world, client_for):
    page = (
        client_for(world.democratic)
        .post(reverse("wards:amenity_create", args=[world.ward_a.pk]), {"url": "not a url"})
        .content.decode()
    )
    assert "Select the type of amenity" in page
    assert "Enter the amenity&#x27;s name" in page
    assert "Enter a website address in the correct format" in page
    assert WardAmenity.objects.count() == 0


def test_services_refuse_people_who_may_not_manage(world, profiles):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.ward_profile_update(
            actor=world.councillor, ward=world.ward_a, summary="x", area_hectares=None
        )
    with pytest.raises(PermissionDenied):
        services.amenity_create(actor=world.support, ward=world.ward_a, kind="park", name="x")
    with pytest.raises(PermissionDenied):
        services.amenity_update(actor=world.mp, amenity=profiles["library"], name="x")


# ------------------------------------------------------------------------------ search
def test_searching_a_wards_name_finds_its_profile(world, profiles):
    results = search(user=world.councillor, q="Abbey")
    hits = [hit for hit in results.hits if hit.kind == "ward"]
    assert [hit.url for hit in hits] == [detail_url(world.ward_a)]
    # Its summary and amenities are found too, and follow changes.
    assert [h.url for h in search(user=world.councillor, q="wharf").hits if h.kind == "ward"] == [
        detail_url(world.ward_a)
    ]
    services.amenity_create(
        actor=world.democratic, ward=world.ward_b, kind=AmenityKind.LIBRARY, name="Quernstone Hub"
    )
    found = search(user=world.highways_officer, q="quernstone").hits
    assert [h.url for h in found] == [detail_url(world.ward_b)]

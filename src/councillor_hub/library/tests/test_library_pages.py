"""The library's list (search, tag/kind/service filters, sorting, paging), a document's page
and its download."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.library.models import DocumentKind

from .factories import (
    PDF,
    DocumentFactory,
    DocumentTagFactory,
    OfficerFactory,
    OrgUnitFactory,
    document_with_file,
)

LIST = reverse("library:document_list")


@pytest.fixture
def shelf(world):
    planning = DocumentTagFactory(name="planning")
    licensing = DocumentTagFactory(name="licensing")
    ethics = DocumentTagFactory(name="ethics")
    highways_unit = OrgUnitFactory(name="Highways and transport")
    planning_unit = OrgUnitFactory(name="Planning and building control")
    today = timezone.localdate()
    return {
        "tags": {"planning": planning, "licensing": licensing, "ethics": ethics},
        "units": {"highways": highways_unit, "planning": planning_unit},
        "local_plan": DocumentFactory(
            title="Local plan",
            kind=DocumentKind.STRATEGY,
            summary="How the borough grows to 2040",
            unit=planning_unit,
            tags=[planning],
            published_on=today - datetime.timedelta(days=400),
            next_review_on=today + datetime.timedelta(days=300),
        ),
        "taxi": DocumentFactory(
            title="Taxi licensing policy",
            summary="Hackney carriages and private hire",
            unit=planning_unit,
            tags=[licensing, planning],
            published_on=today - datetime.timedelta(days=20),
            next_review_on=today - datetime.timedelta(days=3),
        ),
        "gifts": DocumentFactory(
            title="Gifts and hospitality form",
            kind=DocumentKind.FORM,
            summary="Declare anything worth more than 50 pounds",
            tags=[ethics],
            published_on=today - datetime.timedelta(days=100),
        ),
        "asset": DocumentFactory(
            title="Highways asset management policy",
            summary="Inspection and repair",
            unit=highways_unit,
            next_review_on=today + datetime.timedelta(days=10),
        ),
    }


def titles(response) -> list[str]:
    return [document.title for document in response.context["documents"]]


def test_list_shows_every_visible_document_by_title(councillor_client, shelf):
    response = councillor_client.get(LIST)
    assert response.status_code == 200
    assert titles(response) == [
        "Gifts and hospitality form",
        "Highways asset management policy",
        "Local plan",
        "Taxi licensing policy",
    ]
    page = response.content.decode()
    assert "4 documents" in page
    assert "Review overdue" in page  # the taxi policy
    assert '?tag=planning"' in page


def test_filter_by_tag(councillor_client, shelf):
    response = councillor_client.get(LIST, {"tag": "planning"})
    assert titles(response) == ["Local plan", "Taxi licensing policy"]
    assert [t.slug for t in response.context["chosen_tags"]] == ["planning"]


def test_several_tags_narrow_the_list(councillor_client, shelf):
    response = councillor_client.get(LIST + "?tag=planning&tag=licensing")
    assert titles(response) == ["Taxi licensing policy"]
    page = response.content.decode()
    # Each chosen tag can be removed, keeping the other.
    assert "?tag=licensing" in page and "?tag=planning" in page


def test_filter_by_kind_and_service(councillor_client, shelf):
    assert titles(councillor_client.get(LIST, {"kind": "form"})) == ["Gifts and hospitality form"]
    unit = shelf["units"]["planning"]
    assert titles(councillor_client.get(LIST, {"unit": unit.pk})) == [
        "Local plan",
        "Taxi licensing policy",
    ]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("policy taxi", ["Taxi licensing policy"]),  # any order
        ("HACKNEY", ["Taxi licensing policy"]),  # summary, any case
        ("ethics", ["Gifts and hospitality form"]),  # a tag's name
        ("plan", ["Local plan", "Taxi licensing policy"]),  # title; tag "planning"
        ("nothing matches this", []),
    ],
)
def test_text_search(councillor_client, shelf, q, expected):
    assert titles(councillor_client.get(LIST, {"q": q})) == expected


def test_sorts(councillor_client, shelf):
    published = titles(councillor_client.get(LIST, {"sort": "published"}))
    assert published == [
        "Taxi licensing policy",
        "Gifts and hospitality form",
        "Local plan",
        "Highways asset management policy",  # no date: last
    ]
    review = titles(councillor_client.get(LIST, {"sort": "review"}))
    assert review == [
        "Taxi licensing policy",
        "Highways asset management policy",
        "Local plan",
        "Gifts and hospitality form",
    ]


@pytest.mark.parametrize(
    "query",
    [
        "?kind=nonsense",
        "?unit=abc",
        "?unit=999999",
        "?sort=drop%20table",
        "?tag=no-such-tag",
        "?tag=" + "x" * 500,
        "?page=9999",
        "?page=-1",
        "?page=abc",
        "?q=" + "word " * 300,
        "?q=%00",
        "?tag=planning&tag=planning&tag=&kind=",
    ],
)
def test_nonsense_filters_are_ignored(councillor_client, shelf, query):
    response = councillor_client.get(LIST + query)
    assert response.status_code == 200


def test_unknown_tag_is_ignored(councillor_client, shelf):
    assert len(titles(councillor_client.get(LIST, {"tag": "no-such-tag"}))) == 4


def test_pagination(councillor_client, world):
    for n in range(30):
        DocumentFactory(title=f"Paper {n:02d}")
    first = councillor_client.get(LIST)
    assert len(titles(first)) == 25
    second = councillor_client.get(LIST, {"page": 2})
    assert titles(second) == [f"Paper {n:02d}" for n in range(25, 30)]
    assert "page 2 of 2" in second.content.decode()


def test_tag_panel_counts_only_visible_documents(client_for, world, shelf):
    DocumentFactory(title="Members ethics note", members_only=True, tags=[shelf["tags"]["ethics"]])
    officer_tags = {
        t.slug: t.document_count
        for t in client_for(world.highways_officer).get(LIST).context["all_tags"]
    }
    member_tags = {
        t.slug: t.document_count for t in client_for(world.councillor).get(LIST).context["all_tags"]
    }
    assert officer_tags["ethics"] == 1
    assert member_tags["ethics"] == 2


def test_list_query_count_does_not_grow_with_rows(
    councillor_client, world, django_assert_max_num_queries
):
    unit = OrgUnitFactory(name="Democratic services")
    tags = [DocumentTagFactory(name=f"subject {n}") for n in range(3)]

    def add(count):
        for _ in range(count):
            DocumentFactory(unit=unit, tags=tags)

    add(2)
    with django_assert_max_num_queries(20) as few:
        councillor_client.get(LIST)
    add(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = councillor_client.get(LIST)
    assert len(titles(response)) == 22


def test_detail_page(councillor_client, shelf):
    officer = OfficerFactory(full_name="Priya Planner", job_title="Planning policy manager")
    document = shelf["taxi"]
    document.responsible_officer = officer
    document.save()
    response = councillor_client.get(reverse("library:document_detail", args=[document.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Taxi licensing policy" in page
    assert "Hackney carriages" in page
    assert "Review overdue" in page
    assert "Priya Planner" in page
    assert reverse("directory:officer_detail", args=[officer.pk]) in page
    assert f"{LIST}?tag=licensing" in page
    assert "Planning and building control" in page
    assert document.url in page
    # Only content managers get the change link and the history.
    assert reverse("library:document_update", args=[document.pk]) not in page
    assert "History of changes" not in page


def test_detail_page_for_a_content_manager_shows_history(client_for, world, shelf):
    response = client_for(world.democratic).get(
        reverse("library:document_detail", args=[shelf["gifts"].pk])
    )
    page = response.content.decode()
    assert reverse("library:document_update", args=[shelf["gifts"].pk]) in page
    assert "History of changes" in page


def test_detail_of_a_file_links_to_the_download(councillor_client, world):
    document = document_with_file(name="allowances.pdf", title="Allowances scheme")
    response = councillor_client.get(document.get_absolute_url())
    page = response.content.decode()
    assert reverse("library:document_download", args=[document.pk]) in page
    assert "Download allowances.pdf" in page


def test_download_serves_the_file_privately(councillor_client, world):
    document = document_with_file(name="allowances.pdf", title="Allowances scheme")
    response = councillor_client.get(reverse("library:document_download", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="allowances.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    # The stored name is random, not the uploaded one.
    assert "allowances" not in document.file.name


def test_download_of_a_missing_file_is_404(councillor_client, world):
    document = document_with_file(title="Gone")
    document.file.storage.delete(document.file.name)
    response = councillor_client.get(reverse("library:document_download", args=[document.pk]))
    assert response.status_code == 404


def test_responsible_officer_sees_their_members_only_document(client_for, world):
    OfficerFactory(user=world.highways_officer)
    officer = world.highways_officer.officer_entry
    mine = DocumentFactory(title="Mine", members_only=True, responsible_officer=officer)
    theirs = DocumentFactory(title="Not mine", members_only=True)
    client = client_for(world.highways_officer)
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert titles(client.get(LIST)) == ["Mine"]

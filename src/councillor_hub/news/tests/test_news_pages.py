"""The news pages: the list (order, tags, filters, pagination, query count, nonsense in the
address), an item's page (text escaped, paragraphs, briefing details, attachments), the add and
change forms, the attachment upload and removal, and the home page's "latest" include."""

import datetime as dt
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from councillor_hub.directory.models import Officer, OrgUnit, UnitKind
from councillor_hub.news.models import NewsAttachment, NewsItem, NewsKind
from councillor_hub.news.selectors import latest_for
from councillor_hub.news.services import TYPE_ERROR

from .factories import PDF, NewsItemFactory, attachment_for

pytestmark = pytest.mark.django_db

LIST = reverse("news:item_list")


def titles(response) -> list[str]:
    return [item.title for item in response.context["items"]]


@pytest.fixture
def board():
    now = timezone.now()
    budget = NewsItemFactory(
        kind=NewsKind.BRIEFING,
        title="Budget briefing",
        summary="The draft budget for next year.",
        body="Council tax and savings proposals.",
        briefing_on=dt.date(2026, 1, 20),
        published_at=now - dt.timedelta(days=3),
    )
    attachment_for(budget, title="Slides")
    attachment_for(budget, title="Speaker notes")
    gritting = NewsItemFactory(
        kind=NewsKind.BULLETIN,
        title="Winter gritting bulletin",
        summary="Priority routes are gritted tonight.",
        body="Salt stocks are full.",
        published_at=now - dt.timedelta(days=1),
    )
    plan = NewsItemFactory(
        kind=NewsKind.NEWS,
        title="Local plan consultation opens",
        summary="Residents can comment until March.",
        body="Drop-in sessions in every ward.",
        published_at=now - dt.timedelta(days=10),
    )
    return {"budget": budget, "gritting": gritting, "plan": plan}


# --- The list ------------------------------------------------------------------------------


def test_list_newest_first_with_kind_date_and_attachments(councillor_client, board):
    response = councillor_client.get(LIST)
    assert response.status_code == 200
    assert titles(response) == [
        "Winter gritting bulletin",
        "Budget briefing",
        "Local plan consultation opens",
    ]
    page = response.content.decode()
    assert "2 attachments" in page
    assert "Briefing held" in page
    assert '<strong class="govuk-tag govuk-tag--turquoise">Bulletin</strong>' in page
    assert "Priority routes are gritted tonight." in page
    assert reverse("news:item_create") not in page


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("briefing", ["Budget briefing"]),
        ("bulletin", ["Winter gritting bulletin"]),
        ("news", ["Local plan consultation opens"]),
    ],
)
def test_filter_by_kind(councillor_client, board, kind, expected):
    response = councillor_client.get(LIST, {"kind": kind})
    assert titles(response) == expected
    assert "Clear filters" in response.content.decode()


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("budget", ["Budget briefing"]),
        ("SALT stocks", ["Winter gritting bulletin"]),  # from the body, any case
        ("consultation local", ["Local plan consultation opens"]),  # any order
        ("ward", ["Local plan consultation opens"]),
        ("nothing-like-this", []),
    ],
)
def test_text_filter(councillor_client, board, q, expected):
    assert titles(councillor_client.get(LIST, {"q": q})) == expected


def test_managers_see_drafts_and_scheduled_items_tagged(client_for, world, board):
    NewsItemFactory(title="A draft", is_published=False)
    NewsItemFactory(title="Coming soon", published_at=timezone.now() + dt.timedelta(days=2))
    page = client_for(world.democratic).get(LIST).content.decode()
    assert "A draft" in page and "Coming soon" in page
    assert '<strong class="govuk-tag govuk-tag--grey">Draft</strong>' in page
    assert '<strong class="govuk-tag govuk-tag--yellow">Scheduled</strong>' in page
    assert reverse("news:item_create") in page
    councillor_page = client_for(world.councillor).get(LIST).content.decode()
    assert "A draft" not in councillor_page and "Coming soon" not in councillor_page


def test_pagination(councillor_client, world):
    now = timezone.now()
    for n in range(25):
        NewsItemFactory(title=f"Item {n:02d}", published_at=now - dt.timedelta(hours=n + 1))
    first = councillor_client.get(LIST)
    assert titles(first) == [f"Item {n:02d}" for n in range(20)]
    second = councillor_client.get(LIST, {"page": 2})
    assert titles(second) == [f"Item {n:02d}" for n in range(20, 25)]
    assert "Page 2 of 2" in second.content.decode()


def test_list_query_count_does_not_grow_with_rows(
    councillor_client, world, django_assert_max_num_queries
):
    unit = OrgUnit.objects.create(name="Finance", kind=UnitKind.SERVICE)

    def add(count):
        for _ in range(count):
            item = NewsItemFactory(service=unit, members_only=True)
            attachment_for(item)

    add(2)
    with django_assert_max_num_queries(25) as few:
        councillor_client.get(LIST)
    add(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = councillor_client.get(LIST)
    assert len(titles(response)) == 17


@pytest.mark.parametrize(
    "query",
    [
        "?kind=nonsense",
        "?kind=",
        "?kind=briefing&kind=news",
        "?page=9999",
        "?page=-1",
        "?page=abc",
        "?page=1e9",
        "?q=" + "word " * 300,
        "?q=%00",
        "?q=%25%5F",
        "?q=' OR 1=1 --",
        "?x=y",
    ],
)
def test_nonsense_query_strings_are_ignored(councillor_client, board, query):
    response = councillor_client.get(LIST + query)
    assert response.status_code == 200


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    params=st.lists(
        st.tuples(
            st.sampled_from(["q", "kind", "page", "x"]),
            st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
        ),
        max_size=6,
    )
)
def test_random_query_strings_never_fail(councillor_client, board, params):
    response = councillor_client.get(f"{LIST}?{urlencode(params)}")
    assert response.status_code < 500


# --- An item's page ------------------------------------------------------------------------


def test_item_page(councillor_client, board):
    unit = OrgUnit.objects.create(name="Finance", kind=UnitKind.SERVICE)
    officer = Officer.objects.create(full_name="Fay Finance", job_title="Director of finance")
    item = board["budget"]
    item.service, item.presenter = unit, officer
    item.body = "First line\nsecond line.\n\n<script>alert('x')</script> & more."
    item.save()
    attachment = item.attachments.get(title="Slides")
    attachment.size = 240 * 1024
    attachment.save()
    response = councillor_client.get(reverse("news:item_detail", args=[item.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Budget briefing</h1>' in page
    assert '<p class="govuk-body">First line<br>second line.</p>' in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more." in page
    assert "<script>alert" not in page
    assert "Tuesday 20 January 2026" in page
    assert "Presenter" in page and "Fay Finance" in page
    assert reverse("directory:officer_detail", args=[officer.pk]) in page
    assert "Finance" in page
    assert "Briefing material" in page
    assert "PDF, 240 KB" in page
    download = reverse("news:attachment_download", args=[item.pk, attachment.pk])
    assert f'href="{download}"' in page
    assert "Download Slides" in page
    # Only content managers get the manage links and the history.
    assert reverse("news:item_update", args=[item.pk]) not in page
    assert reverse("news:attachment_delete", args=[item.pk, attachment.pk]) not in page
    assert "History of changes" not in page


def test_item_page_for_a_manager(client_for, world, board):
    item = board["gritting"]
    response = client_for(world.democratic).post(
        reverse("news:attachment_create", args=[item.pk]),
        {"upload": SimpleUploadedFile("routes.pdf", PDF), "title": "Gritting routes"},
    )
    assert response.status_code == 302
    page = client_for(world.democratic).get(item.get_absolute_url()).content.decode()
    attachment = NewsAttachment.objects.get(item=item)
    assert reverse("news:item_update", args=[item.pk]) in page
    assert reverse("news:attachment_create", args=[item.pk]) in page
    assert reverse("news:attachment_delete", args=[item.pk, attachment.pk]) in page
    assert "History of changes" in page
    assert "Added the attachment Gritting routes" in page
    assert "Members and officers" in page


def test_download_gives_the_original_name(councillor_client, board):
    attachment = board["budget"].attachments.first()
    response = councillor_client.get(
        reverse("news:attachment_download", args=[board["budget"].pk, attachment.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="slides.pdf"' in response["Content-Disposition"]


def test_download_of_a_missing_file_is_not_found(councillor_client, board):
    attachment = board["budget"].attachments.first()
    attachment.file.storage.delete(attachment.file.name)
    response = councillor_client.get(
        reverse("news:attachment_download", args=[board["budget"].pk, attachment.pk])
    )
    assert response.status_code == 404


# --- Adding and changing -------------------------------------------------------------------

CREATE = reverse("news:item_create")


def form_data(**changes):
    data = {
        "kind": "briefing",
        "title": "Planning training briefing",
        "summary": "Mandatory training for planning committee members.",
        "body": "Slides and the recording are attached.",
        "briefing_on": "2026-02-10",
        "published_at": "2026-02-11T09:30",
        "is_published": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_add_an_item(client_for, world):
    client = client_for(world.democratic)
    page = client.get(CREATE).content.decode()
    assert "Add news or a briefing" in page
    response = client.post(CREATE, form_data(members_only="on"))
    item = NewsItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == item.get_absolute_url()
    assert item.kind == NewsKind.BRIEFING
    assert item.briefing_on == dt.date(2026, 2, 10)
    assert timezone.localtime(item.published_at).strftime("%Y-%m-%d %H:%M") == "2026-02-11 09:30"
    assert item.members_only and item.is_published
    follow = client.get(response["Location"])
    assert "Planning training briefing added" in follow.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Enter the title"),
        ({"summary": ""}, "Enter a summary"),
        ({"summary": "x" * 301}, "Summary must be 300 characters or fewer"),
        ({"kind": None}, "Select the type of item"),
        ({"kind": "gossip"}, "Select a valid option"),
        ({"briefing_on": ""}, "Enter the date the briefing was held"),
        ({"briefing_on": "2026-02-31"}, "Date of the briefing must be a real date"),
        ({"published_at": ""}, "Enter the date and time to publish it from"),
        ({"published_at": "soon"}, "Publish from must be a real date and time"),
    ],
)
def test_add_form_errors(client_for, world, changes, message):
    response = client_for(world.democratic).post(CREATE, form_data(**changes))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "govuk-error-summary" in page
    assert "<title>Error: " in page
    assert "Mandatory training for planning committee members." in page or "summary" in changes
    assert not NewsItem.objects.exists()


def test_change_an_item_and_schedule_it(client_for, world, board):
    item = board["plan"]
    client = client_for(world.admin)
    form_page = client.get(reverse("news:item_update", args=[item.pk])).content.decode()
    assert "Local plan consultation opens" in form_page
    later = timezone.localtime() + dt.timedelta(days=5)
    response = client.post(
        reverse("news:item_update", args=[item.pk]),
        form_data(
            kind="news",
            title="Local plan consultation opens soon",
            briefing_on="",
            published_at=later.strftime("%Y-%m-%dT%H:%M"),
        ),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Local plan consultation opens soon"
    assert item.current_state == "scheduled"
    assert "Local plan" not in client_for(world.councillor).get(LIST).content.decode()
    detail = client.get(item.get_absolute_url()).content.decode()
    assert "Scheduled: published from" in detail
    changed = next(line for line in detail.splitlines() if "Changed: " in line)
    assert "title" in changed and "publication time" in changed and "text" in changed


# --- Attachments ---------------------------------------------------------------------------


def test_attachment_form_errors(client_for, world, board):
    item = board["gritting"]
    url = reverse("news:attachment_create", args=[item.pk])
    client = client_for(world.democratic)
    missing = client.post(url, {"title": "Routes"}).content.decode()
    assert "Select a file to upload" in missing
    assert 'value="Routes"' in missing
    wrong = client.post(
        url, {"upload": SimpleUploadedFile("routes.pdf", b"MZ\x90 program"), "title": ""}
    )
    assert TYPE_ERROR in wrong.content.decode()
    assert "<title>Error: " in wrong.content.decode()
    empty = client.post(url, {"upload": SimpleUploadedFile("routes.pdf", b"")})
    assert "The selected file is empty" in empty.content.decode()
    assert not NewsAttachment.objects.filter(item=item).exists()


def test_too_big_upload_is_refused_on_the_page(client_for, world, board, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    item = board["gritting"]
    response = client_for(world.democratic).post(
        reverse("news:attachment_create", args=[item.pk]),
        {"upload": SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024))},
    )
    page = response.content.decode()
    assert "The selected file must be smaller than 1MB" in page
    assert "up to 1MB" in page


def test_remove_an_attachment_after_confirming(
    client_for, world, board, django_capture_on_commit_callbacks
):
    item = board["budget"]
    attachment = item.attachments.get(title="Slides")
    url = reverse("news:attachment_delete", args=[item.pk, attachment.pk])
    client = client_for(world.democratic)
    confirm = client.get(url).content.decode()
    assert "Are you sure you want to remove Slides?" in confirm
    assert "PDF, " in confirm
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == item.get_absolute_url()
    assert not NewsAttachment.objects.filter(pk=attachment.pk).exists()
    assert not attachment.file.storage.exists(attachment.file.name)
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Slides removed" in page
    assert "Removed the attachment Slides" in page
    assert client.post(url).status_code == 404


# --- The home page's panel -----------------------------------------------------------------


def test_latest_include(world, board):
    NewsItemFactory(title="Members only budget note", members_only=True)
    officer_html = render_to_string(
        "news/includes/latest.html", {"latest_news": latest_for(world.highways_officer)}
    )
    assert "Latest news and briefings" in officer_html
    assert "Winter gritting bulletin" in officer_html
    assert "Members only budget note" not in officer_html
    assert "2 attachments" in officer_html
    assert f'href="{LIST}"' in officer_html
    member_html = render_to_string(
        "news/includes/latest.html", {"latest_news": latest_for(world.councillor)}
    )
    assert "Members only budget note" in member_html
    empty = render_to_string("news/includes/latest.html", {"latest_news": []})
    assert "There is no news yet." in empty


def test_saving_the_change_form_untouched_changes_nothing(client_for, world, board):
    """The form shows the publication time to the minute; saved untouched, the item keeps it
    to the second, so no change (and no history row) is recorded."""
    item = board["budget"]
    client = client_for(world.democratic)
    form = client.get(reverse("news:item_update", args=[item.pk])).context["form"]
    data = {
        "kind": item.kind,
        "title": item.title,
        "summary": item.summary,
        "body": item.body,
        "briefing_on": item.briefing_on.isoformat(),
        "published_at": form.initial["published_at"].strftime("%Y-%m-%dT%H:%M"),
        "is_published": "on",
    }
    before = item.published_at
    response = client.post(reverse("news:item_update", args=[item.pk]), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.published_at == before
    assert item.history.count() == 1

"""The index stays current as hub content changes, and holds nothing else."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from councillor_hub.accounts.models import UserRole
from councillor_hub.accounts.roles import Role
from councillor_hub.casework.models import EntryKind
from councillor_hub.casework.tests.factories import (
    CaseFactory,
    ConstituentFactory,
    TimelineEntryFactory,
)
from councillor_hub.directory.models import Officer
from councillor_hub.search import indexing
from councillor_hub.search.models import SearchEntry, SearchTerm
from councillor_hub.search.services import reindex_all, search
from councillor_hub.search.vocabulary import vocabulary_words

from .conftest import make_officer, make_tag


def entry(kind, obj) -> SearchEntry | None:
    return SearchEntry.objects.filter(kind=kind, object_id=str(obj.pk)).first()


def titles(user, q, **kwargs) -> list[str]:
    return [hit.title for hit in search(user=user, q=q, **kwargs).hits]


def vocabulary() -> dict[str, int]:
    return dict(SearchTerm.objects.values_list("word", "entries"))


def expected_vocabulary() -> dict[str, int]:
    counts: Counter = Counter()
    for title, body in SearchEntry.objects.values_list("title", "body"):
        counts.update(vocabulary_words(f"{title} {body}"))
    return dict(counts)


def test_every_kind_is_indexed(hub, world):
    assert entry("officer", hub.engineer).body == (
        "Senior highways engineer · Place › Highways · priya.smith@example.org"
    )
    assert entry("officer", hub.engineer).url == f"/directory/officers/{hub.engineer.pk}/"
    assert entry("unit", hub.lighting).body == "Team · Part of Place › Highways"
    assert entry("topic", hub.topic).url.endswith(f"#topic-{hub.topic.pk}")
    assert "Handled by Demoshire Police" in entry("topic", hub.topic).body
    assert "Tags: Streets" in entry("document", hub.policy).body
    assert entry("document", hub.allowances).members_only is True
    assert entry("faq", hub.faq).url == f"/faqs/{hub.faq.pk}/"
    councillor = entry("councillor", world.councillor.councillor_profile)
    assert councillor.title == world.councillor.full_name
    assert councillor.body == "Councillor for Abbey ward · Red Party"
    assert councillor.url == f"/councillors/{world.councillor.pk}/"
    independent = entry("councillor", world.independent.councillor_profile)
    assert "Non-aligned" in independent.body


def test_officer_follows_save_deactivate_and_delete(hub, world):
    officer = make_officer("Zebedee Quartermaine", "Drainage engineer", hub.highways)
    assert titles(world.councillor, "quartermaine") == ["Zebedee Quartermaine"]

    officer.job_title = "Flood risk manager"
    officer.save()
    assert titles(world.councillor, "quartermaine flood") == ["Zebedee Quartermaine"]
    assert titles(world.councillor, "quartermaine drainage") == []

    officer.is_active = False
    officer.deactivated_at = timezone.now()
    officer.save()
    assert entry("officer", officer) is None
    assert titles(world.councillor, "quartermaine") == []
    assert "quartermaine" not in vocabulary()

    officer.is_active = True
    officer.save()
    assert titles(world.councillor, "quartermaine") == ["Zebedee Quartermaine"]

    officer.delete()
    assert entry("officer", officer) is None
    assert titles(world.councillor, "quartermaine") == []


def test_renaming_a_unit_changes_the_entries_below_it(hub, world):
    hub.place.name = "Neighbourhoods"
    hub.place.save()
    assert entry("officer", hub.lamp_officer).body.startswith(
        "Lighting technician · Neighbourhoods › Highways › Street Lighting"
    )
    assert entry("unit", hub.lighting).body == "Team · Part of Neighbourhoods › Highways"
    assert "Tom Okafor" in titles(world.councillor, "neighbourhoods lighting")
    assert not SearchEntry.objects.filter(kind="officer", body__contains="Place").exists()


def test_inactive_unit_leaves_the_index(hub, world):
    hub.lighting.is_active = False
    hub.lighting.save()
    assert entry("unit", hub.lighting) is None


def test_document_follows_publishing_and_members_only(hub, world):
    document = hub.policy
    document.is_published = False
    document.save()
    assert entry("document", document) is None
    assert titles(world.councillor, "gritting") == []

    document.is_published = True
    document.members_only = True
    document.save()
    assert entry("document", document).members_only is True
    assert titles(world.councillor, "gritting") == ["Winter gritting policy"]
    assert titles(world.highways_officer, "gritting") == []

    document.members_only = False
    document.save()
    assert titles(world.highways_officer, "gritting") == ["Winter gritting policy"]

    document.delete()
    assert titles(world.councillor, "gritting") == []


def test_document_tags_from_both_sides(hub, world):
    document, tag = hub.policy, make_tag("Winter maintenance")
    document.tags.add(tag)
    assert "Winter maintenance" in entry("document", document).body
    document.tags.remove(tag)
    assert "Winter maintenance" not in entry("document", document).body

    tag.documents.add(document)
    assert "Winter maintenance" in entry("document", document).body
    tag.documents.clear()
    assert "Winter maintenance" not in entry("document", document).body

    document.tags.add(tag)
    document.tags.clear()
    assert "Tags" not in entry("document", document).body

    document.tags.set([tag, hub.streets_tag])
    tag.name = "Snow and ice"
    tag.save()
    assert "Snow and ice" in entry("document", document).body
    tag.delete()
    assert "Snow and ice" not in entry("document", document).body
    assert "Streets" in entry("document", document).body


def test_faq_topic_and_partner_changes(hub, world):
    hub.faq.is_published = False
    hub.faq.save()
    assert entry("faq", hub.faq) is None

    hub.police.name = "Demoshire Constabulary"
    hub.police.save()
    assert "Demoshire Constabulary" in entry("topic", hub.topic).body

    hub.highways_area.name = "Roads and transport"
    hub.highways_area.save()
    assert "Roads and transport" in entry("faq", hub.secret_faq).body
    assert "Roads and transport" in entry("unit", hub.highways).body

    hub.topic.delete()
    assert entry("topic", hub.topic) is None


def test_councillor_entry_follows_the_councillor(hub, world):
    profile = world.councillor.councillor_profile
    world.councillor.full_name = "Councillor Ermintrude Vasquez"
    world.councillor.save()
    assert titles(world.admin, "ermintrude") == ["Councillor Ermintrude Vasquez"]

    world.ward_a.name = "Abbeyfields"
    world.ward_a.save()
    assert "Abbeyfields" in entry("councillor", profile).body

    world.group_red.name = "Crimson Alliance"
    world.group_red.save()
    assert "Crimson Alliance" in entry("councillor", profile).body

    UserRole.objects.filter(user=world.councillor, role=Role.COUNCILLOR).delete()
    assert entry("councillor", profile) is None
    UserRole.objects.create(user=world.councillor, role=Role.COUNCILLOR)
    assert entry("councillor", profile) is not None

    world.councillor.is_active = False
    world.councillor.save()
    assert entry("councillor", profile) is None


def test_councillor_whose_term_ended_leaves_the_index(world):
    profile = world.other.councillor_profile
    profile.term_end = timezone.localdate() - dt.timedelta(days=1)
    profile.save()
    assert entry("councillor", profile) is None
    assert entry("councillor", world.councillor.councillor_profile) is not None


def test_a_term_ending_without_a_save_is_dropped_by_the_nightly_reindex(world):
    from councillor_hub.accounts.models import CouncillorProfile

    yesterday = timezone.localdate() - dt.timedelta(days=1)
    CouncillorProfile.objects.filter(user=world.other).update(term_end=yesterday)  # no signal
    assert entry("councillor", world.other.councillor_profile) is not None
    call_command("search_reindex", stdout=io.StringIO())
    assert entry("councillor", world.other.councillor_profile) is None


def test_signing_in_does_not_touch_the_index(world, django_assert_num_queries):
    world.councillor.last_login = timezone.now()
    with django_assert_num_queries(1):  # the UPDATE of last_login, nothing for search
        world.councillor.save(update_fields=["last_login"])


def test_vocabulary_counts_follow_the_entries(hub, world):
    assert vocabulary() == expected_vocabulary()
    officer = make_officer("Ulrika Wolstenholme", "Highways inspector", hub.highways)
    words = vocabulary()
    assert words["wolstenholme"] == 1
    assert words["inspector"] == 1
    assert words["highways"] == expected_vocabulary()["highways"]
    officer.job_title = "Parks officer"
    officer.save()
    assert "inspector" not in vocabulary()
    officer.delete()
    assert "wolstenholme" not in vocabulary()
    assert vocabulary() == expected_vocabulary()


def test_reindex_all_rebuilds_the_same_index(hub, world):
    before = {
        (e.kind, e.object_id, e.title, e.body, e.url, e.members_only)
        for e in SearchEntry.objects.all()
    }
    words = vocabulary()
    SearchEntry.objects.all().delete()
    SearchTerm.objects.all().delete()
    counts = reindex_all()
    after = {
        (e.kind, e.object_id, e.title, e.body, e.url, e.members_only)
        for e in SearchEntry.objects.all()
    }
    assert after == before
    assert vocabulary() == words
    assert counts == {
        "officer": 3,
        "unit": 3,
        "topic": 1,
        "document": 2,
        "faq": 2,
        "councillor": 5,
        "news": 0,
        "ward": 2,
        "emergency": 0,
    }
    assert titles(world.councillor, "hihgways smith") == ["Priya Smith"]


def test_search_reindex_command(hub, capsys):
    call_command("search_reindex")
    out = capsys.readouterr().out
    assert "Officers: 3" in out
    assert "Councillors: 5" in out
    assert "Ward profiles: 2" in out
    assert "Indexed 18 entries" in out


def test_bulk_writes_are_indexed_by_refresh(hub, world):
    officers = Officer.objects.bulk_create(
        [Officer(full_name=f"Bulk Person {n}", job_title="Gully cleanser") for n in range(3)]
    )
    assert titles(world.councillor, "gully") == []
    indexing.refresh("officer", [o.pk for o in officers])
    assert len(titles(world.councillor, "gully")) == 3
    Officer.objects.filter(pk__in=[o.pk for o in officers]).update(is_active=False)
    indexing.refresh("officer", [o.pk for o in officers])
    assert titles(world.councillor, "gully") == []


def test_deferred_indexes_once_at_the_end(hub, world):
    with indexing.deferred():
        officer = make_officer("Deferred Dorothea", "Street works coordinator", hub.highways)
        officer.job_title = "Street works manager"
        officer.save()
        assert entry("officer", officer) is None
    assert "manager" in entry("officer", officer).body


# --- Never casework, enquiries or constituents --------------------------------------------

PERSONAL_APPS = {"casework", "enquiries", "dataprotection", "audit", "notifications"}


def test_no_source_indexes_personal_data():
    indexed = {source.model_class._meta.app_label for source in indexing.SOURCES.values()}
    watched = {
        apps.get_model(watch.model)._meta.app_label
        for source in indexing.SOURCES.values()
        for watch in source.watches
    }
    assert not (indexed | watched) & PERSONAL_APPS
    assert set(indexing.SOURCES) == {
        "officer",
        "unit",
        "topic",
        "document",
        "faq",
        "councillor",
        "news",
        "ward",
        "emergency",
    }


@pytest.mark.parametrize("rebuild", [False, True])
def test_casework_is_never_indexed(hub, world, rebuild):
    person = ConstituentFactory(
        owner=world.councillor, first_name="Xanthippe", last_name="Quillfeather"
    )
    case = CaseFactory(
        owner=world.councillor,
        constituents=[person],
        title="Quillfeather flooding complaint",
        description="Xanthippe's cellar floods",
    )
    TimelineEntryFactory(case=case, kind=EntryKind.NOTE, body="Spoke to Quillfeather")
    if rebuild:
        reindex_all()
    everything = " ".join(f"{e.title} {e.body}" for e in SearchEntry.objects.all()).lower()
    assert "quillfeather" not in everything
    assert "xanthippe" not in everything
    assert not SearchTerm.objects.filter(word__in=["quillfeather", "xanthippe"]).exists()
    for user in (world.councillor, world.admin):
        assert search(user=user, q="quillfeather").total == 0
        assert search(user=user, q=case.reference).total == 0
    assert set(SearchEntry.objects.values_list("kind", flat=True)) <= set(indexing.SOURCES)


def test_emergency_arrangements_are_found_and_members_only_ones_hidden(hub, world):
    from councillor_hub.directory.models import EmergencyArrangement

    open_section = EmergencyArrangement.objects.create(
        title="Emergency rest centres",
        body="Rest centres open in leisure centres during a flood.",
        review_date=dt.date(2099, 1, 1),
    )
    EmergencyArrangement.objects.create(
        title="Councillor role in a major incident",
        body="Members receive a confidential flood briefing.",
        members_only=True,
        review_date=dt.date(2099, 1, 1),
    )
    assert entry("emergency", open_section).url.endswith(f"#section-{open_section.pk}")
    assert sorted(titles(world.councillor, "flood")) == [
        "Councillor role in a major incident",
        "Emergency rest centres",
    ]
    assert titles(world.highways_officer, "flood") == ["Emergency rest centres"]
    open_section.is_active = False
    open_section.save()
    assert entry("emergency", open_section) is None

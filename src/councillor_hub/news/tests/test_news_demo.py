"""The demo news: about twenty-five items over the past year, deterministic, with and without
a directory; attachments are valid PDFs that pass the upload checks."""

import datetime as dt
import random
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from councillor_hub.core.demo.news import build_news
from councillor_hub.directory.models import Officer, OrgUnit, UnitKind
from councillor_hub.news.models import NewsAttachment, NewsItem, NewsKind, NewsState
from councillor_hub.news.services import news_attachment_validate

pytestmark = pytest.mark.django_db


def builder(world=None, seed=7):
    return SimpleNamespace(
        rng=random.Random(seed),
        today=timezone.localdate(),
        democratic=world.democratic if world else None,
    )


def rows():
    return list(
        NewsItem.objects.order_by("pk").values_list(
            "kind", "title", "briefing_on", "published_at", "members_only", "is_published"
        )
    )


def test_demo_news_without_a_directory():
    counts = build_news(builder())
    items = NewsItem.objects.all()
    assert 20 <= counts["news items"] == items.count() <= 30
    assert counts["news attachments"] == NewsAttachment.objects.count() >= 2
    now = timezone.now()
    states = [item.state(now) for item in items]
    assert states.count(NewsState.SCHEDULED) == 1
    assert states.count(NewsState.DRAFT) == 1
    assert 3 <= items.filter(members_only=True).count() <= 6
    assert not items.filter(kind=NewsKind.BRIEFING, briefing_on__isnull=True).exists()
    assert items.filter(kind=NewsKind.BULLETIN).count() >= 3
    year_ago = now - dt.timedelta(days=366)
    assert not items.filter(published_at__lt=year_ago).exists()
    assert not items.filter(service__isnull=False).exists()
    for attachment in NewsAttachment.objects.all():
        assert attachment.file.name.startswith("news/")
        content = attachment.file.read()
        assert attachment.size == len(content)
        upload = SimpleUploadedFile(attachment.original_name, content)
        assert news_attachment_validate(upload) == "application/pdf"
    item = items.get(title="Budget briefing for all members")
    assert item.attachments.count() == 2
    assert item.history.count() == 1
    assert NewsAttachment.history.count() == counts["news attachments"]


def test_demo_news_is_deterministic():
    build_news(builder(seed=3))
    first = rows()
    NewsAttachment.objects.all().delete()
    NewsItem.objects.all().delete()
    build_news(builder(seed=3))
    assert rows() == first


def test_demo_news_uses_the_directory(world):
    finance = OrgUnit.objects.create(name="Finance", kind=UnitKind.SERVICE)
    team = OrgUnit.objects.create(name="Accountancy", kind=UnitKind.TEAM, parent=finance)
    Officer.objects.create(full_name="Fay Finance", job_title="Accountant", unit=team)
    build_news(builder(world))
    budget = NewsItem.objects.get(title="Budget briefing for all members")
    assert budget.service == finance
    assert budget.presenter.full_name == "Fay Finance"
    assert budget.created_by == world.democratic
    assert budget.history.first().history_user == world.democratic
    assert budget.attachments.first().uploaded_by == world.democratic

"""The demo FAQs: about fifty across the demo services, deterministic, placeholders valid,
some members-only, with usage to report."""

from types import SimpleNamespace

import pytest
from django.utils import timezone

from councillor_hub.accounts.tests.factories import ServiceAreaFactory, UserFactory
from councillor_hub.core.demo.faqs import FAQS, build_faqs
from councillor_hub.faqs.models import Faq, FaqUse, UseKind
from councillor_hub.faqs.selectors import unknown_placeholders

pytestmark = pytest.mark.django_db


def _builder(seed=2026):
    slugs = {slug for slug, *_ in FAQS}
    return SimpleNamespace(
        seed=seed,
        now=timezone.now().replace(second=0, microsecond=0),
        services={slug: ServiceAreaFactory(name=slug.title(), slug=slug) for slug in slugs},
        owners=[SimpleNamespace(user=UserFactory()) for _ in range(25)],
        democratic=UserFactory(),
    )


def test_build_faqs():
    builder = _builder()
    counts = build_faqs(builder)
    assert counts["FAQs"] == Faq.objects.count() >= 45
    assert counts["FAQ uses"] == FaqUse.objects.count() > 0
    assert Faq.objects.filter(members_only=True).exists()
    assert Faq.objects.values("service_area").distinct().count() >= 12
    for faq in Faq.objects.all():
        assert faq.answer and faq.question
        assert not unknown_placeholders(faq.model_response), faq.question
        assert faq.history.count() == 1
    with_response = Faq.objects.exclude(model_response="")
    assert with_response.count() >= 35
    assert all("{constituent_name}" in f.model_response for f in with_response)
    # HELPFUL is once per person per FAQ, as in the app.
    helpful = FaqUse.objects.filter(kind=UseKind.HELPFUL)
    assert helpful.count() == len(set(helpful.values_list("faq_id", "user_id")))
    # Members-only FAQs are never shown on the enquiry form.
    assert not FaqUse.objects.filter(faq__members_only=True, kind=UseKind.SHOWN_ON_ENQUIRY).exists()
    assert not FaqUse.objects.filter(at__gt=timezone.now()).exists()


def test_build_faqs_is_deterministic():
    first = build_faqs(_builder())
    uses = sorted(FaqUse.objects.values_list("faq__question", "kind"))
    FaqUse.objects.all().delete()
    Faq.history.all().delete()
    Faq.objects.all().delete()
    assert build_faqs(_builder()) == first
    assert sorted(FaqUse.objects.values_list("faq__question", "kind")) == uses


def test_build_faqs_skips_missing_services():
    builder = _builder()
    del builder.services["ict"]
    counts = build_faqs(builder)
    assert counts["FAQs"] == len([f for f in FAQS if f[0] != "ict"])

"""The hook for matching FAQ answers, shown to a member before they send an enquiry."""

from __future__ import annotations

from django.urls import reverse

from councillor_hub.core.models import ServiceArea


def matching_faqs(service_area: ServiceArea | None, text: str, *, user=None) -> list:
    """FAQ answers that may answer the member's question, best first: published FAQs of the
    chosen service area whose question or keywords share words with the enquiry's subject
    and description (faqs/selectors.py). Members-only FAQs only when `user` may see them.

    Each item has `question`, `answer` and `url` (the FAQ's page), which the raise form shows
    above its send button."""
    from councillor_hub.faqs.selectors import matching_faqs as faq_matches

    faqs = faq_matches(service_area, text, user=user)
    for faq in faqs:
        faq.url = reverse("faqs:faq_detail", args=[faq.pk])
    return faqs

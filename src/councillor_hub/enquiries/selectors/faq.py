"""The hook for matching FAQ answers, shown to a member before they send an enquiry."""

from __future__ import annotations

from councillor_hub.core.models import ServiceArea


def matching_faqs(service_area: ServiceArea | None, text: str) -> list:
    """FAQ answers that may answer the member's question, best first.

    The information hub issue fills this in (its FAQ model and search). Until then there are
    no FAQs, so nothing matches. Each item is expected to have `question`, `answer` and,
    optionally, `url`, which the raise form shows above its send button."""
    return []

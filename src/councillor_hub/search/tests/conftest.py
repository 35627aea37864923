"""A small hub to search: a directorate, a service and a team, officers in them, a topic, a
partner, documents (one members only) and FAQs. Everything is created through the ORM, so the
signals index it as the real pages would."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from councillor_hub.core.models import ServiceArea
from councillor_hub.directory.models import (
    Officer,
    OrgUnit,
    PartnerKind,
    PartnerOrganisation,
    Topic,
    UnitKind,
)
from councillor_hub.faqs.models import Faq
from councillor_hub.library.models import Document, DocumentKind, DocumentTag


def make_unit(name, kind=UnitKind.TEAM, parent=None, **extra) -> OrgUnit:
    return OrgUnit.objects.create(name=name, kind=kind, parent=parent, **extra)


def make_officer(full_name, job_title="Officer", unit=None, **extra) -> Officer:
    email = extra.pop("email", full_name.lower().replace(" ", ".") + "@example.org")
    return Officer.objects.create(
        full_name=full_name, job_title=job_title, unit=unit, email=email, **extra
    )


def make_document(title, *, tags=(), **extra) -> Document:
    extra.setdefault("kind", DocumentKind.POLICY)
    extra.setdefault("url", "https://example.org/papers/document")
    document = Document.objects.create(title=title, **extra)
    for tag in tags:
        document.tags.add(tag)
    return document


def make_tag(name) -> DocumentTag:
    return DocumentTag.objects.create(name=name, slug=name.lower().replace(" ", "-"))


def make_faq(question, answer, *, service_area, **extra) -> Faq:
    return Faq.objects.create(question=question, answer=answer, service_area=service_area, **extra)


@dataclass
class Hub:
    highways_area: ServiceArea
    place: OrgUnit
    highways: OrgUnit
    lighting: OrgUnit
    engineer: Officer
    lamp_officer: Officer
    planner: Officer
    police: PartnerOrganisation
    topic: Topic
    streets_tag: DocumentTag
    policy: Document
    allowances: Document
    faq: Faq
    secret_faq: Faq


@pytest.fixture
def hub(world) -> Hub:
    area = world.highways
    place = make_unit("Place", UnitKind.DIRECTORATE)
    highways = make_unit("Highways", UnitKind.SERVICE, place, service_area=area)
    lighting = make_unit("Street Lighting", UnitKind.TEAM, highways)
    engineer = make_officer("Priya Smith", "Senior highways engineer", highways)
    lamp_officer = make_officer("Tom Okafor", "Lighting technician", lighting)
    planner = make_officer("Ann Smith", "Planning officer", place)
    police = PartnerOrganisation.objects.create(name="Demoshire Police", kind=PartnerKind.POLICE)
    topic = Topic.objects.create(
        name="Abandoned vehicles", keywords="dumped cars, untaxed", partner=police
    )
    streets = make_tag("Streets")
    policy = make_document(
        "Winter gritting policy",
        summary="Which roads are gritted first when frost is forecast.",
        tags=[streets],
        unit=highways,
    )
    allowances = make_document(
        "Members' allowances scheme",
        kind=DocumentKind.ALLOWANCES,
        summary="Basic and special responsibility allowances, and how to claim travel.",
        members_only=True,
    )
    faq = make_faq(
        "How do I report a pothole?",
        "Report it online; the highways inspectors visit within five working days.",
        service_area=area,
        keywords="road damage",
    )
    secret_faq = make_faq(
        "Who briefs members on the budget?",
        "The finance team runs a confidential quarterly briefing.",
        service_area=area,
        members_only=True,
    )
    return Hub(
        highways_area=area,
        place=place,
        highways=highways,
        lighting=lighting,
        engineer=engineer,
        lamp_officer=lamp_officer,
        planner=planner,
        police=police,
        topic=topic,
        streets_tag=streets,
        policy=policy,
        allowances=allowances,
        faq=faq,
        secret_faq=secret_faq,
    )

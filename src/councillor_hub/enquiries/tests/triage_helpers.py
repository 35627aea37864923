"""Shared set-up for the member support team's tests (triage and sending)."""

import datetime

from django.utils import timezone

from councillor_hub.directory.models import ContactKind, OutOfHoursContact, PartnerOrganisation
from councillor_hub.enquiries.models import EnquiryStatus

from .factories import EnquiryCategoryFactory, EnquiryFactory

SECRET = "The resident at 4 Elm Row has a disabled child"


def new_enquiry(world, **kwargs):
    fields = {
        "member": world.councillor,
        "service_area": world.highways,
        "status": EnquiryStatus.NEW,
        "urgency": "",
        "subject": "Broken streetlight by the primary school",
        "description": SECRET,
        "received_at": timezone.now() - datetime.timedelta(hours=2),
    }
    fields.update(kwargs)
    return EnquiryFactory(**fields)


def potholes(world):
    return EnquiryCategoryFactory(service_area=world.highways, name="Potholes")


def police():
    return PartnerOrganisation.objects.create(
        name="Demoshire Police",
        kind="police",
        contact_name="Neighbourhood team",
        email="neighbourhood@police.test",
        phone="101",
    )


def safeguarding_contact(service_area=None):
    return OutOfHoursContact.objects.create(
        service_area=service_area,
        kind=ContactKind.SAFEGUARDING,
        name="Safeguarding hub",
        phone="01234 567890",
        email="safeguarding@council.test",
        review_date=datetime.date(2030, 1, 1),
    )

"""Enquiry visibility remembers its parts for a request (issue 7); a change made during the
request (routing, naming a viewer) is seen at once."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from councillor_hub.accounts.tests.factories import ServiceAreaFactory, UserFactory
from councillor_hub.casework.permissions import request_scope
from councillor_hub.enquiries.permissions import visible_enquiries

from .factories import EnquiryAssignmentFactory, EnquiryFactory


def test_visibility_is_worked_out_once_per_request(world):
    with request_scope():
        list(visible_enquiries(world.highways_officer))
        with CaptureQueriesContext(connection) as queries:
            list(visible_enquiries(world.highways_officer))
        assert len(queries) == 1  # only the enquiries themselves


def test_routing_during_the_request_is_seen(world):
    parks = ServiceAreaFactory(name="Parks", slug="parks")
    enquiry = EnquiryFactory(member=world.councillor, service_area=parks)
    officer = UserFactory()
    with request_scope():
        assert not visible_enquiries(officer).filter(pk=enquiry.pk).exists()
        EnquiryAssignmentFactory(enquiry=enquiry, service_area=parks, officer=officer)
        assert visible_enquiries(officer).filter(pk=enquiry.pk).exists()


def test_naming_a_viewer_during_the_request_is_seen(world):
    enquiry = EnquiryFactory(member=world.councillor, is_sensitive=True)
    viewer = UserFactory()
    with request_scope():
        assert not visible_enquiries(viewer).filter(pk=enquiry.pk).exists()
        enquiry.named_viewers.add(viewer)
        assert visible_enquiries(viewer).filter(pk=enquiry.pk).exists()

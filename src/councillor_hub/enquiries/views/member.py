"""PLACEHOLDER: replaced by the real views for this area."""

from django.http import Http404
from django.views import View


class MyEnquiriesView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class EnquiryCreateView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class EnquiryDetailView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class MemberReplyView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class RateView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class AttachmentDownloadView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")

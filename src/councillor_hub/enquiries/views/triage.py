"""PLACEHOLDER: replaced by the real views for this area."""

from django.http import Http404
from django.views import View


class TriageQueueView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class LogOnBehalfView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class TriageView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class ExtendView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class NoteView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class PartnerResponseView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class SendResponseView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")

"""PLACEHOLDER: replaced by the real views for this area."""

from django.http import Http404
from django.views import View


class ServiceQueueView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class DraftResponseView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")

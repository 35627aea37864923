"""PLACEHOLDER: replaced by the real views for this area."""

from django.http import Http404
from django.views import View


class CaseSharingView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class CaseShareRevokeView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class AccessSettingsView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class DelegateRevokeView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class AccessLogView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")

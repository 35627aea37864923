"""PLACEHOLDER: being written. Every view answers 404 until then."""

from django.http import Http404
from django.views import View


class SarListView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404


class SarCreateView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404


class SarDetailView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404


class SarUpdateView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404


class SarMatchView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404


class SarExportView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404

"""PLACEHOLDER: being written. Every view answers 404 until then."""

from django.http import Http404
from django.views import View


class ReviewListView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404


class ReviewBulkView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404


class RetentionPeriodView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404


class RetentionRunListView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404


class ReviewDecideView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404

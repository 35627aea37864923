"""PLACEHOLDER: being written. Every view answers 404 until then."""

from django.http import Http404
from django.views import View


class HandoverView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404

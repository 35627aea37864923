"""PLACEHOLDER: replaced by the real views."""

from django.http import Http404
from django.views import View


class OutOfHoursView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")

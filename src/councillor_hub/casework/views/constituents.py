"""PLACEHOLDER: replaced by the real views for this area."""

from django.http import Http404
from django.views import View


class ConstituentListView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class ConstituentCreateView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class ConstituentDetailView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class ConstituentEditView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class ConsentAddView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class ConstituentMergeView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")

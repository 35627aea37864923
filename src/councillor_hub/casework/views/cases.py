"""PLACEHOLDER: replaced by the real views for this area."""

from django.http import Http404
from django.views import View


class CaseCreateView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class CaseDetailView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class CaseEditView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class CaseStatusView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class TimelineAddView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class AttachmentDownloadView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class CaseConstituentAddView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class CaseConstituentRemoveView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class CaseLinkAddView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")


class CaseHistoryView(View):
    def dispatch(self, request, *args, **kwargs):
        raise Http404("Not built yet")

"""The signed-in person's notifications."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.views.generic import ListView

from .models import Notification
from .services import mark_all_read

PAGE_SIZE = 25


class NotificationListView(LoginRequiredMixin, ListView):
    """List the signed-in person's notifications, newest first; mark them all as read."""

    template_name = "notifications/list.html"
    context_object_name = "notifications"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return Notification.objects.filter(recipient=self.request.user).order_by(
            "-created_at", "-id"
        )

    def paginate_queryset(self, queryset, page_size):
        # Unknown or out-of-range page numbers show the nearest page rather than a 404.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["unread"] = Notification.objects.filter(
            recipient=self.request.user, read_at__isnull=True
        ).count()
        return context

    def post(self, request):
        count = mark_all_read(user=request.user)
        if count:
            messages.success(
                request, f"{count} notification{'s' if count != 1 else ''} marked as read"
            )
        return redirect("notifications:list")

"""Training home, catalogue, sessions and bookings, completions and the calendar feed."""

from django.urls import path

from ..views import catalogue as views

urlpatterns = [
    path("", views.LearningHomeView.as_view(), name="home"),
    path("topics/", views.TopicListView.as_view(), name="topic_list"),
    path("topics/add/", views.TopicCreateView.as_view(), name="topic_create"),
    path("topics/<int:pk>/", views.TopicDetailView.as_view(), name="topic_detail"),
    path("topics/<int:pk>/change/", views.TopicUpdateView.as_view(), name="topic_update"),
    path("sessions/", views.SessionListView.as_view(), name="session_list"),
    path("sessions/add/", views.SessionCreateView.as_view(), name="session_create"),
    path("sessions/<int:pk>/", views.SessionDetailView.as_view(), name="session_detail"),
    path("sessions/<int:pk>/book/", views.SessionBookView.as_view(), name="session_book"),
    path(
        "sessions/<int:pk>/cancel-my-booking/",
        views.MyBookingCancelView.as_view(),
        name="my_booking_cancel",
    ),
    path("sessions/<int:pk>/change/", views.SessionUpdateView.as_view(), name="session_update"),
    path("sessions/<int:pk>/cancel/", views.SessionCancelView.as_view(), name="session_cancel"),
    path(
        "sessions/<int:pk>/bookings/",
        views.SessionBookingsView.as_view(),
        name="session_bookings",
    ),
    path(
        "sessions/<int:pk>/bookings/add/",
        views.SessionBookMemberView.as_view(),
        name="session_book_member",
    ),
    path(
        "sessions/<int:pk>/bookings/<int:booking_pk>/cancel/",
        views.BookingCancelView.as_view(),
        name="booking_cancel",
    ),
    path(
        "sessions/<int:pk>/attendance/",
        views.AttendanceView.as_view(),
        name="session_attendance",
    ),
    path("completions/add/", views.CompletionCreateView.as_view(), name="completion_create"),
    path("completions/import/", views.CompletionImportView.as_view(), name="completion_import"),
    path("calendar/", views.CalendarSettingsView.as_view(), name="calendar"),
    path("calendar/new-address/", views.CalendarRevokeView.as_view(), name="calendar_revoke"),
    path("calendar/<str:token>.ics", views.CalendarFeedView.as_view(), name="calendar_feed"),
]

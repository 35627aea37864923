"""Training: the member development home, the catalogue of topics, sessions and bookings, and
the private calendar feed; for democratic services, managing topics and sessions, bookings,
attendance and completions (by hand or imported).

Anyone signed in can read the catalogue and the sessions (the programme is no secret);
councillors and co-opted members in office book for themselves; democratic services and
administrators manage, and every manage page answers 404 to anyone else. Access needs are
shown only to the member and to managers (the bookings page records an audit VIEW event).
The calendar feed needs no sign-in: its secret address is the key; an unknown one is 404."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.core.forms import form_add_service_errors
from councillor_hub.core.imports import DryRunImportView, PendingImport

from .. import importing
from ..calendar import feed_ics
from ..forms.catalogue import (
    ROLE_LABELS,
    AttendanceForm,
    BookForMemberForm,
    BookingForm,
    CompletionForm,
    CompletionImportForm,
    SessionForm,
    TopicForm,
)
from ..models import (
    Basis,
    Booking,
    BookingStatus,
    CalendarFeed,
    Completion,
    TrainingSession,
    TrainingTopic,
)
from ..permissions import can_manage_learning, can_view_group_progress, is_learner
from ..services import attendance_mark, booking_cancel, completion_record, session_book
from ..services import catalogue as services

PAGE_SIZE = 25
PENDING = PendingImport(session_key="learning_completions_import", folder="learning-imports")


# ------------------------------------------------------------------------------ helpers


class ManagerRequiredMixin(LoginRequiredMixin):
    """Democratic services and administrators only; everyone else signed in gets 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_manage_learning(request.user):
            raise Http404("Not found")
        return super().dispatch(request, *args, **kwargs)


class LearnerRequiredMixin(LoginRequiredMixin):
    """Councillors and co-opted members in office only; everyone else signed in gets 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_learner(request.user):
            raise Http404("Not found")
        return super().dispatch(request, *args, **kwargs)


def validity_label(topic: TrainingTopic) -> str:
    """How long a completion of `topic` counts, in words."""
    if topic.valid_for_months is None:
        return "Does not expire"
    if topic.validity_basis == Basis.MUNICIPAL_YEAR:
        return "Until the end of the municipal year it was completed in"
    months = topic.valid_for_months
    if months % 12 == 0:
        years = months // 12
        return f"{years} year{'s' if years != 1 else ''} from completion"
    return f"{months} month{'s' if months != 1 else ''} from completion"


def required_by(topic: TrainingTopic) -> list[str]:
    """Who must take `topic`: role labels, then committee names (committees prefetched)."""
    who = [ROLE_LABELS.get(role, role) for role in topic.required_for_roles]
    who += [f"Members of {c.name}" for c in topic.required_for_committees.all()]
    return who


def sessions_with_counts(queryset):
    return queryset.select_related("topic").annotate(
        booked_count=Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED)),
        waiting_count=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
    )


def _places_left(session) -> int:
    return max(0, session.capacity - session.booked_count)


def with_waiting_position(bookings):
    """Annotate each waiting booking with its place in its session's queue (1 = next)."""
    ahead = (
        Booking.objects.filter(session=OuterRef("session"), status=BookingStatus.WAITING)
        .filter(
            Q(booked_at__lt=OuterRef("booked_at"))
            | Q(booked_at=OuterRef("booked_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return bookings.annotate(ahead=Coalesce(Subquery(ahead), 0))


def _session_for_page(pk: int) -> TrainingSession:
    return get_object_or_404(sessions_with_counts(TrainingSession.objects.all()), pk=pk)


def _decorate(session) -> None:
    session.places_left = _places_left(session)


# ------------------------------------------------------------------------------ the home


class LearningHomeView(LoginRequiredMixin, TemplateView):
    """Training: a member's bookings, waiting-list places and completions; managers' links."""

    template_name = "learning/catalogue/home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        now = timezone.now()
        context = {
            "is_learner": is_learner(user),
            "can_manage": can_manage_learning(user),
            "is_whip": can_view_group_progress(user),
        }
        if context["is_learner"]:
            mine = Booking.objects.filter(member=user).select_related("session__topic")
            context["upcoming"] = list(
                mine.filter(status=BookingStatus.BOOKED, session__ends_at__gte=now).order_by(
                    "session__starts_at", "pk"
                )
            )
            waiting = list(
                with_waiting_position(
                    mine.filter(status=BookingStatus.WAITING, session__ends_at__gte=now)
                ).order_by("session__starts_at", "pk")
            )
            for booking in waiting:
                booking.position = booking.ahead + 1
            context["waiting"] = waiting
            context["completions"] = list(
                Completion.objects.filter(member=user)
                .select_related("topic", "session")
                .order_by("-completed_on", "-pk")[:50]
            )
        if context["can_manage"]:
            context["awaiting_attendance"] = list(
                sessions_with_counts(
                    TrainingSession.objects.filter(
                        is_cancelled=False,
                        starts_at__lte=now,
                        starts_at__gte=now - datetime.timedelta(days=120),
                    ).filter(
                        Exists(
                            Booking.objects.filter(
                                session=OuterRef("pk"),
                                status=BookingStatus.BOOKED,
                                attended__isnull=True,
                            )
                        )
                    )
                ).order_by("starts_at")[:20]
            )
        context["next_sessions"] = list(
            sessions_with_counts(
                TrainingSession.objects.filter(starts_at__gte=now, is_cancelled=False)
            ).order_by("starts_at", "pk")[:5]
        )
        for session in context["next_sessions"]:
            _decorate(session)
        return super().get_context_data(**context, **kwargs)


# ---------------------------------------------------------------------------- catalogue


class TopicListView(LoginRequiredMixin, TemplateView):
    """The catalogue: every topic, mandatory or not, who must take it and how long it counts."""

    template_name = "learning/catalogue/topic_list.html"

    def get_context_data(self, **kwargs):
        now = timezone.now()
        show = self.request.GET.get("show", "")
        topics = TrainingTopic.objects.prefetch_related("required_for_committees").annotate(
            next_session=Min(
                "sessions__starts_at",
                filter=Q(sessions__starts_at__gte=now, sessions__is_cancelled=False),
            )
        )
        if show == "mandatory":
            topics = topics.filter(is_mandatory=True)
        else:
            show = ""
        topics = list(topics.order_by("-is_mandatory", "name"))
        for topic in topics:
            topic.validity = validity_label(topic)
            topic.who = required_by(topic)
        return super().get_context_data(
            topics=topics, show=show, can_manage=can_manage_learning(self.request.user), **kwargs
        )


class TopicDetailView(LoginRequiredMixin, TemplateView):
    """One topic: what it is, who must take it, how long it counts and its upcoming sessions."""

    template_name = "learning/catalogue/topic_detail.html"

    def get_context_data(self, pk: int, **kwargs):
        user = self.request.user
        topic = get_object_or_404(
            TrainingTopic.objects.prefetch_related("required_for_committees"), pk=pk
        )
        sessions = list(
            sessions_with_counts(topic.sessions.filter(ends_at__gte=timezone.now())).order_by(
                "starts_at", "pk"
            )
        )
        mine = {}
        if is_learner(user):
            mine = {
                b.session_id: b
                for b in Booking.objects.filter(member=user, session__in=sessions).exclude(
                    status=BookingStatus.CANCELLED
                )
            }
        for session in sessions:
            _decorate(session)
            session.my_booking = mine.get(session.pk)
        can_manage = can_manage_learning(user)
        past = []
        if can_manage:
            past = list(
                sessions_with_counts(topic.sessions.filter(ends_at__lt=timezone.now())).order_by(
                    "-starts_at"
                )[:20]
            )
        return super().get_context_data(
            topic=topic,
            validity=validity_label(topic),
            who=required_by(topic),
            sessions=sessions,
            past_sessions=past,
            can_manage=can_manage,
            **kwargs,
        )


class TopicCreateView(ManagerRequiredMixin, View):
    """Add a topic to the catalogue."""

    template_name = "learning/catalogue/topic_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": TopicForm()})

    def post(self, request):
        form = TopicForm(request.POST)
        if form.is_valid():
            try:
                topic = services.topic_create(
                    actor=request.user, request=request, **form.service_arguments()
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, f"{topic.name} added to the catalogue")
                return redirect("learning:topic_detail", pk=topic.pk)
        return render(request, self.template_name, {"form": form})


class TopicUpdateView(ManagerRequiredMixin, View):
    """Change a topic: who must take it and how long it counts."""

    template_name = "learning/catalogue/topic_form.html"

    def get(self, request, pk: int):
        topic = get_object_or_404(TrainingTopic, pk=pk)
        return render(request, self.template_name, {"form": TopicForm(topic=topic), "topic": topic})

    def post(self, request, pk: int):
        topic = get_object_or_404(TrainingTopic, pk=pk)
        form = TopicForm(request.POST, topic=topic)
        if form.is_valid():
            try:
                topic = services.topic_update(
                    actor=request.user, topic=topic, request=request, **form.service_arguments()
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(request, f"{topic.name} saved")
                return redirect("learning:topic_detail", pk=topic.pk)
        return render(request, self.template_name, {"form": form, "topic": topic})


# ----------------------------------------------------------------------------- sessions

WHEN_CHOICES = {"upcoming": "Upcoming sessions", "past": "Past sessions"}


class SessionListView(LoginRequiredMixin, TemplateView):
    """The programme: upcoming sessions (or past ones), with places left."""

    template_name = "learning/catalogue/session_list.html"

    def get_context_data(self, **kwargs):
        when = self.request.GET.get("when", "upcoming")
        if when not in WHEN_CHOICES:
            when = "upcoming"
        now = timezone.now()
        sessions = sessions_with_counts(TrainingSession.objects.all())
        if when == "past":
            sessions = sessions.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
        else:
            sessions = sessions.filter(ends_at__gte=now).order_by("starts_at", "pk")
        page_obj = Paginator(sessions, PAGE_SIZE).get_page(self.request.GET.get("page"))
        for session in page_obj.object_list:
            _decorate(session)
        return super().get_context_data(
            when=when,
            when_label=WHEN_CHOICES[when],
            page_obj=page_obj,
            sessions=page_obj.object_list,
            can_manage=can_manage_learning(self.request.user),
            **kwargs,
        )


class SessionDetailView(LoginRequiredMixin, TemplateView):
    """One session: when, where, trainer, places left, and booking or cancelling a place."""

    template_name = "learning/catalogue/session_detail.html"

    def get_context_data(self, pk: int, **kwargs):
        user = self.request.user
        session = _session_for_page(pk)
        _decorate(session)
        learner = is_learner(user)
        booking = position = None
        if learner:
            booking = (
                with_waiting_position(
                    Booking.objects.filter(session=session, member=user).exclude(
                        status=BookingStatus.CANCELLED
                    )
                )
                .order_by("-pk")
                .first()
            )
            if booking is not None and booking.status == BookingStatus.WAITING:
                position = booking.ahead + 1
        now = timezone.now()
        can_book = (
            learner and booking is None and not session.is_cancelled and session.starts_at > now
        )
        return super().get_context_data(
            session=session,
            is_learner=learner,
            booking=booking,
            position=position,
            can_book=can_book,
            can_cancel=booking is not None and session.starts_at > now,
            has_started=session.starts_at <= now,
            form=BookingForm(
                submit_label="Book a place" if session.places_left else "Join the waiting list"
            )
            if can_book
            else None,
            can_manage=can_manage_learning(user),
            **kwargs,
        )


class SessionBookView(LearnerRequiredMixin, View):
    """A member books a place for themselves (or a waiting-list place when it is full)."""

    template_name = "learning/catalogue/session_book.html"

    def _render(self, request, session, form):
        _decorate(session)
        return render(request, self.template_name, {"session": session, "form": form})

    def get(self, request, pk: int):
        session = _session_for_page(pk)
        _decorate(session)
        return self._render(
            request,
            session,
            BookingForm(
                submit_label="Book a place" if session.places_left else "Join the waiting list"
            ),
        )

    def post(self, request, pk: int):
        session = _session_for_page(pk)
        form = BookingForm(request.POST)
        if form.is_valid():
            try:
                booking = session_book(
                    actor=request.user,
                    session=session,
                    member=request.user,
                    access_needs=form.cleaned_data["access_needs"],
                )
            except PermissionDenied:
                raise Http404("Not found") from None
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                if booking.status == BookingStatus.BOOKED:
                    messages.success(
                        request,
                        "Your place is booked. We have emailed you a calendar invitation.",
                    )
                else:
                    messages.success(
                        request,
                        "The session is full: you are on the waiting list. If a place comes "
                        "free it is yours, and we will email you a calendar invitation.",
                    )
                return redirect("learning:session_detail", pk=session.pk)
        return self._render(request, session, form)


class MyBookingCancelView(LearnerRequiredMixin, View):
    """A member cancels their own place or waiting-list place (confirm, then cancel)."""

    template_name = "learning/catalogue/booking_cancel.html"

    def _booking(self, request, pk: int) -> Booking:
        return get_object_or_404(
            Booking.objects.select_related("session__topic", "member").exclude(
                status=BookingStatus.CANCELLED
            ),
            session_id=pk,
            member=request.user,
        )

    def get(self, request, pk: int):
        booking = self._booking(request, pk)
        return render(request, self.template_name, {"booking": booking, "own": True})

    def post(self, request, pk: int):
        booking = self._booking(request, pk)
        try:
            booking_cancel(actor=request.user, booking=booking)
        except PermissionDenied:
            raise Http404("Not found") from None
        except ValidationError as error:
            return render(
                request,
                self.template_name,
                {"booking": booking, "own": True, "errors": error.messages},
            )
        messages.success(request, f"Your booking for {booking.session.topic.name} is cancelled")
        return redirect("learning:session_detail", pk=pk)


class SessionCreateView(ManagerRequiredMixin, View):
    """Add a session of a topic."""

    template_name = "learning/catalogue/session_form.html"

    def get(self, request):
        topic = None
        topic_id = request.GET.get("topic", "")
        if topic_id.isdigit():
            topic = TrainingTopic.objects.filter(pk=int(topic_id)).first()
        return render(request, self.template_name, {"form": SessionForm(topic=topic)})

    def post(self, request):
        form = SessionForm(request.POST)
        if form.is_valid():
            try:
                session = services.session_create(
                    actor=request.user, request=request, **form.service_arguments()
                )
            except ValidationError as error:
                form_add_service_errors(form, error, aliases=_SESSION_ALIASES)
            else:
                messages.success(request, "Session added")
                return redirect("learning:session_detail", pk=session.pk)
        return render(request, self.template_name, {"form": form})


_SESSION_ALIASES = {"starts_at": "date", "ends_at": "end_time"}


class SessionUpdateView(ManagerRequiredMixin, View):
    """Change a session; booked members get an updated calendar invitation."""

    template_name = "learning/catalogue/session_form.html"

    def _session(self, pk: int) -> TrainingSession:
        session = get_object_or_404(TrainingSession.objects.select_related("topic"), pk=pk)
        if session.is_cancelled:
            raise Http404("Not found")
        return session

    def get(self, request, pk: int):
        session = self._session(pk)
        return render(
            request, self.template_name, {"form": SessionForm(session=session), "session": session}
        )

    def post(self, request, pk: int):
        session = self._session(pk)
        form = SessionForm(request.POST, session=session)
        if form.is_valid():
            try:
                session = services.session_update(
                    actor=request.user, session=session, request=request, **form.service_arguments()
                )
            except ValidationError as error:
                form_add_service_errors(form, error, aliases=_SESSION_ALIASES)
            else:
                messages.success(request, "Session saved")
                return redirect("learning:session_detail", pk=session.pk)
        return render(request, self.template_name, {"form": form, "session": session})


class SessionCancelView(ManagerRequiredMixin, View):
    """Confirm, then cancel a session; everyone booked or waiting is told."""

    template_name = "learning/catalogue/session_cancel.html"

    def get(self, request, pk: int):
        session = _session_for_page(pk)
        return render(request, self.template_name, {"session": session})

    def post(self, request, pk: int):
        session = _session_for_page(pk)
        try:
            told = services.session_cancel(actor=request.user, session=session, request=request)
        except ValidationError as error:
            return render(
                request, self.template_name, {"session": session, "errors": error.messages}
            )
        messages.success(
            request,
            f"Session cancelled. {told} member{'s' if told != 1 else ''} "
            f"{'have' if told != 1 else 'has'} been told.",
        )
        return redirect("learning:session_detail", pk=session.pk)


class SessionBookingsView(ManagerRequiredMixin, TemplateView):
    """The session's bookings and waiting list, with access needs (an audited view)."""

    template_name = "learning/catalogue/session_bookings.html"

    def get_context_data(self, pk: int, **kwargs):
        session = _session_for_page(pk)
        _decorate(session)
        bookings = list(
            Booking.objects.filter(session=session)
            .select_related("member", "marked_by")
            .order_by("booked_at", "pk")
        )
        booked = [b for b in bookings if b.status == BookingStatus.BOOKED]
        waiting = [b for b in bookings if b.status == BookingStatus.WAITING]
        for number, booking in enumerate(waiting, start=1):
            booking.position = number
        cancelled = [b for b in bookings if b.status == BookingStatus.CANCELLED]
        audit_record(
            actor=self.request.user,
            action=Action.VIEW,
            obj=session,
            label=f"Training session #{session.pk} bookings",
            request=self.request,
        )
        return super().get_context_data(
            session=session,
            booked=booked,
            waiting=waiting,
            cancelled=cancelled,
            has_started=session.has_started(),
            **kwargs,
        )


class SessionBookMemberView(ManagerRequiredMixin, View):
    """Democratic services book a member onto a session (or its waiting list)."""

    template_name = "learning/catalogue/session_book_member.html"

    def get(self, request, pk: int):
        session = _session_for_page(pk)
        _decorate(session)
        return render(
            request, self.template_name, {"session": session, "form": BookForMemberForm()}
        )

    def post(self, request, pk: int):
        session = _session_for_page(pk)
        _decorate(session)
        form = BookForMemberForm(request.POST)
        if form.is_valid():
            member = form.cleaned_data["member"]
            try:
                booking = session_book(
                    actor=request.user,
                    session=session,
                    member=member,
                    access_needs=form.cleaned_data["access_needs"],
                )
            except PermissionDenied:
                form.add_error("member", "This person is not a member in office: select a member")
            except ValidationError as error:
                message = " ".join(error.messages)
                if "already booked" in message:
                    message = f"{member.full_name} is already booked on this session"
                form.add_error(None, message)
            else:
                where = (
                    "booked on the session"
                    if booking.status == BookingStatus.BOOKED
                    else "added to the waiting list"
                )
                messages.success(request, f"{member.full_name} {where}")
                return redirect("learning:session_bookings", pk=session.pk)
        return render(request, self.template_name, {"session": session, "form": form})


class BookingCancelView(ManagerRequiredMixin, View):
    """Democratic services cancel a member's booking (confirm first)."""

    template_name = "learning/catalogue/booking_cancel.html"

    def _booking(self, pk: int, booking_pk: int) -> Booking:
        return get_object_or_404(
            Booking.objects.select_related("session__topic", "member").exclude(
                status=BookingStatus.CANCELLED
            ),
            session_id=pk,
            pk=booking_pk,
        )

    def get(self, request, pk: int, booking_pk: int):
        booking = self._booking(pk, booking_pk)
        return render(request, self.template_name, {"booking": booking, "own": False})

    def post(self, request, pk: int, booking_pk: int):
        booking = self._booking(pk, booking_pk)
        try:
            result = booking_cancel(actor=request.user, booking=booking)
        except (PermissionDenied, ValidationError) as error:
            text = getattr(error, "messages", ["This booking cannot be cancelled"])
            return render(
                request, self.template_name, {"booking": booking, "own": False, "errors": text}
            )
        text = f"Booking for {booking.member.full_name} cancelled"
        if result.promoted is not None:
            text += f". {result.promoted.member.full_name} has the place from the waiting list"
        messages.success(request, text)
        return redirect("learning:session_bookings", pk=pk)


class AttendanceView(ManagerRequiredMixin, View):
    """Mark who attended a session that has started; attendees get a completion."""

    template_name = "learning/catalogue/attendance.html"

    def _load(self, pk: int):
        session = _session_for_page(pk)
        bookings = list(
            Booking.objects.filter(session=session, status=BookingStatus.BOOKED)
            .select_related("member")
            .order_by("member__full_name", "pk")
        )
        return session, bookings

    def _render(self, request, session, bookings, form, errors=()):
        return render(
            request,
            self.template_name,
            {
                "session": session,
                "bookings": bookings,
                "form": form,
                "not_started": not session.has_started(),
                "errors": errors,
            },
        )

    def get(self, request, pk: int):
        session, bookings = self._load(pk)
        initial = {"attended": [str(b.member_id) for b in bookings if b.attended]}
        form = AttendanceForm(bookings=bookings, initial=initial)
        return self._render(request, session, bookings, form)

    def post(self, request, pk: int):
        session, bookings = self._load(pk)
        form = AttendanceForm(request.POST, bookings=bookings)
        if form.is_valid():
            try:
                count = attendance_mark(
                    actor=request.user, session=session, attended=form.attended_ids()
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(
                    request,
                    f"Attendance saved: {count} of {len(bookings)} attended. Their training "
                    "records are updated.",
                )
                return redirect("learning:session_bookings", pk=session.pk)
        return self._render(request, session, bookings, form)


# --------------------------------------------------------------------------- completions


class CompletionCreateView(ManagerRequiredMixin, View):
    """Record by hand training a member completed outside the council's sessions."""

    template_name = "learning/catalogue/completion_form.html"

    def get(self, request):
        initial = {}
        member = request.GET.get("member", "")
        if member.isdigit():
            initial["member"] = int(member)
        return render(request, self.template_name, {"form": CompletionForm(initial=initial)})

    def post(self, request):
        form = CompletionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                completion_record(
                    actor=request.user,
                    member=data["member"],
                    topic=data["topic"],
                    completed_on=data["completed_on"],
                    source=data["source"],
                    note=data["note"],
                )
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"{data['topic'].name} recorded as completed by {data['member'].full_name} "
                    f"on {data['completed_on'].day} {data['completed_on']:%B %Y}",
                )
                return redirect("learning:completion_create")
        return render(request, self.template_name, {"form": form})


class CompletionImportView(ManagerRequiredMixin, DryRunImportView):
    """Import e-learning completions from a learning platform's CSV: check, then apply."""

    template_name = "learning/catalogue/completion_import.html"
    form_class = CompletionImportForm
    pending = PENDING
    importing = importing
    url_name = "learning:completion_import"
    nothing_done = "recorded"

    def apply(self, request, *, text, fingerprint):
        return services.completions_import_apply(
            actor=request.user, text=text, fingerprint=fingerprint, request=request
        )

    def success_message(self, result) -> str:
        return (
            f"Completions imported: {result.recorded} recorded, {result.skipped} skipped as "
            "already recorded"
        )


# -------------------------------------------------------------------------- calendar feed


class CalendarSettingsView(LearnerRequiredMixin, TemplateView):
    """My calendar feed: the private address to subscribe to, and a button to replace it."""

    template_name = "learning/catalogue/calendar.html"

    def get_context_data(self, **kwargs):
        feed = services.calendar_feed_for(actor=self.request.user, member=self.request.user)
        url = self.request.build_absolute_uri(reverse("learning:calendar_feed", args=[feed.token]))
        webcal = "webcal://" + url.split("://", 1)[1]
        return super().get_context_data(feed=feed, feed_url=url, webcal_url=webcal, **kwargs)


class CalendarRevokeView(LearnerRequiredMixin, View):
    """Replace the feed's secret address; the old one stops working at once."""

    http_method_names = ["post"]

    def post(self, request):
        services.calendar_feed_revoke(actor=request.user, member=request.user, request=request)
        messages.success(
            request,
            "Your calendar feed has a new address. The old address no longer works: subscribe "
            "again with the new one.",
        )
        return redirect("learning:calendar")


class CalendarFeedView(View):
    """The member's booked sessions as iCalendar, at a secret address (no sign-in)."""

    http_method_names = ["get", "head"]

    def get(self, request, token: str):
        feed = (
            CalendarFeed.objects.select_related("member")
            .filter(token=token, member__is_active=True)
            .first()
        )
        if feed is None or len(token) < 20 or not is_learner(feed.member):
            raise Http404("Not found")
        bookings = list(
            Booking.objects.filter(member=feed.member, status=BookingStatus.BOOKED)
            .select_related("session__topic")
            .order_by("session__starts_at", "pk")
        )
        now = timezone.now()
        if feed.last_used_at is None or now - feed.last_used_at > datetime.timedelta(hours=1):
            CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
        response = HttpResponse(
            feed_ics(feed.member, bookings), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = 'inline; filename="training.ics"'
        response["Cache-Control"] = "no-store, private"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

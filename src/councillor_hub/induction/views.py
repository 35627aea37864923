"""Induction pages: the public programme; "My induction" for members; for democratic
services the checklist items, intakes (dates, members, progress grid per member and per
group), a member's checklist (tick items, buddies) and the DBS tracker for every member; for
whips their own group's progress and DBS state only.

Manager and whip pages answer 404 to anyone else (never saying what exists). Pages showing
one member's induction or DBS details to someone else record an audit VIEW event."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.core.forms import form_add_service_errors

from . import selectors, services
from .forms import (
    AddMembersForm,
    BuddiesForm,
    ChecklistItemForm,
    DbsFilterForm,
    DbsForm,
    IntakeDateForm,
    IntakeForm,
    ProgressForm,
    TickForm,
)
from .models import ChecklistItem, DbsCheck, DerivedFrom, Intake, IntakeDate, MemberInduction
from .permissions import can_manage_induction, can_see_own_induction, whip_groups


def _not_found():
    return Http404("Not found")


class ManagerMixin(LoginRequiredMixin):
    """Signed-in democratic services officers and administrators only; others 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_manage_induction(request.user):
            raise _not_found()
        return super().dispatch(request, *args, **kwargs)


class ServiceFormView(ManagerMixin, View):
    """A manager's form page: GET shows the form, POST validates it and calls `save`, which
    calls a service; a service's ValidationError is shown on the form."""

    template_name = ""
    form_class = None

    def setup_objects(self, **kwargs) -> dict:
        return {}

    def form_kwargs(self) -> dict:
        return {}

    def initial(self) -> dict:
        return {}

    def save(self, form):  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def _render(self, form):
        return render(self.request, self.template_name, {"form": form, **self.objects})

    def get(self, request, **kwargs):
        self.objects = self.setup_objects(**kwargs)
        return self._render(self.form_class(initial=self.initial(), **self.form_kwargs()))

    def post(self, request, **kwargs):
        self.objects = self.setup_objects(**kwargs)
        form = self.form_class(request.POST, **self.form_kwargs())
        if form.is_valid():
            try:
                return self.save(form)
            except PermissionDenied:
                raise _not_found() from None
            except ValidationError as error:
                form_add_service_errors(form, error)
        return self._render(form)


# --- Public --------------------------------------------------------------------------------


class ProgrammeView(TemplateView):
    """The public induction programme and key dates of published intakes (no sign-in)."""

    template_name = "induction/programme.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(
            intakes=list(selectors.published_intakes(today)), today=today, **kwargs
        )


# --- Members -------------------------------------------------------------------------------


class HomeView(LoginRequiredMixin, TemplateView):
    """ "My induction": the member's checklist, buddies and key dates; managers' links."""

    template_name = "induction/home.html"

    def get_context_data(self, **kwargs):
        user, today = self.request.user, timezone.localdate()
        is_member = can_see_own_induction(user)
        is_manager = can_manage_induction(user)
        is_whip = bool(whip_groups(user))
        if not (is_member or is_manager or is_whip):
            raise _not_found()
        induction = selectors.own_inductions(user).first() if is_member else None
        dbs = DbsCheck.objects.filter(member=user).first() if is_member else None
        return super().get_context_data(
            is_member=is_member,
            is_manager=is_manager,
            is_whip=is_whip,
            induction=induction,
            checklist=selectors.checklist_for(induction, today) if induction else [],
            dates=list(induction.intake.dates.all()) if induction else [],
            dbs=dbs,
            today=today,
            **kwargs,
        )


class GroupProgressView(LoginRequiredMixin, TemplateView):
    """A whip's own group: each member's induction progress and DBS state, nothing more."""

    template_name = "induction/group_progress.html"

    def get_context_data(self, **kwargs):
        groups = whip_groups(self.request.user)
        if not groups:
            raise _not_found()
        rows = selectors.whip_rows(groups, timezone.localdate())
        audit_record(
            actor=self.request.user,
            action=Action.VIEW,
            object_type="induction.groupprogress",
            label="Group induction progress",
            request=self.request,
        )
        return super().get_context_data(rows=rows, **kwargs)


# --- Checklist items -----------------------------------------------------------------------


class ItemListView(ManagerMixin, TemplateView):
    """The induction checklist, in order, active and retired items."""

    template_name = "induction/item_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(items=list(ChecklistItem.objects.all()), **kwargs)


class ItemCreateView(ServiceFormView):
    """Add a checklist item."""

    template_name = "induction/item_form.html"
    form_class = ChecklistItemForm

    def initial(self):
        last = ChecklistItem.objects.order_by("-order").values_list("order", flat=True).first()
        return {"order": (last or 0) + 10, "is_active": True}

    def save(self, form):
        item = services.checklist_item_create(actor=self.request.user, **form.cleaned_data)
        messages.success(self.request, f"{item.title} added to the checklist")
        return redirect("induction:item_list")


class ItemUpdateView(ServiceFormView):
    """Change, reorder or retire a checklist item."""

    template_name = "induction/item_form.html"
    form_class = ChecklistItemForm

    def setup_objects(self, pk):
        return {"item": get_object_or_404(ChecklistItem, pk=pk)}

    def form_kwargs(self):
        return {"submit": "Save item"}

    def initial(self):
        item = self.objects["item"]
        return {
            "title": item.title,
            "description": item.description,
            "derived_from": item.derived_from,
            "order": item.order,
            "is_active": item.is_active,
        }

    def save(self, form):
        item = services.checklist_item_update(
            actor=self.request.user, item=self.objects["item"], **form.cleaned_data
        )
        messages.success(self.request, f"{item.title} saved")
        return redirect("induction:item_list")


# --- Intakes -------------------------------------------------------------------------------


class IntakeListView(ManagerMixin, TemplateView):
    """Every intake, newest election first, with how many members it has."""

    template_name = "induction/intake_list.html"

    def get_context_data(self, **kwargs):
        from django.db.models import Count

        intakes = Intake.objects.annotate(member_count=Count("inductions"))
        return super().get_context_data(intakes=list(intakes), today=timezone.localdate(), **kwargs)


class IntakeCreateView(ServiceFormView):
    """Add an intake for an election or by-election."""

    template_name = "induction/intake_form.html"
    form_class = IntakeForm

    def save(self, form):
        intake = services.intake_create(actor=self.request.user, **form.cleaned_data)
        messages.success(self.request, f"{intake.name} added")
        return redirect("induction:intake_detail", pk=intake.pk)


class IntakeUpdateView(ServiceFormView):
    """Change an intake's name, election date, public summary and publication date."""

    template_name = "induction/intake_form.html"
    form_class = IntakeForm

    def setup_objects(self, pk):
        return {"intake": get_object_or_404(Intake, pk=pk)}

    def initial(self):
        intake = self.objects["intake"]
        return {
            "name": intake.name,
            "kind": intake.kind,
            "election_date": intake.election_date,
            "public_summary": intake.public_summary,
            "published_from": intake.published_from,
        }

    def save(self, form):
        intake = services.intake_update(
            actor=self.request.user, intake=self.objects["intake"], **form.cleaned_data
        )
        messages.success(self.request, f"{intake.name} saved")
        return redirect("induction:intake_detail", pk=intake.pk)


class IntakeDetailView(ManagerMixin, TemplateView):
    """An intake: its dates, progress per group and the member × item progress grid."""

    template_name = "induction/intake_detail.html"

    def get_context_data(self, pk, **kwargs):
        intake = get_object_or_404(Intake, pk=pk)
        today = timezone.localdate()
        items, rows = selectors.intake_grid(intake, today)
        dbs = selectors.dbs_states([row.induction.member_id for row in rows])
        groups = selectors.group_summaries(rows, dbs)
        # The grid can show one group's members (?group=<label>); anything else shows everyone.
        chosen = self.request.GET.get("group", "")
        if chosen not in {group.label for group in groups}:
            chosen = ""
        shown = [row for row in rows if row.group_label == chosen] if chosen else rows
        audit_record(
            actor=self.request.user,
            action=Action.VIEW,
            obj=intake,
            label=f"Intake #{intake.pk} progress",
            request=self.request,
        )
        return super().get_context_data(
            intake=intake,
            dates=list(intake.dates.all()),
            items=items,
            rows=shown,
            member_count=len(rows),
            groups=groups,
            chosen_group=chosen,
            is_published=intake.is_published(today),
            **kwargs,
        )


class IntakeDateCreateView(ServiceFormView):
    """Add a key date or programme event to an intake."""

    template_name = "induction/date_form.html"
    form_class = IntakeDateForm

    def setup_objects(self, pk):
        return {"intake": get_object_or_404(Intake, pk=pk)}

    def save(self, form):
        intake = self.objects["intake"]
        date = services.intake_date_save(
            actor=self.request.user, intake=intake, **form.cleaned_data
        )
        messages.success(self.request, f"{date.title} added")
        return redirect("induction:intake_detail", pk=intake.pk)


class IntakeDateUpdateView(ServiceFormView):
    """Change a key date or programme event."""

    template_name = "induction/date_form.html"
    form_class = IntakeDateForm

    def setup_objects(self, pk, date_pk):
        intake = get_object_or_404(Intake, pk=pk)
        return {"intake": intake, "date": get_object_or_404(IntakeDate, pk=date_pk, intake=intake)}

    def initial(self):
        date = self.objects["date"]
        return {
            name: getattr(date, name)
            for name in ("kind", "title", "on", "time", "location", "description")
        }

    def save(self, form):
        intake, date = self.objects["intake"], self.objects["date"]
        date = services.intake_date_save(
            actor=self.request.user, intake=intake, date=date, **form.cleaned_data
        )
        messages.success(self.request, f"{date.title} saved")
        return redirect("induction:intake_detail", pk=intake.pk)


class IntakeDateDeleteView(ManagerMixin, View):
    """Confirm and remove a key date or programme event."""

    template_name = "induction/date_confirm_delete.html"

    def _objects(self, pk, date_pk):
        intake = get_object_or_404(Intake, pk=pk)
        return intake, get_object_or_404(IntakeDate, pk=date_pk, intake=intake)

    def get(self, request, pk, date_pk):
        intake, date = self._objects(pk, date_pk)
        return render(request, self.template_name, {"intake": intake, "date": date})

    def post(self, request, pk, date_pk):
        intake, date = self._objects(pk, date_pk)
        title = date.title
        services.intake_date_delete(actor=request.user, date=date)
        messages.success(request, f"{title} removed")
        return redirect("induction:intake_detail", pk=intake.pk)


class IntakeMembersAddView(ServiceFormView):
    """Add members in office to an intake."""

    template_name = "induction/members_form.html"
    form_class = AddMembersForm

    def setup_objects(self, pk):
        return {"intake": get_object_or_404(Intake, pk=pk)}

    def form_kwargs(self):
        return {"intake": self.objects["intake"], "today": timezone.localdate()}

    def save(self, form):
        intake = self.objects["intake"]
        created = services.intake_members_add(
            actor=self.request.user, intake=intake, members=form.cleaned_data["members"]
        )
        count = len(created)
        messages.success(self.request, f"{count} member{'s' if count != 1 else ''} added")
        return redirect("induction:intake_detail", pk=intake.pk)


# --- One member's induction ----------------------------------------------------------------


def _induction(pk) -> MemberInduction:
    return get_object_or_404(
        MemberInduction.objects.select_related(
            "intake",
            "member__councillor_profile__political_group",
            "political_buddy",
            "officer_buddy",
        ),
        pk=pk,
    )


class MemberInductionView(ManagerMixin, View):
    """A member's checklist: tick hand-ticked items; derived items shown as they stand."""

    template_name = "induction/member_induction.html"

    def _render(self, request, induction, form):
        today = timezone.localdate()
        return render(
            request,
            self.template_name,
            {
                "induction": induction,
                "checklist": selectors.checklist_for(induction, today),
                "group_label": selectors.group_of(induction.member)[1],
                "form": form,
            },
        )

    def _manual_items(self):
        return list(ChecklistItem.objects.filter(is_active=True, derived_from=DerivedFrom.MANUAL))

    def get(self, request, pk):
        induction = _induction(pk)
        done = induction.progress.values_list("item_id", flat=True)
        form = TickForm(items=self._manual_items(), initial={"items": [str(i) for i in done]})
        audit_record(
            actor=request.user,
            action=Action.VIEW,
            obj=induction,
            label=f"Induction #{induction.pk}",
            data_controller=induction.member,
            request=request,
        )
        return self._render(request, induction, form)

    def post(self, request, pk):
        induction = _induction(pk)
        form = TickForm(request.POST, items=self._manual_items())
        if not form.is_valid():
            return self._render(request, induction, form)
        ticked, unticked = services.progress_tick(
            actor=request.user, induction=induction, done_item_ids=form.done_item_ids()
        )
        messages.success(
            request, f"Checklist saved: {ticked} item(s) marked done, {unticked} marked not done"
        )
        return redirect("induction:member_induction", pk=induction.pk)


class MemberItemView(ServiceFormView):
    """One hand-ticked item for one member: done or not, the date and a note."""

    template_name = "induction/member_item.html"
    form_class = ProgressForm

    def setup_objects(self, pk, item_pk):
        induction = _induction(pk)
        item = get_object_or_404(ChecklistItem, pk=item_pk, derived_from=DerivedFrom.MANUAL)
        progress = induction.progress.filter(item=item).select_related("done_by").first()
        return {"induction": induction, "item": item, "progress": progress}

    def initial(self):
        progress = self.objects["progress"]
        if progress is None:
            return {}
        return {"done": True, "done_on": progress.done_on, "note": progress.note}

    def save(self, form):
        induction, item = self.objects["induction"], self.objects["item"]
        services.progress_record(
            actor=self.request.user, induction=induction, item=item, **form.cleaned_data
        )
        messages.success(self.request, f"{item.title} saved")
        return redirect("induction:member_induction", pk=induction.pk)


class MemberBuddiesView(ServiceFormView):
    """Allocate a member's political buddy and officer buddy."""

    template_name = "induction/buddies_form.html"
    form_class = BuddiesForm

    def setup_objects(self, pk):
        return {"induction": _induction(pk)}

    def form_kwargs(self):
        return {"induction": self.objects["induction"], "today": timezone.localdate()}

    def initial(self):
        induction = self.objects["induction"]
        return {
            "political_buddy": induction.political_buddy_id,
            "officer_buddy": induction.officer_buddy_id,
        }

    def save(self, form):
        induction = services.induction_buddies_set(
            actor=self.request.user, induction=self.objects["induction"], **form.cleaned_data
        )
        messages.success(self.request, "Buddies saved")
        return redirect("induction:member_induction", pk=induction.pk)


# --- DBS -----------------------------------------------------------------------------------


class DbsListView(ManagerMixin, TemplateView):
    """Every member in office with the state of their DBS check, filtered by state and group."""

    template_name = "induction/dbs_list.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        form = DbsFilterForm(self.request.GET or None)
        filters = form.filters()
        rows = selectors.dbs_rows(today, **filters)
        audit_record(
            actor=self.request.user,
            action=Action.VIEW,
            object_type="induction.dbscheck",
            label="DBS tracker",
            request=self.request,
        )
        return super().get_context_data(
            form=form,
            rows=rows,
            today=today,
            is_filtered=bool(filters),
            overdue={row.member.pk for row in rows if row.renewal_overdue(today)},
            **kwargs,
        )


class DbsUpdateView(ServiceFormView):
    """Record the state and dates of one member's DBS check."""

    template_name = "induction/dbs_form.html"
    form_class = DbsForm

    def setup_objects(self, member_pk):
        member = get_object_or_404(selectors.members_in_office(timezone.localdate()), pk=member_pk)
        check = DbsCheck.objects.filter(member=member).first()
        if self.request.method == "GET":
            audit_record(
                actor=self.request.user,
                action=Action.VIEW,
                object_type="induction.dbscheck",
                object_id=check.pk if check else "",
                label=f"DBS check #{check.pk}" if check else "DBS check (not started)",
                data_controller=member,
                request=self.request,
            )
        return {"member": member, "check": check}

    def initial(self):
        check = self.objects["check"]
        if check is None:
            return {"state": "not_started"}
        return {
            "state": check.state,
            "submitted_on": check.submitted_on,
            "verified_on": check.verified_on,
            "renewal_due_on": check.renewal_due_on,
        }

    def save(self, form):
        services.dbs_check_set(
            actor=self.request.user, member=self.objects["member"], **form.cleaned_data
        )
        messages.success(self.request, f"DBS check saved for {self.objects['member'].full_name}")
        return redirect(reverse("induction:dbs_list"))

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record

from .forms import NewPasswordForm, ResetRequestForm, SignInForm
from .models import User


class SignInView(auth_views.LoginView):
    """Sign in with email and password; repeated failures are throttled by django-axes."""

    template_name = "accounts/login.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(
            actor=self.request.user,
            action=Action.LOGIN,
            obj=self.request.user,
            request=self.request,
        )
        return response

    def form_invalid(self, form):
        if form.non_field_errors():
            # A wrong password (or a locked account). The audit names the account by id only,
            # so an owner's access log can show failed attempts without storing what was typed.
            email = (form.data.get("username") or "").strip().lower()
            user_id = User.objects.filter(email=email).values_list("pk", flat=True).first()
            audit_record(
                actor=None,
                action=Action.LOGIN_FAILED,
                object_type="accounts.user",
                object_id=user_id or "",
                request=self.request,
            )
        return super().form_invalid(form)


class SignOutView(auth_views.LogoutView):
    """Sign out (POST only) and record it."""

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            audit_record(
                actor=request.user, action=Action.LOGOUT, obj=request.user, request=request
            )
        return super().post(request, *args, **kwargs)


class ResetRequestView(auth_views.PasswordResetView):
    """Ask for a password reset link by email. Says the same whether or not the account exists."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    form_class = ResetRequestForm
    success_url = reverse_lazy("accounts:password_reset_done")


class ResetDoneView(auth_views.PasswordResetDoneView):
    """Confirmation that a reset link is on its way."""

    template_name = "accounts/password_reset_done.html"


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choose a new password from the emailed link."""

    template_name = "accounts/password_reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")


class ResetCompleteView(auth_views.PasswordResetCompleteView):
    """The password has been changed."""

    template_name = "accounts/password_reset_complete.html"

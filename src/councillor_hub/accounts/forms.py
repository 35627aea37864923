from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm

from councillor_hub.core.forms import GovukFormMixin


class SignInForm(GovukFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "Enter a correct email address and password. Passwords are case-sensitive."
        ),
        "inactive": "This account has been closed. Contact the member support team.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autocomplete": "email", "spellcheck": "false", "autofocus": True}
        )
        self.fields["username"].error_messages["required"] = "Enter your email address"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.add_submit("Sign in")

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class ResetRequestForm(GovukFormMixin, PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"
        self.fields["email"].error_messages["required"] = "Enter your email address"
        self.add_submit("Send reset link")


class NewPasswordForm(GovukFormMixin, SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = (
            "Use at least 12 characters. Three random words work well. "
            "Avoid common passwords and anything about you."
        )
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].error_messages["required"] = "Confirm your new password"
        self.add_submit("Change password")

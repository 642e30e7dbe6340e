"""allauth's forms with the site's own labels (sentence case, as everywhere on the site), named in
settings.ACCOUNT_FORMS. The fields, their checks and allauth's flows are unchanged."""

from allauth.account import forms as allauth_forms


class SiteLabels:
    """Relabels the fields named in `labels` and drops allauth's placeholders, which repeat the
    label inside the box (and vanish as soon as someone types)."""

    labels: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in self.labels:
                field.label = self.labels[name]
            field.widget.attrs.pop("placeholder", None)


class LoginForm(SiteLabels, allauth_forms.LoginForm):
    labels = {"login": "Email address", "remember": "Keep me signed in on this device"}


class ChangePasswordForm(SiteLabels, allauth_forms.ChangePasswordForm):
    labels = {
        "oldpassword": "Current password",
        "password1": "New password",
        "password2": "New password again",
    }


class SetPasswordForm(SiteLabels, allauth_forms.SetPasswordForm):
    labels = {"password1": "Password", "password2": "Password again"}


class ResetPasswordForm(SiteLabels, allauth_forms.ResetPasswordForm):
    labels = {"email": "Email address"}


class ResetPasswordKeyForm(SiteLabels, allauth_forms.ResetPasswordKeyForm):
    labels = {"password1": "New password", "password2": "New password again"}


class ReauthenticateForm(SiteLabels, allauth_forms.ReauthenticateForm):
    labels = {"password": "Password"}

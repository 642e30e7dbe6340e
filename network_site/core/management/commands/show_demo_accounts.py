from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from network_site.core.demo import demo_modules


def demo_second_step(email):
    """Staff sign in with a second step: the authenticator app's secret (add it to any
    authenticator app) and one unused recovery code (each works once)."""
    from network_site.membership.models import User
    from network_site.membership.second_factor import (
        authenticator_app_secret,
        unused_recovery_codes,
    )

    user = User.objects.filter(email__iexact=email).first()
    secret = authenticator_app_secret(user) if user else None
    if not secret:
        return ""
    codes = unused_recovery_codes(user)
    recovery = f", or a recovery code: {codes[0]}" if codes else ""
    return f"second step: authenticator app secret {secret}{recovery}"


class Command(BaseCommand):
    help = "Prints the demo accounts and where development mail goes (the end of `make run`)."

    def handle(self, *args, **options):
        if not settings.DEMO_ACCOUNTS_ENABLED and not settings.DEBUG:
            raise CommandError("Demo accounts exist on development and test sites only.")
        rows = [("Administrator", "admin@example.org", settings.DEMO_ADMIN_PASSWORD)]
        for module in demo_modules():
            if hasattr(module, "accounts"):
                rows.extend(module.accounts())
        width = max(len(email) for _role, email, _password in rows)
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS("Demo accounts (development only): sign in at /accounts/login/")
        )
        for role, email, password in rows:
            self.stdout.write(f"  {role:<14} {email:<{width}}  password: {password}")
            second_step = demo_second_step(email)
            if second_step:
                self.stdout.write(f"  {'':<14} {'':<{width}}  {second_step}")
        mailer = settings.MAILERS["delivery"]
        folder = mailer.get("OPTIONS", {}).get("file_path")
        if folder:
            self.stdout.write(f"Mail the site sends is written to {folder}/ (one .eml file each).")
        self.stdout.write("")

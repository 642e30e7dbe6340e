from django.core.management.base import BaseCommand, CommandError
from wagtail.log_actions import log

from network_site.membership.models import User
from network_site.membership.second_factor import remove_second_factors


class Command(BaseCommand):
    help = (
        "Removes an account's two-step sign-in (authenticator app, security keys, recovery codes) "
        "when its owner has lost their device and their recovery codes: they sign in with their "
        "password and, if they are staff, set up a new second step before using the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="the account's email address")

    def handle(self, *args, email, **options):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account has the address {email}.")
        removed = remove_second_factors(user)
        log(instance=user, action="membership.remove_second_factor")
        self.stdout.write(
            f"Removed {removed} second-step item(s) from {user.email}: they sign in with their "
            "password and set up two-step sign-in again."
        )

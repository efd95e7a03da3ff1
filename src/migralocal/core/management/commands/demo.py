"""`manage.py demo`: load the bilingual demo dataset. Running it again changes nothing."""

from importlib import import_module
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from migralocal.core import demo
from migralocal.core.data_files import DataFileError
from migralocal.core.modules import modules_providing


class Command(BaseCommand):
    help = "Load the bilingual demo data and print one demo account per role."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            demo.load(self.stdout)
            for config, module_name in modules_providing("demo"):
                if config.label != "core":
                    import_module(module_name).load(self.stdout)
        except DataFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Demo accounts:"))
        for account in demo.DEMO_ACCOUNTS:
            two_factor = "  + authenticator app" if account.needs_two_factor else ""
            self.stdout.write(
                f"  {account.label!s:<34} {account.email:<40} {demo.DEMO_PASSWORD}{two_factor}"
            )
        self.stdout.write(
            "Accounts marked '+ authenticator app' reach personal data and sign in with a code "
            "from an authenticator app (FreeOTP, Aegis, Google Authenticator…): add the key "
            f"{demo.DEMO_TOTP_SECRET} to the app (time-based, 6 digits)."
        )

"""`manage.py demo`: realistic, bilingual, one account per role, and idempotent."""

from io import StringIO

from auditlog.models import LogEntry
from django.apps import apps
from django.core.management import call_command

from migralocal.commitments.models import Commitment
from migralocal.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from migralocal.core.models import Country, Organisation, User
from migralocal.core.roles import Role


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"sessions"}
    }


def test_demo_loads_countries_and_organisations(demo_db: None) -> None:
    assert Country.objects.count() == 249  # every ISO 3166 country (core/country_loader.py)
    assert Organisation.objects.filter(kind=Organisation.Kind.CIVIL_SOCIETY).count() >= 35
    assert Organisation.objects.filter(municipality__name="El Progreso").exists()


def test_demo_has_one_account_per_role_that_can_sign_in(demo_db: None) -> None:
    roles_held = set()
    for account in DEMO_ACCOUNTS:
        user = User.objects.get(email=account.email)
        assert user.check_password(DEMO_PASSWORD)
        roles_held |= {m.role for m in user.memberships.all()}
        roles_held |= {a.role for a in user.programme_assignments.all()}
    assert roles_held == set(Role.values)
    assert User.objects.get(email=DEMO_ACCOUNTS[0].email).is_superuser


def changes_recorded_after(last_audit: int | None) -> list[tuple[str, int, str, str]]:
    """What a second run changed, to name the loader that is not idempotent."""
    return [
        (str(entry.content_type), entry.action, entry.object_repr[:40], str(entry.changes)[:200])
        for entry in LogEntry.objects.filter(pk__gt=last_audit or 0).select_related("content_type")[
            :30
        ]
    ]


def test_demo_twice_changes_nothing_and_prints_the_accounts_each_time(demo_db: None) -> None:
    """The demo database was made by `manage.py demo` on an empty one; a second run adds no row,
    rewrites none and records no change, and again prints the accounts to sign in with."""
    before = row_counts()
    last_audit = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    stamps = list(Commitment.objects.order_by("pk").values_list("updated_at", flat=True))
    out = StringIO()

    call_command("demo", stdout=out)

    assert LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() == last_audit, (
        changes_recorded_after(last_audit)
    )
    assert row_counts() == before
    assert stamps == list(Commitment.objects.order_by("pk").values_list("updated_at", flat=True))
    printed = out.getvalue()
    for account in DEMO_ACCOUNTS:
        assert account.email in printed
    assert DEMO_PASSWORD in printed


def test_demo_text_exists_in_both_languages(demo_db: None) -> None:
    for country in Country.objects.all():
        assert {"es", "en", "fr", "pt"} <= set(country.get_available_languages()), country.code
    mexico = Country.objects.get(code="MX")
    assert mexico.safe_translation_getter("name", language_code="es") == "México"
    # CLDR has no Haitian Creole names: the demo gives those of its own countries.
    assert mexico.safe_translation_getter("name", language_code="ht") == "Meksik"

"""`manage.py demo`: realistic, bilingual, one account per role, and idempotent."""

from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.core.management import call_command

from migralocal.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from migralocal.core.models import Country, Organisation, User
from migralocal.core.roles import Role


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"sessions"}
    }


@pytest.mark.django_db
def test_demo_loads_countries_organisations_and_prints_accounts() -> None:
    out = StringIO()
    call_command("demo", stdout=out)
    assert Country.objects.count() == 12
    assert Organisation.objects.filter(kind=Organisation.Kind.CIVIL_SOCIETY).count() >= 35
    assert Organisation.objects.filter(municipality__name="El Progreso").exists()
    printed = out.getvalue()
    for account in DEMO_ACCOUNTS:
        assert account.email in printed
    assert DEMO_PASSWORD in printed


@pytest.mark.django_db
def test_demo_has_one_account_per_role_that_can_sign_in() -> None:
    call_command("demo", stdout=StringIO())
    roles_held = set()
    for account in DEMO_ACCOUNTS:
        user = User.objects.get(email=account.email)
        assert user.check_password(DEMO_PASSWORD)
        roles_held |= {m.role for m in user.memberships.all()}
        roles_held |= {a.role for a in user.programme_assignments.all()}
    assert roles_held == set(Role.values)
    assert User.objects.get(email=DEMO_ACCOUNTS[0].email).is_superuser


@pytest.mark.django_db
def test_demo_twice_changes_nothing() -> None:
    call_command("demo", stdout=StringIO())
    before = row_counts()
    last_audit = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    call_command("demo", stdout=StringIO())
    assert row_counts() == before
    assert LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() == last_audit


@pytest.mark.django_db
def test_demo_text_exists_in_both_languages() -> None:
    call_command("demo", stdout=StringIO())
    for country in Country.objects.all():
        assert set(country.get_available_languages()) == {"es", "en"}
    mexico = Country.objects.get(code="MX")
    assert mexico.safe_translation_getter("name", language_code="es") == "México"

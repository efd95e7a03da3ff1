"""Migration 0003: a cash programme's single programme becomes the first of its programmes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("assistance", "0002_grievances_referrals")]
AFTER = [("assistance", "0003_payments")]


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection)


@pytest.mark.django_db(transaction=True)
def test_the_programme_a_cash_programme_belonged_to_is_kept() -> None:
    old = _migrate(BEFORE).loader.project_state(BEFORE).apps
    country = old.get_model("core", "Country").objects.create(code="ZZ", iso3="ZZZ")
    operator = old.get_model("core", "Organisation").objects.create(
        name="Municipio de Quito", slug="quito-migration-test", kind="municipality", country=country
    )
    programme = old.get_model("programmes", "Programme").objects.create(
        slug="covid", starts_on=dt.date(2020, 1, 1), ends_on=dt.date(2021, 12, 31)
    )
    fields = {
        "operator": operator,
        "country": country,
        "currency": "USD",
        "starts_on": dt.date(2020, 4, 1),
        "ends_on": dt.date(2020, 12, 31),
        "budget": Decimal("1000"),
        "transfer_basis": "per_household",
        "transfer_amount": Decimal("60"),
    }
    cash = old.get_model("assistance", "CashProgramme")
    cash.objects.create(slug="with", name="Con programa", programme=programme, **fields)
    cash.objects.create(slug="without", name="Sin programa", **fields)

    new = _migrate(AFTER).loader.project_state(AFTER).apps
    migrated = new.get_model("assistance", "CashProgramme")

    assert list(migrated.objects.get(slug="with").programmes.values_list("slug", flat=True)) == [
        "covid"
    ]
    assert not migrated.objects.get(slug="without").programmes.exists()

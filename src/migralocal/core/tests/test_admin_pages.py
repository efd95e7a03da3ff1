"""Every model the admin site lists opens its list and its add page for a platform admin.

The TaxonomyTerm and Commitment lists used to fail with a server error: parler's admin needs
their custom querysets to be TranslatableQuerySets."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from migralocal.core.tests.world import World


@pytest.mark.parametrize("app_model", ["core.taxonomyterm", "commitments.commitment"])
def test_translated_lists_with_their_own_querysets_open(world: World, app_model: str) -> None:
    client = Client()
    client.force_login(world.user("admin"))
    app, model = app_model.split(".")
    assert client.get(reverse(f"admin:{app}_{model}_changelist")).status_code == 200


def test_every_admin_list_opens_for_a_platform_admin(world: World) -> None:
    client = Client()
    client.force_login(world.user("admin"))
    broken = []
    for model in admin.site._registry:
        meta = model._meta
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        status = client.get(url).status_code
        if status != 200:
            broken.append(f"{url}: {status}")
    assert broken == []

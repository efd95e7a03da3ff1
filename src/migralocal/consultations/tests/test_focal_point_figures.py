"""A municipal focal point reads the figures of the own municipality's hubs, protected as for
anyone outside the hubs, and no other place's."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from migralocal.consultations.suppression import TOTAL, cell_identity, rounded_count
from migralocal.consultations.tests.helpers import headline_count, record

pytestmark = pytest.mark.django_db

AREA = "/es/consultations/dashboard/"


def test_the_focal_point_reads_the_own_municipalitys_hub_figures_protected(world, hubs) -> None:
    own, other = hubs
    for _n in range(12):
        record(own, world.user("hub_staff"))
    record(other, world.user("other_hub_staff"))
    client = Client()
    client.force_login(world.user("focal_point"))
    year = timezone.localdate().year
    first = client.get(AREA)
    assert first.status_code == 200
    form = first.context["form"]
    assert list(form.fields["country"].queryset) == [world.honduras]
    assert list(form.fields["municipality"].queryset) == [world.el_progreso]
    page = client.get(
        AREA, {"country": world.honduras.pk, "municipality": world.el_progreso.pk, "year": year}
    )
    published = rounded_count(12, cell_identity("consultations.consultations", TOTAL))
    assert headline_count(page.content.decode(), "consultas") == str(published)


def test_the_focal_point_may_not_read_the_whole_country_or_another_place(world, hubs) -> None:
    client = Client()
    client.force_login(world.user("focal_point"))
    year = timezone.localdate().year
    country = client.get(AREA, {"country": world.honduras.pk, "year": year})
    assert not country.context["figures"]
    assert country.context["form"].errors["municipality"]
    elsewhere = client.get(
        AREA,
        {"country": world.el_salvador.pk, "municipality": world.san_salvador.pk, "year": year},
    )
    assert not elsewhere.context["figures"]

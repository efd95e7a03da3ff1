"""The results framework is kept by the programme's managers and the platform admins; bad
input gets a clear error and writes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from migralocal.core.tests.world import ROLE_NAMES, World
from migralocal.programmes import results_services as services
from migralocal.programmes.models import Programme
from migralocal.programmes.results import Outcome, Output, ResultIndicator, Target
from migralocal.programmes.tests.builders import make_programme
from migralocal.programmes.tests.results_builders import computed

pytestmark = pytest.mark.django_db

KEEPERS = ("admin", "programme_manager")


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_only_managers_and_admins_keep_the_framework(world: World, role: str) -> None:
    programme = make_programme(world)
    create = lambda: services.outcome_create(  # noqa: E731
        actor=world.user(role), programme=programme, titles={"es": "Resultado"}
    )
    if role in KEEPERS:
        assert create().programme == programme
    else:
        with pytest.raises(PermissionDenied):
            create()
        assert not Outcome.objects.exists()


def test_a_manager_of_another_programme_is_refused(world: World) -> None:
    programme = make_programme(world, managers=[world.user("reviewer")])
    with pytest.raises(PermissionDenied):
        services.outcome_create(
            actor=world.user("programme_manager"), programme=programme, titles={"es": "X"}
        )


def _output(world: World) -> tuple[Programme, Output]:
    programme = make_programme(world)
    admin = world.user("admin")
    outcome = services.outcome_create(actor=admin, programme=programme, titles={"es": "R1"})
    output = services.output_create(actor=admin, outcome=outcome, titles={"en": "P1"})
    return programme, output


def test_an_outcome_needs_a_title(world: World) -> None:
    programme = make_programme(world)
    with pytest.raises(ValidationError) as error:
        services.outcome_create(actor=world.user("admin"), programme=programme, titles={"es": ""})
    assert "title" in error.value.message_dict
    assert not Outcome.objects.exists()


def test_a_computed_indicator_names_a_figure_of_the_catalogue(world: World) -> None:
    _programme, output = _output(world)
    with pytest.raises(ValidationError) as error:
        computed(world, output, "Nada", "people_counted")
    assert "measure" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        computed(world, output, "Total", "people_trained", "percent")
    assert "unit" in error.value.message_dict
    assert not ResultIndicator.objects.exists()
    indicator = computed(world, output, "Mujeres", "people_trained/gender/woman", "percent")
    assert (indicator.measure_key, indicator.measure_series, indicator.measure_category) == (
        "people_trained",
        "gender",
        "woman",
    )
    certified = computed(world, output, "Certificados", "certification/headline")
    assert certified.measure_series == "headline"


def test_a_target_lies_in_the_programme_and_its_countries(world: World) -> None:
    _programme, output = _output(world)
    indicator = computed(world, output, "Personas", "people_trained")
    admin = world.user("admin")

    def target(**changes: object) -> Target:
        values: dict[str, object] = {
            "starts_on": dt.date(2025, 1, 1),
            "ends_on": dt.date(2025, 12, 31),
            "value": Decimal(10),
            "country": None,
        } | changes
        return services.target_create(actor=admin, indicator=indicator, **values)  # type: ignore[arg-type]

    for changes, field in (
        ({"starts_on": dt.date(2023, 1, 1)}, "starts_on"),  # before the programme starts
        ({"ends_on": dt.date(2024, 12, 31)}, "ends_on"),  # ends before it starts
        ({"country": world.mexico}, "country"),  # not one of the programme's countries
        ({"value": Decimal(-1)}, "value"),
    ):
        with pytest.raises(ValidationError) as error:
            target(**changes)
        assert field in error.value.message_dict
    assert not Target.objects.exists()
    assert target(country=world.honduras).country == world.honduras


def test_a_reported_actual_needs_a_source_and_a_manual_indicator(world: World) -> None:
    _programme, output = _output(world)
    admin = world.user("admin")
    counted = computed(world, output, "Personas", "people_trained")
    manual = services.indicator_create(
        actor=admin,
        output=output,
        fields=services.IndicatorFields(
            titles={"es": "Reuniones"}, definitions={}, source=ResultIndicator.Source.MANUAL
        ),
    )
    start, end = dt.date(2025, 1, 1), dt.date(2025, 3, 31)
    with pytest.raises(ValidationError):
        services.actual_create(
            actor=admin,
            indicator=counted,
            value=Decimal(3),
            source="Actas",
            starts_on=start,
            ends_on=end,
        )
    with pytest.raises(ValidationError) as error:
        services.actual_create(
            actor=admin,
            indicator=manual,
            value=Decimal(3),
            source=" ",
            starts_on=start,
            ends_on=end,
        )
    assert "source" in error.value.message_dict
    actual = services.actual_create(
        actor=world.user("programme_manager"),
        indicator=manual,
        value=Decimal(3),
        source="Actas",
        starts_on=start,
        ends_on=end,
    )
    assert actual.entered_by == world.user("programme_manager")
    with pytest.raises(PermissionDenied):
        services.actual_delete(actor=world.user("reviewer"), actual=actual)


def test_deleting_an_outcome_takes_what_is_under_it(world: World) -> None:
    _programme, output = _output(world)
    indicator = computed(world, output, "Personas", "people_trained")
    services.target_create(
        actor=world.user("admin"),
        indicator=indicator,
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2025, 12, 31),
        value=Decimal(5),
    )
    services.outcome_delete(actor=world.user("programme_manager"), outcome=output.outcome)
    assert not ResultIndicator.objects.exists() and not Target.objects.exists()


def test_evidence_is_checked_by_its_content(world: World) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    _programme, output = _output(world)
    admin = world.user("admin")
    manual = services.indicator_create(
        actor=admin,
        output=output,
        fields=services.IndicatorFields(
            titles={"es": "Reuniones"}, definitions={}, source=ResultIndicator.Source.MANUAL
        ),
    )
    with pytest.raises(ValidationError) as error:
        services.actual_create(
            actor=admin,
            indicator=manual,
            starts_on=dt.date(2025, 1, 1),
            ends_on=dt.date(2025, 1, 31),
            value=Decimal(1),
            source="Actas",
            evidence_file=SimpleUploadedFile("acta.pdf", b"MZ not a pdf"),
        )
    assert "evidence_file" in error.value.message_dict
    assert not manual.manual_actuals.exists()

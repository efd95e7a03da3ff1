from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from migralocal.core import services
from migralocal.core.models import AccessLog, Membership, TaxonomyTerm
from migralocal.core.selectors import user_role_set
from migralocal.core.tests.world import World


def test_log_access_records_who_read_what_and_why(world: World) -> None:
    reader = world.user("hub_staff")
    entry = services.log_access(reader, world.private_cso, "follow-up call")
    assert AccessLog.objects.get() == entry
    assert (entry.user, entry.user_email, entry.reason) == (reader, reader.email, "follow-up call")
    assert entry.object_id == str(world.private_cso.pk)
    assert entry.content_type.model == "organisation"


def test_log_access_needs_a_reason_and_a_signed_in_user(world: World) -> None:
    with pytest.raises(ValidationError):
        services.log_access(world.user("hub_staff"), world.private_cso, "   ")
    with pytest.raises(PermissionDenied):
        services.log_access(AnonymousUser(), world.private_cso, "curious")
    assert not AccessLog.objects.exists()


def test_granting_a_membership_twice_keeps_one(world: World) -> None:
    person = world.user("no_role")
    for _ in range(2):
        services.membership_grant(user=person, organisation=world.mexican_cso, role="member")
    assert Membership.objects.filter(user=person).count() == 1
    assert user_role_set(person).organisation_roles == {world.mexican_cso.pk: {"member"}}


def test_a_programme_role_is_not_an_organisation_role(world: World) -> None:
    with pytest.raises(ValidationError):
        services.membership_grant(
            user=world.user("no_role"), organisation=world.mexican_cso, role="reviewer"
        )


def test_a_programme_role_needs_countries_and_replaces_them(world: World) -> None:
    person = world.user("no_role")
    with pytest.raises(ValidationError):
        services.programme_role_grant(user=person, role="reviewer", countries=[])
    services.programme_role_grant(user=person, role="reviewer", countries=[world.honduras])
    services.programme_role_grant(user=person, role="reviewer", countries=[world.mexico])
    assert user_role_set(person).programme_countries == {"reviewer": {world.mexico.pk}}


def test_user_language_is_remembered_and_checked(world: World) -> None:
    person = world.user("no_role")
    services.user_set_language(user=person, language="en")
    person.refresh_from_db()
    assert person.preferred_language == "en"
    with pytest.raises(ValidationError):
        services.user_set_language(user=person, language="xx")


def test_organisation_update_keeps_the_other_language(world: World) -> None:
    organisation = world.el_progreso_municipality
    areas = TaxonomyTerm.objects.of("areas-of-work")[:2]
    services.organisation_update(
        organisation=organisation,
        language="en",
        description="Municipal government of El Progreso.",
        website="https://elprogreso.example.org",
        email="info@elprogreso.example.org",
        is_public=True,
        areas_of_work=areas,
    )
    organisation.refresh_from_db()
    assert organisation.safe_translation_getter("description", language_code="es") == (
        "Gobierno municipal de El Progreso."
    )
    assert organisation.safe_translation_getter("description", language_code="en") == (
        "Municipal government of El Progreso."
    )
    assert set(organisation.areas_of_work.all()) == set(areas)


def test_a_municipality_must_name_its_municipality(world: World) -> None:
    organisation = world.el_progreso_municipality
    organisation.municipality = None
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "municipality" in error.value.message_dict


def test_an_organisations_municipality_is_in_its_country(world: World) -> None:
    organisation = world.mexican_cso
    organisation.municipality = world.el_progreso
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "municipality" in error.value.message_dict

"""The services of cash assistance: programme rules checked, identifying details encrypted at
rest and read only by the operator's assistance staff, each reading logged, duplicates decided."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from migralocal.assistance import services
from migralocal.assistance.models import DuplicatePair, Household, Member
from migralocal.assistance.tests.builders import (
    CONSENT,
    make_programme,
    member,
    no_two_factor,
    programme_fields,
    register,
)
from migralocal.core.models import AccessLog
from migralocal.core.tests.world import World

pytestmark = pytest.mark.django_db


def test_a_programme_keeps_its_rules_as_data(world: World) -> None:
    programme = make_programme(world)

    assert programme.currency == "HNL"
    assert programme.size_bands[1] == {"min": 4, "max": None, "amount": "90"}
    assert [c["code"] for c in programme.criteria] == ["dependants", "female_head"]
    assert programme.criteria[0]["weight"] == 3.0
    assert list(programme.municipalities.all()) == [world.el_progreso]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"size_bands": [{"min": 2, "max": 3, "amount": "60"}]}, "size_bands"),
        (
            {
                "size_bands": [
                    {"min": 1, "max": 3, "amount": "60"},
                    {"min": 5, "max": None, "amount": "90"},
                ]
            },
            "size_bands",
        ),
        ({"size_bands": [{"min": 1, "max": None, "amount": "0"}]}, "size_bands"),
        ({"transfer_basis": "per_member", "transfer_amount": None}, "transfer_amount"),
        ({"criteria": [{"code": "Has Spaces", "weight": 1}]}, "criteria"),
        ({"criteria": [{"code": "a", "weight": 1}, {"code": "a", "weight": 2}]}, "criteria"),
        ({"criteria": [{"code": "a", "weight": 500}]}, "criteria"),
        ({"population_groups": ["tourists"]}, "population_groups"),
        ({"ends_on": dt.date(2025, 1, 1)}, "ends_on"),
    ],
)
def test_bad_rules_are_refused_by_field(
    world: World, changes: dict[str, object], field: str
) -> None:
    make_programme(world)
    with pytest.raises(ValidationError) as raised:
        services.programme_create(
            actor=world.user("admin"), slug="otro", fields=programme_fields(world, **changes)
        )
    assert field in raised.value.message_dict


def test_municipalities_outside_the_country_are_refused(world: World) -> None:
    with pytest.raises(ValidationError):
        services.programme_create(
            actor=world.user("admin"),
            slug="otro",
            fields=programme_fields(world, municipalities=[world.san_salvador]),
        )


@pytest.mark.parametrize("role", ["hub_staff", "focal_point", "programme_manager", "no_role"])
def test_only_platform_admins_create_programmes(world: World, role: str) -> None:
    make_programme(world)
    with pytest.raises(PermissionDenied):
        services.programme_create(
            actor=world.user(role), slug="otro", fields=programme_fields(world)
        )


def test_the_operators_assistance_manager_changes_the_programme_and_officers_do_not(
    world: World,
) -> None:
    programme = make_programme(world)
    services.programme_update(
        actor=world.user("focal_point"),
        programme=programme,
        fields=programme_fields(world, cycles=4),
    )
    assert programme.cycles == 4
    for role in ("hub_staff", "other_hub_staff", "programme_manager"):
        with pytest.raises(PermissionDenied):
            services.programme_update(
                actor=world.user(role), programme=programme, fields=programme_fields(world)
            )


def test_names_documents_and_phones_are_encrypted_at_rest(world: World) -> None:
    programme = make_programme(world)
    register(world, programme, "H-1", member("P-1", "Yolanda Beatriz", "Zelaya Mairena"))

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT given_names, family_names, document_number, phone FROM assistance_member"
        )
        raw = " ".join(cursor.fetchone())
    for plain in ("Yolanda", "Zelaya", "V12345678", "9988"):
        assert plain not in raw
    stored = Member.objects.get()
    assert (stored.given_names, stored.phone) == ("Yolanda Beatriz", "+504 9988 7766")


def test_rotation_encrypts_again_and_keeps_the_values(world: World) -> None:
    programme = make_programme(world)
    register(world, programme, "H-1", member("P-1", "Ana", "Pérez"))
    assert services.assistance_keys_rotate() == 1
    assert Member.objects.get().family_names == "Pérez"


@pytest.mark.parametrize("role", ["focal_point", "programme_manager", "other_hub_staff", "no_role"])
def test_only_the_operators_assistance_staff_register(world: World, role: str) -> None:
    programme = make_programme(world)
    with pytest.raises(PermissionDenied) if role != "focal_point" else _no_error():
        services.households_register(
            actor=world.user(role),
            programme=programme,
            households=[
                services.HouseholdData("H-9", world.el_progreso, "host", [member("P-9", "A", "B")])
            ],
            consent_purpose=CONSENT,
        )


class _no_error:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *args: object) -> None:
        return None


def test_a_person_reference_is_never_registered_twice(world: World) -> None:
    programme = make_programme(world)
    register(world, programme, "H-1", member("P-1", "Ana", "Pérez"))
    with pytest.raises(ValidationError):
        register(world, programme, "H-2", member("P-1", "Ana", "Pérez"))
    assert Household.objects.count() == 1


def test_registration_needs_a_consent_purpose_and_a_served_group(world: World) -> None:
    programme = make_programme(world)
    with pytest.raises(ValidationError):
        services.households_register(
            actor=world.user("hub_staff"),
            programme=programme,
            households=[
                services.HouseholdData("H-1", world.el_progreso, "host", [member("P-1", "A", "B")])
            ],
            consent_purpose=" ",
        )
    programme.population_groups = ["refugee"]
    programme.save()
    with pytest.raises(ValidationError):
        register(world, programme, "H-1", member("P-1", "A", "B"))


def test_identifying_details_are_read_by_the_operators_staff_only_and_each_reading_logged(
    world: World,
) -> None:
    programme = make_programme(world)
    household = register(world, programme, "H-1", member("P-1", "Ana", "Pérez"))

    members = services.household_identity_read(
        actor=world.user("hub_staff"), household=household, reason="Check payment"
    )

    assert members[0].given_names == "Ana"
    entry = AccessLog.objects.get()
    assert (entry.user, entry.object_repr, entry.reason) == (
        world.user("hub_staff"),
        "H-1",
        "Check payment",
    )
    for role in ("admin", "other_hub_staff", "programme_manager", "reviewer"):
        with pytest.raises(PermissionDenied):
            services.household_identity_read(
                actor=world.user(role), household=household, reason="Curious"
            )
    # The programme's manager has no two-factor authentication set up: refused too.
    with pytest.raises(PermissionDenied):
        services.household_identity_read(
            actor=no_two_factor(world.user("focal_point")), household=household, reason="x"
        )
    assert AccessLog.objects.count() == 1


def test_same_person_merges_keeping_both_records(world: World) -> None:
    programme = make_programme(world)
    register(world, programme, "H-1", member("P-1", "Ana María", "Pérez López"))
    register(
        world,
        programme,
        "H-2",
        member("P-2", "Ana Maria", "Perez", document_number="V12345687", phone="99887766"),
    )
    (pair,) = services.duplicates_find(actor=world.user("hub_staff"), programme=programme)
    register(world, programme, "H-3", member("P-3", "Ana María", "Perez", phone="99887766"))
    third = [
        p
        for p in services.duplicates_find(actor=world.user("hub_staff"), programme=programme)
        if p.pk != pair.pk
    ]
    assert len(third) == 2  # P-3 with P-1 and with P-2
    assert {"document_near", "second_surname_missing", "phone_same"} <= set(pair.reasons)

    services.duplicate_decide(actor=world.user("hub_staff"), pair=pair, decision="same")

    kept, merged = Member.objects.order_by("pk")[:2]
    assert (kept.status, merged.status, merged.merged_into) == ("active", "merged", kept)
    # The pair of P-3 with the merged record is withdrawn; the one with the record kept stays.
    pending = DuplicatePair.objects.filter(decision="pending")
    assert [(p.member_a.person_ref, p.member_b.person_ref) for p in pending] == [("P-1", "P-3")]
    # A second search does not propose the merged record again.
    again = services.duplicates_find(actor=world.user("hub_staff"), programme=programme)
    assert {(p.member_a.person_ref, p.member_b.person_ref) for p in again} == {("P-1", "P-3")}
    with pytest.raises(ValidationError):
        services.duplicate_decide(actor=world.user("hub_staff"), pair=pair, decision="different")


def test_different_people_stay_decided(world: World) -> None:
    programme = make_programme(world)
    register(world, programme, "H-1", member("P-1", "Ana", "Pérez"))
    register(world, programme, "H-2", member("P-2", "Ana", "Pérez"))
    (pair,) = services.duplicates_find(actor=world.user("hub_staff"), programme=programme)
    services.duplicate_decide(actor=world.user("hub_staff"), pair=pair, decision="different")
    (again,) = services.duplicates_find(actor=world.user("hub_staff"), programme=programme)
    assert again.decision == DuplicatePair.Decision.DIFFERENT
    with pytest.raises(PermissionDenied):
        services.duplicates_find(actor=world.user("other_hub_staff"), programme=programme)


def test_a_members_data_is_exported_and_erased_on_request(world: World) -> None:
    """Through core's person requests, beside the other modules: each reference goes to the
    module that keeps it, and one that no module keeps is refused before anything is done."""
    from django.core.exceptions import ValidationError

    from migralocal.core.person_requests import person_erase, person_export

    programme = make_programme(world)
    register(world, programme, "H-1", member("P-1", "Ana", "Pérez"))
    register(world, programme, "H-2", member("P-2", "Rosa", "Luna"))
    reference = f"{programme.slug}:P-1"
    officer = "officer@example.org"

    data = person_export(email="ana@example.org", handled_by=officer, references=[reference])
    assert [m["given_names"] for m in data["assistance"]["members"]] == ["Ana"]
    assert data["consultations"]["identified_consultations"] == []

    with pytest.raises(ValidationError):
        person_erase(email="ana@example.org", handled_by=officer, references=["P-2", reference])
    assert Member.objects.get(person_ref="P-1").given_names == "Ana"

    counts = person_erase(email="ana@example.org", handled_by=officer, references=[reference])

    assert counts["assistance.members"] == 1
    assert counts["consultations.identified_consultations"] == 0
    erased, kept = Member.objects.get(person_ref="P-1"), Member.objects.get(person_ref="P-2")
    assert (erased.status, erased.given_names, erased.document_number) == ("erased", "-", "")
    assert kept.given_names == "Rosa"


def test_assistance_staff_must_set_up_two_factor_like_hub_staff(world: World) -> None:
    from django.test import Client

    from migralocal.assistance.models import AssistanceStaff, StaffRole
    from migralocal.core.models import User
    from migralocal.core.two_factor import role_reaches_personal_data

    member_user = User.objects.get(pk=world.user("member").pk)
    assert not role_reaches_personal_data(member_user)
    AssistanceStaff.objects.create(
        user=member_user, organisation=world.el_progreso_municipality, role=StaffRole.OFFICER
    )
    fresh = User.objects.get(pk=member_user.pk)
    assert role_reaches_personal_data(fresh)
    client = Client()
    client.force_login(fresh)
    response = client.get("/es/me/")
    assert response.status_code == 302
    assert "/accounts/2fa/" in response["Location"]

"""Joining the community: an organisation applies and a reviewer of its country answers; a
person asks to join an organisation and its administrators answer and manage roles; members keep
the community profile. Who may do what, for every role."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from migralocal.core.models import Membership, Organisation, TaxonomyTerm, User
from migralocal.core.roles import OrganisationRole, ProgrammeRole
from migralocal.core.services import membership_grant, programme_role_grant
from migralocal.core.tests.factories import OrganisationFactory, UserFactory
from migralocal.core.tests.world import World
from migralocal.learning import services
from migralocal.learning.models import CommunityProfile, Decision, JoinRequest
from migralocal.learning.models import OrganisationApplication as Application
from tests.security.test_stored_injection import PAYLOAD, check_html

pytestmark = pytest.mark.django_db

ADMIN = OrganisationRole.ORGANISATION_ADMIN
MEMBER = OrganisationRole.ORGANISATION_MEMBER
PDF = b"%PDF-1.7\n" + b"0" * 64
EXECUTABLE = b"MZ\x90\x00\x03" + b"\x00" * 64

# Every role the rules name. "admin" is a platform admin; "staff" may open the Django admin and
# nothing more.
ROLES = (
    "anonymous",
    "member",
    "org_admin",
    "other_org_admin",
    "reviewer",
    "other_reviewer",
    "staff",
    "admin",
)


@pytest.fixture
def people(world: World) -> dict[str, Any]:
    """The world's people, the Mexican organisation's administrator, an administrator of
    another organisation, a reviewer of El Salvador only and a staff user."""
    found: dict[str, Any] = {"anonymous": AnonymousUser()}
    for name in ("member", "reviewer", "admin"):  # the reviewer covers Honduras
        found[name] = world.user(name)
    found["org_admin"] = UserFactory.create(email="org_admin@example.org")
    membership_grant(user=found["org_admin"], organisation=world.mexican_cso, role=ADMIN)
    found["other_org_admin"] = UserFactory.create(email="other_org_admin@example.org")
    membership_grant(
        user=found["other_org_admin"], organisation=world.el_progreso_municipality, role=ADMIN
    )
    found["other_reviewer"] = UserFactory.create(email="other_reviewer@example.org")
    programme_role_grant(
        user=found["other_reviewer"], role=ProgrammeRole.REVIEWER, countries=[world.el_salvador]
    )
    found["staff"] = UserFactory.create(email="staff@example.org", is_staff=True)
    found["newcomer"] = UserFactory.create(email="newcomer@example.org", preferred_language="en")
    return found


def areas(*codes: str) -> list[TaxonomyTerm]:
    terms = TaxonomyTerm.objects.of("areas-of-work")
    return list(terms.filter(code__in=codes) if codes else terms[:2])


def apply(world: World, applicant: User, **fields: Any) -> Application:
    """A Honduran civil-society organisation applies, in Spanish."""
    values: dict[str, Any] = {
        "name": "Red Comunitaria del Valle",
        "kind": Organisation.Kind.CIVIL_SOCIETY,
        "country": world.honduras,
        "areas": areas(),
        "contact_name": "Rosa Pineda",
        "contact_email": "Rosa@Example.org",
        "description": "Acompañamos a personas retornadas en el valle de Sula.",
        "language": "es",
        **fields,
    }
    return services.community_application_submit(applicant=applicant, **values)


def ask_to_join(world: World, people: dict[str, Any]) -> JoinRequest:
    return services.join_request_submit(
        user=people["newcomer"], organisation=world.mexican_cso, message="Coordino talleres."
    )


# ---------------------------------------------------------------- who may do what


APPROVE_APPLICATION = {"reviewer", "admin"}


@pytest.mark.parametrize("role", ROLES)
def test_only_a_reviewer_of_the_country_or_a_platform_admin_answers_an_application(
    world: World, people: dict[str, Any], role: str
) -> None:
    application = apply(world, people["newcomer"])
    if role in APPROVE_APPLICATION:
        organisation = services.community_application_approve(
            application=application, decided_by=people[role]
        )
        assert organisation.country == world.honduras
    else:
        with pytest.raises(PermissionDenied):
            services.community_application_approve(application=application, decided_by=people[role])
        with pytest.raises(PermissionDenied):
            services.community_application_decline(
                application=application, decided_by=people[role], reason="No"
            )
        application.refresh_from_db()
        assert application.status == Decision.PENDING


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_an_application(world: World, people: dict[str, Any], role: str) -> None:
    application = apply(world, people["newcomer"])
    allowed = role in APPROVE_APPLICATION
    assert people[role].has_perm("learning.view_community_application", application) is allowed
    assert people["newcomer"].has_perm("learning.view_community_application", application)


def test_anyone_signed_in_may_apply_but_not_a_visitor(world: World, people: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        apply(world, people["anonymous"])
    assert apply(world, people["member"]).applicant == people["member"]


ANSWER_JOIN_REQUEST = {"org_admin", "admin"}


@pytest.mark.parametrize("role", ROLES)
def test_only_the_organisations_administrators_answer_a_join_request(
    world: World, people: dict[str, Any], role: str
) -> None:
    asked = ask_to_join(world, people)
    if role in ANSWER_JOIN_REQUEST:
        services.join_request_approve(join_request=asked, decided_by=people[role], roles=[MEMBER])
        assert Membership.objects.filter(
            user=people["newcomer"], organisation=world.mexican_cso, role=MEMBER
        ).exists()
    else:
        with pytest.raises(PermissionDenied):
            services.join_request_approve(
                join_request=asked, decided_by=people[role], roles=[MEMBER]
            )
        with pytest.raises(PermissionDenied):
            services.join_request_decline(join_request=asked, decided_by=people[role], reason="No")
        assert not Membership.objects.filter(user=people["newcomer"]).exists()


@pytest.mark.parametrize("role", ROLES)
def test_only_the_organisations_administrators_manage_its_members(
    world: World, people: dict[str, Any], role: str
) -> None:
    member = people["member"]
    if role in ANSWER_JOIN_REQUEST:
        services.member_roles_set(
            organisation=world.mexican_cso,
            member=member,
            roles=[MEMBER, OrganisationRole.FOCAL_POINT],
            changed_by=people[role],
        )
        held = set(member.memberships.values_list("role", flat=True))
        assert held == {MEMBER, OrganisationRole.FOCAL_POINT}
    else:
        with pytest.raises(PermissionDenied):
            services.member_roles_set(
                organisation=world.mexican_cso, member=member, roles=[], changed_by=people[role]
            )
        assert member.memberships.filter(organisation=world.mexican_cso).exists()


EDIT_PROFILE = {"member", "org_admin", "admin"}


@pytest.mark.parametrize("role", ROLES)
def test_members_of_the_organisation_keep_its_community_profile(
    world: World, people: dict[str, Any], role: str
) -> None:
    texts = {"es": {"offers": "Talleres"}, "en": {"offers": "Workshops"}}
    if role in EDIT_PROFILE:
        services.community_profile_update(
            organisation=world.mexican_cso, editor=people[role], areas=areas(), texts=texts
        )
        profile = CommunityProfile.objects.get(organisation=world.mexican_cso)
        assert profile.safe_translation_getter("offers", language_code="en") == "Workshops"
    else:
        with pytest.raises(PermissionDenied):
            services.community_profile_update(
                organisation=world.mexican_cso, editor=people[role], areas=[], texts=texts
            )
        assert not CommunityProfile.objects.filter(organisation=world.mexican_cso).exists()


@pytest.mark.parametrize("role", ROLES)
def test_who_may_ask_to_join_an_organisation(
    world: World, people: dict[str, Any], role: str
) -> None:
    """Anyone signed in who does not already act for it."""
    allowed = role not in {"anonymous", "member", "org_admin"}
    assert people[role].has_perm("learning.ask_to_join_organisation", world.mexican_cso) is allowed


# ---------------------------------------------------------------- the rules of each step


def test_approval_creates_the_organisation_and_makes_the_applicant_its_administrator(
    world: World, people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    application = apply(world, people["newcomer"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        organisation = services.community_application_approve(
            application=application, decided_by=people["reviewer"]
        )
    assert organisation.name == "Red Comunitaria del Valle"
    assert organisation.kind == Organisation.Kind.CIVIL_SOCIETY
    assert set(organisation.areas_of_work.all()) == set(areas())
    assert organisation.safe_translation_getter("description", language_code="es").startswith(
        "Acompañamos"
    )
    assert organisation.community_profile.contact_email == "rosa@example.org"
    assert Membership.objects.filter(
        user=people["newcomer"], organisation=organisation, role=ADMIN
    ).exists()
    assert people["newcomer"].has_perm("learning.manage_organisation_members", organisation)
    application.refresh_from_db()
    assert application.status == Decision.APPROVED
    assert application.organisation == organisation
    assert application.decided_by == people["reviewer"]
    (sent,) = mail.outbox
    assert sent.to == ["rosa@example.org"]
    assert "se ha sumado a la comunidad" in sent.subject  # in the language of the application


def test_approval_may_link_an_existing_organisation_of_that_country_only(
    world: World, people: dict[str, Any]
) -> None:
    application = apply(world, people["newcomer"])
    with pytest.raises(ValidationError):
        services.community_application_approve(
            application=application,
            decided_by=people["admin"],
            organisation=world.mexican_cso,
        )
    existing = OrganisationFactory.create(name="Red Ya Registrada", country=world.honduras)
    count = Organisation.objects.count()
    linked = services.community_application_approve(
        application=application, decided_by=people["reviewer"], organisation=existing
    )
    assert linked == existing
    assert Organisation.objects.count() == count
    assert Membership.objects.filter(user=people["newcomer"], organisation=existing).exists()


def test_a_decline_needs_a_reason_and_is_sent_in_the_applicants_language(
    world: World, people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    application = apply(world, people["newcomer"], language="en")
    with pytest.raises(ValidationError):
        services.community_application_decline(
            application=application, decided_by=people["reviewer"], reason="  "
        )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.community_application_decline(
            application=application, decided_by=people["reviewer"], reason="No legal registration"
        )
    application.refresh_from_db()
    assert application.status == Decision.DECLINED
    (sent,) = mail.outbox
    assert sent.subject == "Your application to join the community was declined"
    assert "No legal registration" in sent.body
    with pytest.raises(ValidationError):  # answered once
        services.community_application_approve(
            application=application, decided_by=people["reviewer"]
        )


def test_a_municipality_is_linked_never_created(world: World, people: dict[str, Any]) -> None:
    application = apply(world, people["newcomer"], kind=Organisation.Kind.MUNICIPALITY)
    with pytest.raises(ValidationError):
        services.community_application_approve(
            application=application, decided_by=people["reviewer"]
        )
    services.community_application_approve(
        application=application,
        decided_by=people["reviewer"],
        organisation=world.el_progreso_municipality,
    )


def test_the_proof_is_checked_by_its_content(world: World, people: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as refused:
        apply(world, people["newcomer"], proof=SimpleUploadedFile("registro.pdf", EXECUTABLE))
    assert "proof" in refused.value.message_dict
    application = apply(world, people["newcomer"], proof=SimpleUploadedFile("registro.pdf", PDF))
    assert application.proof_name == "registro.pdf"
    stored = str(application.proof.name)
    assert stored.endswith(".pdf")
    assert "registro" not in stored  # stored under an unguessable name


def test_an_application_is_not_sent_twice(world: World, people: dict[str, Any]) -> None:
    apply(world, people["newcomer"])
    with pytest.raises(ValidationError):
        apply(world, people["newcomer"], name="red comunitaria del valle")


def test_a_join_request_is_not_sent_twice_and_needs_a_role_to_approve(
    world: World, people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    asked = ask_to_join(world, people)
    with pytest.raises(ValidationError):
        ask_to_join(world, people)
    with pytest.raises(ValidationError):
        services.join_request_approve(join_request=asked, decided_by=people["org_admin"], roles=[])
    with pytest.raises(ValidationError):
        services.join_request_approve(
            join_request=asked, decided_by=people["org_admin"], roles=["superuser"]
        )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.join_request_decline(
            join_request=asked, decided_by=people["org_admin"], reason="We do not know you"
        )
    (sent,) = mail.outbox
    assert sent.to == ["newcomer@example.org"]
    assert "declined" in sent.subject  # the person's own language


def test_the_organisation_keeps_at_least_one_administrator(
    world: World, people: dict[str, Any]
) -> None:
    org_admin = people["org_admin"]
    with pytest.raises(ValidationError):
        services.member_roles_set(
            organisation=world.mexican_cso, member=org_admin, roles=[MEMBER], changed_by=org_admin
        )
    services.member_roles_set(
        organisation=world.mexican_cso,
        member=people["member"],
        roles=[ADMIN],
        changed_by=org_admin,
    )
    services.member_roles_set(
        organisation=world.mexican_cso, member=org_admin, roles=[], changed_by=org_admin
    )
    assert not org_admin.memberships.exists()  # no role: out of the organisation


def test_roles_are_set_only_for_members(world: World, people: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        services.member_roles_set(
            organisation=world.mexican_cso,
            member=people["newcomer"],
            roles=[MEMBER],
            changed_by=people["org_admin"],
        )


def test_the_profile_keeps_each_language_and_refuses_overlong_text(
    world: World, people: dict[str, Any]
) -> None:
    with pytest.raises(ValidationError):
        services.community_profile_update(
            organisation=world.mexican_cso,
            editor=people["member"],
            areas=[],
            texts={"es": {"seeks": "x" * 2001}},
        )
    profile = services.community_profile_update(
        organisation=world.mexican_cso,
        editor=people["member"],
        areas=areas(),
        texts={"es": {"offers": "Asesoría legal", "seeks": "Socios en Guatemala"}},
    )
    assert profile.get_available_languages().count() == 1  # no empty English text
    assert set(world.mexican_cso.areas_of_work.all()) == set(areas())


# ---------------------------------------------------------------- pages


def client_for(user: Any) -> Client:
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
    return client


def test_an_organisation_applies_and_the_reviewer_approves_on_pages(
    world: World, people: dict[str, Any]
) -> None:
    newcomer = client_for(people["newcomer"])
    response = newcomer.post(
        reverse("learning:community_apply"),
        {
            "name": "Casa del Migrante Sula",
            "kind": Organisation.Kind.CIVIL_SOCIETY,
            "country": world.honduras.pk,
            "areas": [term.pk for term in areas()],
            "description": "Albergue y orientación.",
            "contact_name": "Luis",
            "contact_email": "luis@example.org",
            "proof": SimpleUploadedFile("acta.pdf", PDF),
        },
    )
    application = Application.objects.get(name="Casa del Migrante Sula")
    assert response.status_code == 302
    assert response["Location"] == application.get_absolute_url()
    assert newcomer.get(reverse("learning:community_application_proof", args=[application.pk]))[
        "Content-Disposition"
    ].startswith("attachment")
    reviewer = client_for(people["reviewer"])
    queue = reviewer.get(reverse("learning:community_applications"))
    assert "Casa del Migrante Sula" in queue.content.decode()
    assert (
        "Casa del Migrante Sula"
        not in client_for(people["other_reviewer"])
        .get(reverse("learning:community_applications"))
        .content.decode()
    )
    response = reviewer.post(application.get_absolute_url(), {"decision": "approve"})
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Casa del Migrante Sula")
    members_page = newcomer.get(reverse("learning:organisation_members", args=[organisation.slug]))
    assert members_page.status_code == 200


def test_a_page_declines_without_a_reason_with_an_error_beside_the_field(
    world: World, people: dict[str, Any]
) -> None:
    application = apply(world, people["newcomer"])
    response = client_for(people["reviewer"]).post(
        application.get_absolute_url(), {"decision": "decline", "reason": ""}
    )
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    application.refresh_from_db()
    assert application.status == Decision.PENDING


def test_a_person_asks_to_join_and_the_administrator_gives_roles_on_pages(
    world: World, people: dict[str, Any]
) -> None:
    newcomer = client_for(people["newcomer"])
    response = newcomer.post(
        reverse("learning:organisation_join", args=[world.mexican_cso.slug]),
        {"message": "Soy voluntaria."},
    )
    asked = JoinRequest.objects.get(user=people["newcomer"])
    assert response["Location"] == asked.get_absolute_url()
    org_admin = client_for(people["org_admin"])
    members = org_admin.get(reverse("learning:organisation_members", args=[world.mexican_cso.slug]))
    assert "newcomer@example.org" in members.content.decode()
    org_admin.post(asked.get_absolute_url(), {"decision": "approve", "roles": [MEMBER]})
    assert people["newcomer"].memberships.filter(role=MEMBER).exists()
    org_admin.post(
        reverse("learning:member_roles", args=[world.mexican_cso.slug, people["newcomer"].pk]),
        {"roles": [MEMBER, OrganisationRole.HUB_STAFF]},
    )
    assert set(people["newcomer"].memberships.values_list("role", flat=True)) == {
        MEMBER,
        OrganisationRole.HUB_STAFF,
    }
    assert (
        client_for(people["member"])
        .get(reverse("learning:organisation_members", args=[world.mexican_cso.slug]))
        .status_code
        == 403
    )


def test_members_edit_the_profile_in_both_languages_and_the_directory_shows_it(
    world: World, people: dict[str, Any]
) -> None:
    client = client_for(people["member"])
    response = client.post(
        reverse("learning:community_profile_edit", args=[world.mexican_cso.slug]),
        {
            "areas": [term.pk for term in areas()],
            "offers_es": "Asesoría jurídica gratuita",
            "offers_en": "Free legal advice",
            "seeks_es": "Aliados en Guatemala",
            "seeks_en": "Partners in Guatemala",
        },
    )
    assert response.status_code == 302
    spanish = Client().get("/es/learning/community/").content.decode()
    english = Client().get("/en/learning/community/").content.decode()
    assert "Asesoría jurídica gratuita" in spanish
    assert "Aliados en Guatemala" in spanish
    assert "Free legal advice" in english


# ---------------------------------------------------------------- hostile input


def test_hostile_text_in_every_new_field_is_shown_inert(
    world: World, people: dict[str, Any]
) -> None:
    """Script in the application, the join request, the decline reasons and the profile is
    escaped on every page that shows it."""
    application = apply(
        world,
        people["newcomer"],
        name=PAYLOAD[:200],
        contact_name=PAYLOAD[:200],
        contact_phone=PAYLOAD[:40],
        description=PAYLOAD,
    )
    services.community_application_decline(
        application=application, decided_by=people["reviewer"], reason=PAYLOAD
    )
    asked = services.join_request_submit(
        user=people["newcomer"], organisation=world.mexican_cso, message=PAYLOAD
    )
    services.join_request_decline(
        join_request=asked, decided_by=people["org_admin"], reason=PAYLOAD
    )
    services.join_request_submit(
        user=people["other_reviewer"], organisation=world.mexican_cso, message=PAYLOAD
    )
    services.community_profile_update(
        organisation=world.mexican_cso,
        editor=people["member"],
        areas=[],
        texts={code: {"offers": PAYLOAD, "seeks": PAYLOAD} for code in ("es", "en")},
        contact_name=PAYLOAD[:200],
    )
    pages = [
        (people["reviewer"], reverse("learning:community_applications")),
        (people["reviewer"], application.get_absolute_url()),
        (people["newcomer"], asked.get_absolute_url()),
        (
            people["org_admin"],
            reverse("learning:organisation_members", args=[world.mexican_cso.slug]),
        ),
        (
            people["org_admin"],
            reverse("learning:community_profile_edit", args=[world.mexican_cso.slug]),
        ),
        (people["anonymous"], "/es/learning/community/"),
        (people["member"], "/en/learning/community/"),
    ]
    for user, url in pages:
        response = client_for(user).get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "xss-probe" in text, url
        assert not check_html(url, text), (url, check_html(url, text))


# ---------------------------------------------------------------- one person's data


def test_a_persons_applications_and_requests_are_exported_and_erased(
    world: World, people: dict[str, Any]
) -> None:
    from migralocal.learning import personal_data

    newcomer = people["newcomer"]
    application = apply(world, newcomer, contact_email=newcomer.email)
    ask_to_join(world, people)
    exported = personal_data.export_person(user=newcomer, email=newcomer.email, references=[])
    assert [row["pk"] for row in exported["community_applications"]] == [application.pk]
    assert len(exported["join_requests"]) == 1
    counts = personal_data.erase_person(user=newcomer, email=newcomer.email, references=[])
    assert counts["community_applications"] == 1
    application.refresh_from_db()
    assert (application.applicant, application.contact_email, application.contact_name) == (
        None,
        "",
        "",
    )
    assert not JoinRequest.objects.filter(user=newcomer).exists()

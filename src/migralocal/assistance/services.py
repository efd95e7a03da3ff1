"""Writes of cash assistance: every one checks the actor's permission first, whoever calls it (a
page, the admin, a command), and runs in a transaction. django-auditlog records each change to
programmes, households and decisions (audit.py); each reading of identifying details goes to the
platform's access log."""

from __future__ import annotations

import datetime as dt
import operator
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from migralocal.assistance import matching
from migralocal.assistance.models import (
    AssistanceStaff,
    CashProgramme,
    DuplicatePair,
    Household,
    Member,
    PopulationGroup,
    Sex,
    StaffRole,
    TransferBasis,
)
from migralocal.assistance.permissions import may_read_identity, may_review_duplicates
from migralocal.consultations.crypto import reencrypt_all
from migralocal.core.models import (
    AccessLog,
    Actor,
    AdministrativeArea,
    Country,
    Organisation,
    User,
)
from migralocal.core.permissions import require
from migralocal.core.services import log_access

CRITERION_CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
COMMAND_LINE = "command-line@migralocal.invalid"


# Programmes ---------------------------------------------------------------------------------


@dataclass
class ProgrammeFields:
    name: str
    operator: Organisation
    country: Country
    currency: str
    starts_on: dt.date
    ends_on: dt.date
    budget: Decimal
    population_groups: Sequence[str]
    transfer_basis: str
    transfer_amount: Decimal | None = None
    size_bands: Sequence[dict[str, Any]] = ()
    cycles: int = 1
    criteria: Sequence[dict[str, Any]] = ()
    municipalities: Iterable[AdministrativeArea] = ()
    programme: Any = None  # programmes.Programme
    compare_across_programmes: bool = False


def _amount(value: Any) -> Decimal | None:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return amount if amount.is_finite() and amount > 0 else None


def size_bands_clean(bands: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Bands of household size, from one member up, without gaps or overlaps; the last may be
    open (no "max"). Returns them sorted, with amounts as text."""
    cleaned: list[dict[str, Any]] = []
    for band in bands:
        try:
            low = int(band["min"])
            high = None if band.get("max") in (None, "") else int(band["max"])
        except (KeyError, TypeError, ValueError):
            raise ValidationError(
                {"size_bands": _("Each size band needs a smallest and a largest size.")}
            ) from None
        amount = _amount(band.get("amount"))
        if amount is None:
            raise ValidationError({"size_bands": _("Each size band needs an amount above zero.")})
        if low < 1 or (high is not None and high < low):
            raise ValidationError(
                {"size_bands": _("A size band goes from one member up, smallest first.")}
            )
        cleaned.append({"min": low, "max": high, "amount": str(amount)})
    cleaned.sort(key=lambda band: band["min"])
    expected = 1
    for index, band in enumerate(cleaned):
        if band["min"] != expected:
            raise ValidationError(
                {"size_bands": _("Size bands must start at one member and leave no gaps.")}
            )
        if band["max"] is None:
            if index != len(cleaned) - 1:
                raise ValidationError(
                    {"size_bands": _("Only the last size band may have no largest size.")}
                )
            break
        expected = band["max"] + 1
    return cleaned


def criteria_clean(criteria: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Weighted eligibility and vulnerability criteria: a code, a label and a weight from 0 to
    100, each code once."""
    cleaned: list[dict[str, Any]] = []
    seen: set[str] = set()
    for criterion in criteria:
        if not isinstance(criterion, dict):
            raise ValidationError({"criteria": _("Each criterion needs a code and a weight.")})
        code = str(criterion.get("code", "")).strip()
        label = str(criterion.get("label", "")).strip()
        if not CRITERION_CODE.match(code):
            raise ValidationError(
                {"criteria": _("A criterion's code is lower-case letters, digits and underscores.")}
            )
        if code in seen:
            raise ValidationError({"criteria": _("Each criterion's code may appear once.")})
        try:
            weight = Decimal(str(criterion.get("weight")))
        except (InvalidOperation, ValueError):
            weight = Decimal(-1)
        if not weight.is_finite() or not Decimal(0) <= weight <= Decimal(100):
            raise ValidationError(
                {"criteria": _("A criterion's weight is a number from 0 to 100.")}
            )
        seen.add(code)
        cleaned.append({"code": code, "label": label or code, "weight": float(weight)})
    return cleaned


def _apply(programme: CashProgramme, fields: ProgrammeFields) -> None:
    groups = list(dict.fromkeys(fields.population_groups))
    if not groups or not set(groups) <= set(PopulationGroup.values):
        raise ValidationError(
            {"population_groups": _("Choose the population groups the programme serves.")}
        )
    if fields.transfer_basis not in TransferBasis.values:
        raise ValidationError({"transfer_basis": _("Choose a transfer rule from the list.")})
    amount = None
    bands: list[dict[str, Any]] = []
    if fields.transfer_basis == TransferBasis.SIZE_BAND:
        bands = size_bands_clean(fields.size_bands)
        if not bands:
            raise ValidationError({"size_bands": _("Give at least one household size band.")})
    else:
        amount = _amount(fields.transfer_amount)
        if amount is None:
            raise ValidationError({"transfer_amount": _("Give an amount above zero.")})
    if fields.ends_on < fields.starts_on:
        raise ValidationError({"ends_on": _("The programme cannot end before it starts.")})
    if fields.cycles < 1:
        raise ValidationError({"cycles": _("A programme pays in one cycle at least.")})
    municipalities = list(fields.municipalities)
    if any(area.country_id != fields.country.pk for area in municipalities):
        raise ValidationError(
            {"municipalities": _("The municipalities must be in the programme's country.")}
        )
    programme.name = fields.name.strip()
    programme.operator = fields.operator
    programme.country = fields.country
    programme.currency = fields.currency.strip().upper()
    programme.starts_on = fields.starts_on
    programme.ends_on = fields.ends_on
    programme.budget = fields.budget
    programme.population_groups = groups
    programme.transfer_basis = fields.transfer_basis
    programme.transfer_amount = amount
    programme.size_bands = bands
    programme.cycles = fields.cycles
    programme.criteria = criteria_clean(fields.criteria)
    programme.programme = fields.programme
    programme.compare_across_programmes = fields.compare_across_programmes
    programme.full_clean(exclude=["slug"] if programme.slug else None)
    programme.save()
    programme.municipalities.set(municipalities)


@transaction.atomic
def programme_create(*, actor: Actor, slug: str, fields: ProgrammeFields) -> CashProgramme:
    """A new cash assistance programme; its rules are checked before anything is kept."""
    require(actor, "assistance.add_cashprogramme", fields.operator)
    programme = CashProgramme(slug=slug)
    programme.full_clean(exclude=[f.name for f in CashProgramme._meta.fields if f.name != "slug"])
    _apply(programme, fields)
    return programme


@transaction.atomic
def programme_update(
    *, actor: Actor, programme: CashProgramme, fields: ProgrammeFields
) -> CashProgramme:
    require(actor, "assistance.change_cashprogramme", programme)
    if fields.operator.pk != programme.operator_id:
        # Moving households to another operator would hand their data to other staff.
        require(actor, "assistance.add_cashprogramme", fields.operator)
    _apply(programme, fields)
    return programme


@transaction.atomic
def staff_grant(
    *, actor: Actor, user: User, organisation: Organisation, role: str
) -> AssistanceStaff:
    """Name someone assistance staff of an operator (the platform's decision)."""
    require(actor, "assistance.manage_staff", organisation)
    if role not in StaffRole.values:
        raise ValidationError({"role": _("Choose a role from the list.")})
    staff, _created = AssistanceStaff.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    return staff


# Registration -------------------------------------------------------------------------------


@dataclass
class MemberData:
    person_ref: str
    given_names: str
    family_names: str
    sex: str
    date_of_birth: dt.date | None
    document_type: str = ""
    document_number: str = ""
    phone: str = ""
    population_group: str = ""


@dataclass
class HouseholdData:
    household_ref: str
    municipality: AdministrativeArea
    population_group: str
    members: list[MemberData] = field(default_factory=list)  # the head first


def _check_registration(programme: CashProgramme, household: HouseholdData) -> None:
    if not household.members:
        raise ValidationError(_("A household needs at least one member."))
    if household.population_group not in programme.population_groups:
        raise ValidationError(
            {"population_group": _("The programme does not serve this population group.")}
        )
    areas = set(programme.municipalities.values_list("pk", flat=True))
    if household.municipality.country_id != programme.country_id or (
        areas and household.municipality.pk not in areas
    ):
        raise ValidationError(
            {"municipality": _("The programme does not work in this municipality.")}
        )
    for member in household.members:
        if not member.given_names.strip() or not member.family_names.strip():
            raise ValidationError(_("Each member needs given names and family names."))
        if member.sex not in Sex.values:
            raise ValidationError({"sex": _("Choose a sex from the list.")})


def _actor_or_command_line(actor: Actor | None, permission: str, obj: Any) -> User | None:
    """Commands run on the server by whoever runs the platform pass no actor; everyone else is
    checked."""
    if actor is None:
        return None
    require(actor, permission, obj)
    return actor if isinstance(actor, User) else None


@transaction.atomic
def households_register(
    *,
    actor: Actor | None,
    programme: CashProgramme,
    households: Sequence[HouseholdData],
    consent_purpose: str,
) -> list[Household]:
    """Register households and their members, all or none, with the consent the source
    recorded. A person reference already in the programme is refused (the database refuses it
    too)."""
    user = _actor_or_command_line(actor, "assistance.register_households", programme)
    purpose = consent_purpose.strip()
    if not purpose:
        raise ValidationError(
            {"consent_purpose": _("Say what the people agreed their details may be used for.")}
        )
    refs = [member.person_ref for household in households for member in household.members]
    if len(refs) != len(set(refs)):
        raise ValidationError(_("The same person reference appears twice."))
    taken = set(
        Member.objects.filter(programme=programme, person_ref__in=refs).values_list(
            "person_ref", flat=True
        )
    )
    if taken:
        raise ValidationError(
            _("Already registered in this programme: %(refs)s")
            % {"refs": ", ".join(sorted(taken)[:10])}
        )
    household_refs = [household.household_ref.strip() for household in households]
    if (
        len(household_refs) != len(set(household_refs))
        or Household.objects.filter(programme=programme, household_ref__in=household_refs).exists()
    ):
        raise ValidationError(_("A household reference is already registered in this programme."))
    now = timezone.now()
    created: list[Household] = []
    for data in households:
        _check_registration(programme, data)
        household = Household(
            programme=programme,
            household_ref=data.household_ref.strip(),
            municipality=data.municipality,
            population_group=data.population_group,
            consent_purpose=purpose[:300],
            consent_recorded_at=now,
            registered_by=user,
        )
        household.full_clean(exclude=["programme", "municipality", "registered_by"])
        household.save()
        members = [
            Member(
                programme=programme,
                household=household,
                person_ref=member.person_ref.strip(),
                is_head=index == 0,
                given_names=member.given_names.strip(),
                family_names=member.family_names.strip(),
                sex=member.sex,
                date_of_birth=member.date_of_birth,
                document_type=member.document_type.strip(),
                document_number=member.document_number.strip(),
                phone=member.phone.strip(),
                population_group=member.population_group or data.population_group,
            )
            for index, member in enumerate(data.members)
        ]
        for member in members:
            member.full_clean(exclude=["programme", "household", "merged_into"])
        Member.objects.bulk_create(members)
        created.append(household)
    return created


def household_identity_read(*, actor: Actor, household: Household, reason: str) -> list[Member]:
    """The members of a household with their identifying details, for the operator's
    assistance staff only; each reading is logged with its reason."""
    if not may_read_identity(actor, household):
        raise PermissionDenied
    log_access(actor, household, reason)
    return list(household.members.order_by("-is_head", "pk"))


def registrations_check(*, actor: Actor | None, programme: CashProgramme, content: bytes) -> Any:
    """Check a registration file (importing.py) without writing anything: its problems by row
    and column, what it would register, and its probable duplicates. Comparing with the people
    already registered reads their details: it is logged as a duplicate search."""
    from migralocal.assistance import importing

    if actor is not None and not may_review_duplicates(actor, programme):
        raise PermissionDenied
    result = importing.check(programme, content)
    if result.is_valid:
        _log_search(actor, programme)
    return result


@transaction.atomic
def registrations_import(
    *, actor: Actor | None, programme: CashProgramme, content: bytes, consent_purpose: str
) -> list[Household]:
    """Register every household of a file, or none: the file is checked again as a whole, and
    any problem refuses it all."""
    result = registrations_check(actor=actor, programme=programme, content=content)
    if not result.is_valid:
        raise ValidationError(
            [
                _("Row %(row)d, %(column)s: %(message)s")
                % {"row": problem.row, "column": problem.column or "-", "message": problem.message}
                for problem in result.problems[:50]
            ]
        )
    return households_register(
        actor=actor,
        programme=programme,
        households=result.households,
        consent_purpose=consent_purpose,
    )


# Duplicates ---------------------------------------------------------------------------------


def people_of(
    members: Iterable[Member | MemberData],
    *,
    key: Callable[[Any], object] = operator.attrgetter("pk"),
    group: object = None,
) -> list[matching.Person]:
    """The people as the duplicate finder sees them, registered (`Member`) or read from a file
    (`MemberData`), each known by `key(member)`."""
    return [
        matching.Person(
            key=key(member),
            given_names=member.given_names,
            family_names=member.family_names,
            date_of_birth=member.date_of_birth,
            document_number=member.document_number,
            phone=member.phone,
            sex=member.sex,
            group=group,
        )
        for member in members
    ]


def other_programmes_members(programme: CashProgramme) -> models.QuerySet[Member]:
    """The registered people of the operator's other programmes, when this programme and those
    both allow comparing across programmes; none otherwise."""
    if not programme.compare_across_programmes:
        return Member.objects.none()
    return Member.objects.filter(
        programme__operator=programme.operator_id,
        programme__compare_across_programmes=True,
        status=Member.Status.ACTIVE,
    ).exclude(programme=programme)


def _log_search(actor: Actor | None, programme: CashProgramme) -> None:
    reason = "Duplicate search over the programme's registrations"
    if actor is not None:
        log_access(actor, programme, reason)
        return
    from django.contrib.contenttypes.models import ContentType

    AccessLog.objects.create(
        user=None,
        user_email=COMMAND_LINE,
        content_type=ContentType.objects.get_for_model(CashProgramme),
        object_id=str(programme.pk),
        object_repr=str(programme)[:200],
        reason=reason + " (command line)",
    )


@transaction.atomic
def duplicates_find(
    *,
    actor: Actor | None,
    programme: CashProgramme,
    threshold: float = matching.DEFAULT_THRESHOLD,
) -> list[DuplicatePair]:
    """Look for probable duplicates among the programme's registered people (decrypted in
    memory, never stored), and keep the new pairs for review. Pairs already decided are kept as
    decided. Returns every pair found this time, best first."""
    if actor is not None and not may_review_duplicates(actor, programme):
        raise PermissionDenied
    _log_search(actor, programme)
    members = Member.objects.filter(programme=programme, status=Member.Status.ACTIVE)
    # Pairs within the other programmes are theirs to find: those people share one group.
    people = [*people_of(members), *people_of(other_programmes_members(programme), group="other")]
    matches = matching.find_matches(people, threshold=threshold)
    existing = {
        (pair.member_a_id, pair.member_b_id): pair
        # With the pairs another programme of the operator found with this one's people.
        for pair in DuplicatePair.objects.filter(
            models.Q(programme=programme)
            | models.Q(member_a__programme=programme)
            | models.Q(member_b__programme=programme)
        )
    }
    pairs: list[DuplicatePair] = []
    for match in matches:
        a, b = sorted((int(str(match.a)), int(str(match.b))))
        pair = existing.get((a, b))
        if pair is None:
            pair = DuplicatePair.objects.create(
                programme=programme,
                member_a_id=a,
                member_b_id=b,
                score=match.score,
                reasons=list(match.reasons),
            )
        elif pair.decision == DuplicatePair.Decision.PENDING:
            pair.score, pair.reasons = match.score, list(match.reasons)
            pair.save(update_fields=["score", "reasons"])
        pairs.append(pair)
    return pairs


@transaction.atomic
def duplicate_decide(*, actor: Actor, pair: DuplicatePair, decision: str) -> DuplicatePair:
    """Staff decide a pair: "same" merges the later record into the earlier one, which keeps
    both (the later marked merged, pointing to the one kept), so the history stays; "different"
    keeps both as they are and the pair is not proposed again."""
    if not may_review_duplicates(actor, pair):
        raise PermissionDenied
    pair = DuplicatePair.objects.select_for_update().get(pk=pair.pk)
    if pair.decision != DuplicatePair.Decision.PENDING:
        raise ValidationError(_("This pair has already been decided."))
    if decision not in (DuplicatePair.Decision.SAME, DuplicatePair.Decision.DIFFERENT):
        raise ValidationError({"decision": _("Choose same person or different people.")})
    if decision == DuplicatePair.Decision.SAME:
        kept, merged = pair.member_a, pair.member_b
        if kept.status != Member.Status.ACTIVE or merged.status != Member.Status.ACTIVE:
            raise ValidationError(_("One of these records has already been merged."))
        merged.status = Member.Status.MERGED
        merged.merged_into = kept
        merged.save(update_fields=["status", "merged_into"])
        # Other pairs still to review with the merged record are withdrawn: the next search
        # compares the record kept instead.
        DuplicatePair.objects.filter(
            models.Q(member_a=merged) | models.Q(member_b=merged),
            decision=DuplicatePair.Decision.PENDING,
        ).exclude(pk=pair.pk).delete()
    pair.decision = decision
    pair.decided_by = actor if isinstance(actor, User) else None
    pair.decided_at = timezone.now()
    pair.save(update_fields=["decision", "decided_by", "decided_at"])
    return pair


# Keys ---------------------------------------------------------------------------------------

ENCRYPTED_FIELDS = ("given_names", "family_names", "document_number", "phone")


def assistance_keys_rotate(*, batch_size: int = 500) -> int:
    """Encrypt every member's identifying details (and grievances' and referrals' details)
    again with the newest key, in batches, so older keys can be retired (as
    `rotate_identity_keys` does for consultations). Returns the records re-encrypted."""
    from migralocal.assistance.grievances import Grievance, PendingRegistration

    count = reencrypt_all(Member, ENCRYPTED_FIELDS, batch_size)
    count += reencrypt_all(Grievance, ("description", "contact_name", "contact"), batch_size)
    count += reencrypt_all(PendingRegistration, ("name", "contact", "document_number"), batch_size)
    return count

"""Targeting and payments of cash assistance: every write checks the actor first and runs in a
transaction.

Targeting scores each household by the programme's weighted criteria (the codes below, read from
the household's answers and its members), ranks the eligible within the budget, and wants a
second person to approve: the one who registered a household never approves it. Payments go in
cycles, one list per financial service provider, one payment per enrolled household and cycle
(the database refuses a second); a provider's report is read back all or nothing; what failed is
paid again in the next cycle's list; no list takes the programme over its budget."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from migralocal.assistance.models import (
    CashProgramme,
    FinancialServiceProvider,
    Household,
    Member,
    Payment,
    PaymentCycle,
    PaymentList,
    Sex,
    TransferBasis,
)
from migralocal.assistance.payments import ExportColumn, ProviderKind
from migralocal.assistance.permissions import may, may_export_payments
from migralocal.core.exports import csv_text, xlsx_bytes
from migralocal.core.models import Actor, AdministrativeArea, User
from migralocal.core.services import log_access

CENT = Decimal("0.01")
# The criteria codes a programme may weigh, each read from the household's data.
LARGE_HOUSEHOLD = 5  # "household_size" counts from this many members
DEPENDANT_UNDER, DEPENDANT_OVER = 18, 64  # "dependants": under 18 or over 64 years old
CRITERIA_CODES = (
    "household_size",
    "dependants",
    "disability",
    "female_head",
    "income_lost",
    "no_other_assistance",
)
REPORT_COLUMNS = ("reference", "status", "amount", "provider_reference")
REPORT_STATUSES = (Payment.Status.PAID, Payment.Status.FAILED, Payment.Status.UNCLAIMED)
# Names, documents and phones: decrypted only where they are shown or exported.
IDENTIFYING = ("given_names", "family_names", "document_number", "phone")


def _members_without_names() -> Prefetch:
    """A household's members as scoring and sizing read them: without decrypting anyone's
    identifying details."""
    return Prefetch("members", queryset=Member.objects.defer(*IDENTIFYING))


def _require(actor: Actor, permission: str, obj: Any) -> None:
    if not may(actor, permission, obj):
        raise PermissionDenied


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


# Targeting ----------------------------------------------------------------------------------


def transfer_amount(programme: CashProgramme, size: int) -> Decimal:
    """What one household of `size` members receives in one cycle, by the programme's rule."""
    if programme.transfer_basis == TransferBasis.SIZE_BAND:
        for band in programme.size_bands:
            if size >= band["min"] and (band["max"] is None or size <= band["max"]):
                return Decimal(band["amount"]).quantize(CENT)
        return Decimal(0)
    amount = programme.transfer_amount or Decimal(0)
    if programme.transfer_basis == TransferBasis.PER_MEMBER:
        amount *= size
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@dataclass(frozen=True)
class Assessment:
    eligible: bool
    score: Decimal
    reasons: list[dict[str, Any]]


def household_facts(household: Household, members: Sequence[Member], on: dt.date) -> dict:
    """What the criteria read: each code with whether it holds and what was found."""
    people = [member for member in members if member.status != Member.Status.MERGED]
    dependants = sum(
        1
        for member in people
        if member.date_of_birth is not None
        and not DEPENDANT_UNDER <= _age(member.date_of_birth, on) <= DEPENDANT_OVER
    )
    head = next((member for member in people if member.is_head), None)
    return {
        "household_size": (len(people) >= LARGE_HOUSEHOLD, str(len(people))),
        "dependants": (dependants > 0, str(dependants)),
        "disability": (household.has_disability, ""),
        "female_head": (head is not None and head.sex == Sex.FEMALE, ""),
        "income_lost": (household.income_lost, ""),
        "no_other_assistance": (not household.other_assistance, ""),
    }


def household_score(
    programme: CashProgramme, household: Household, members: Sequence[Member], on: dt.date
) -> Assessment:
    """The weights of the criteria that hold, added up, with those criteria as the reasons. A
    household is eligible when one criterion holds at least (or when the programme weighs none).
    A code this platform cannot read is not counted."""
    facts = household_facts(household, members, on)
    reasons = []
    score = Decimal(0)
    for criterion in programme.criteria:
        holds, detail = facts.get(criterion["code"], (False, ""))
        if holds:
            weight = Decimal(str(criterion["weight"]))
            score += weight
            reasons.append({**criterion, "detail": detail})
    eligible = bool(reasons) or not programme.criteria
    return Assessment(eligible, score.quantize(CENT), reasons)


ASSESSABLE = (
    Household.Status.REGISTERED,
    Household.Status.ELIGIBLE,
    Household.Status.NOT_ELIGIBLE,
)


@transaction.atomic
def households_assess(*, actor: Actor, programme: CashProgramme, on: dt.date | None = None) -> int:
    """Score every household not yet approved with the programme's criteria as they are now,
    and mark it eligible or not eligible. Approved and enrolled households keep their score.
    Returns how many were assessed."""
    _require(actor, "assistance.assess_households", programme)
    day = on or timezone.localdate()
    now = timezone.now()
    households = list(
        Household.objects.filter(programme=programme, status__in=ASSESSABLE).prefetch_related(
            _members_without_names()
        )
    )
    # Households with the same result are written by one UPDATE: a few dozen combinations of
    # criteria, whatever the number of households.
    same: dict[str, tuple[Assessment, list[int]]] = {}
    for household in households:
        result = household_score(programme, household, list(household.members.all()), day)
        key = json.dumps([result.eligible, str(result.score), result.reasons], sort_keys=True)
        same.setdefault(key, (result, []))[1].append(household.pk)
    for result, pks in same.values():
        Household.objects.filter(pk__in=pks).update(
            score=result.score,
            score_reasons=result.reasons,
            status=Household.Status.ELIGIBLE if result.eligible else Household.Status.NOT_ELIGIBLE,
            assessed_at=now,
        )
    return len(households)


@dataclass(frozen=True)
class Ranked:
    household: Household
    rank: int
    size: int
    cost: Decimal  # the transfer of every cycle
    cumulative: Decimal
    within_budget: bool


def ranked_households(programme: CashProgramme) -> list[Ranked]:
    """Eligible, approved and enrolled households, most vulnerable first (then the earliest
    registered), each with what it costs over all cycles; those whose running total stays
    within the budget are `within_budget`, and the list is cut at the first that does not."""
    households = (
        Household.objects.filter(
            programme=programme,
            status__in=(
                Household.Status.ELIGIBLE,
                Household.Status.APPROVED,
                Household.Status.ENROLLED,
            ),
        )
        .select_related("municipality__country", "registered_by")
        .prefetch_related(_members_without_names())
        .order_by("-score", "created_at", "pk")
    )
    rows: list[Ranked] = []
    total = Decimal(0)
    inside = True
    for rank, household in enumerate(households, start=1):
        size = sum(1 for m in household.members.all() if m.status != Member.Status.MERGED)
        cost = transfer_amount(programme, size) * programme.cycles
        total += cost
        inside = inside and total <= programme.budget
        rows.append(Ranked(household, rank, size, cost, total, inside))
    return rows


@transaction.atomic
def households_approve(
    *, actor: Actor, programme: CashProgramme, households: Iterable[Household]
) -> int:
    """Approve eligible households within the budget, all or none. Four eyes: whoever
    registered a household cannot approve it."""
    _require(actor, "assistance.approve_households", programme)
    wanted = {household.pk for household in households}
    if not wanted:
        raise ValidationError(_("Choose the households to approve."))
    ranked = {row.household.pk: row for row in ranked_households(programme)}
    errors = []
    chosen = list(Household.objects.select_for_update().filter(programme=programme, pk__in=wanted))
    if len(chosen) != len(wanted):
        errors.append(_("Some of the households chosen are not in this programme."))
    for household in chosen:
        row = ranked.get(household.pk)
        if household.registered_by_id is not None and household.registered_by_id == actor.pk:
            errors.append(
                _("You registered household %(ref)s: another person must approve it.")
                % {"ref": household.household_ref}
            )
        elif household.status != Household.Status.ELIGIBLE or row is None:
            errors.append(
                _("Household %(ref)s is not eligible for approval.")
                % {"ref": household.household_ref}
            )
        elif not row.within_budget:
            errors.append(
                _("Household %(ref)s is outside the budget.") % {"ref": household.household_ref}
            )
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    for household in chosen:
        household.status = Household.Status.APPROVED
        household.approved_by = _user(actor)
        household.approved_at = now
    Household.objects.bulk_update(chosen, ["status", "approved_by", "approved_at"])
    return len(chosen)


@transaction.atomic
def households_enrol(*, actor: Actor, programme: CashProgramme) -> int:
    """Enrol every approved household: from now on it is on the payment lists."""
    _require(actor, "assistance.approve_households", programme)
    return Household.objects.filter(programme=programme, status=Household.Status.APPROVED).update(
        status=Household.Status.ENROLLED, enrolled_at=timezone.now()
    )


# Providers and cycles -----------------------------------------------------------------------


@transaction.atomic
def provider_create(
    *,
    actor: Actor,
    programme: CashProgramme,
    name: str,
    kind: str,
    export_columns: Sequence[str],
) -> FinancialServiceProvider:
    """A financial service provider of the programme and the columns of its payment list; the
    payment reference and the amount are always among them, so that its report can be read
    back."""
    _require(actor, "assistance.manage_payments", programme)
    if kind not in ProviderKind.values:
        raise ValidationError({"kind": _("Choose a kind of provider from the list.")})
    columns = list(dict.fromkeys(export_columns))
    if not set(columns) <= set(ExportColumn.values):
        raise ValidationError({"export_columns": _("Choose the columns from the list.")})
    if ExportColumn.REFERENCE not in columns or ExportColumn.AMOUNT not in columns:
        raise ValidationError(
            {"export_columns": _("The payment reference and the amount must be columns.")}
        )
    if FinancialServiceProvider.objects.filter(programme=programme, name=name.strip()).exists():
        raise ValidationError({"name": _("The programme already has a provider of this name.")})
    provider = FinancialServiceProvider(
        programme=programme, name=name.strip(), kind=kind, export_columns=columns
    )
    provider.full_clean(exclude=["programme"])
    provider.save()
    return provider


@transaction.atomic
def cycle_create(
    *, actor: Actor, programme: CashProgramme, number: int, starts_on: dt.date, ends_on: dt.date
) -> PaymentCycle:
    """A payment cycle of the programme: numbered within its number of cycles, once each, and
    inside its period."""
    _require(actor, "assistance.manage_payments", programme)
    if not 1 <= number <= programme.cycles:
        raise ValidationError(
            {
                "number": _("The programme pays in cycles 1 to %(cycles)d.")
                % {"cycles": programme.cycles}
            }
        )
    if PaymentCycle.objects.filter(programme=programme, number=number).exists():
        raise ValidationError({"number": _("This cycle already exists.")})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("A cycle cannot end before it starts.")})
    if starts_on < programme.starts_on or ends_on > programme.ends_on:
        raise ValidationError({"starts_on": _("A cycle falls within the programme's period.")})
    return PaymentCycle.objects.create(
        programme=programme, number=number, starts_on=starts_on, ends_on=ends_on
    )


# Payment lists ------------------------------------------------------------------------------


def committed(programme: CashProgramme) -> Decimal:
    """What the programme has sent to providers and not got back as failed (what failed is in
    the payment that pays it again)."""
    total = (
        Payment.objects.filter(cycle__programme=programme)
        .exclude(status=Payment.Status.FAILED)
        .aggregate(total=Sum("amount"))["total"]
    )
    return total or Decimal(0)


@transaction.atomic
def payment_list_create(
    *,
    actor: Actor,
    cycle: PaymentCycle,
    provider: FinancialServiceProvider,
    municipalities: Iterable[AdministrativeArea] = (),
) -> PaymentList:
    """The provider's list for the cycle: one payment for each enrolled household (of the
    municipalities given, or all) that no list of this cycle pays yet; the amount by the
    transfer rule, plus what failed for it in earlier cycles and was not paid again. A list
    that would take the programme over its budget is refused, and nothing is written."""
    programme = cycle.programme
    _require(actor, "assistance.manage_payments", programme)
    if provider.programme_id != programme.pk:
        raise ValidationError({"provider": _("This provider does not pay for this programme.")})
    if PaymentList.objects.filter(cycle=cycle, provider=provider).exists():
        raise ValidationError({"provider": _("This provider already has a list in this cycle.")})
    enrolled = (
        Household.objects.filter(programme=programme, status=Household.Status.ENROLLED)
        .exclude(payments__cycle=cycle)
        .prefetch_related(_members_without_names())
        .order_by("household_ref")
    )
    areas = [area.pk for area in municipalities]
    if areas:
        enrolled = enrolled.filter(municipality__in=areas)
    households = list(enrolled)
    if not households:
        raise ValidationError(_("No enrolled household is left to pay in this cycle."))
    failed: dict[int, list[Payment]] = {}
    for payment in Payment.objects.filter(
        household__in=households,
        status=Payment.Status.FAILED,
        reissued_in=None,
        cycle__number__lt=cycle.number,
    ):
        failed.setdefault(payment.household_id, []).append(payment)
    payments = []
    for household in households:
        size = sum(1 for m in household.members.all() if m.status != Member.Status.MERGED)
        again = sum((p.amount for p in failed.get(household.pk, [])), Decimal(0))
        payments.append(
            Payment(
                cycle=cycle,
                household=household,
                reference=f"C{cycle.pk}-H{household.pk}",
                amount=transfer_amount(programme, size) + again,
                reissued_amount=again,
            )
        )
    total = sum((payment.amount for payment in payments), Decimal(0))
    already = committed(programme)
    if already + total > programme.budget:
        raise ValidationError(
            _(
                "This list of %(total)s %(currency)s would take the programme over its budget: "
                "%(committed)s already committed of %(budget)s."
            )
            % {
                "total": total,
                "currency": programme.currency,
                "committed": already,
                "budget": programme.budget,
            }
        )
    payment_list = PaymentList.objects.create(
        cycle=cycle, provider=provider, created_by=_user(actor)
    )
    for payment in payments:
        payment.payment_list = payment_list
    try:
        with transaction.atomic():
            Payment.objects.bulk_create(payments)
    except IntegrityError:
        # Another list of this cycle took one of these households meanwhile.
        raise ValidationError(
            _("A household of this list is already on another list of this cycle.")
        ) from None
    by_household = {payment.household_id: payment for payment in payments}
    for household_id, olds in failed.items():
        Payment.objects.filter(pk__in=[old.pk for old in olds]).update(
            reissued_in=by_household[household_id]
        )
    return payment_list


def _column_values(payment: Payment, head: Member | None, currency: str) -> dict[str, Any]:
    return {
        ExportColumn.REFERENCE: payment.reference,
        ExportColumn.HOUSEHOLD_REF: payment.household.household_ref,
        ExportColumn.PERSON_REF: head.person_ref if head else "",
        ExportColumn.GIVEN_NAMES: head.given_names if head else "",
        ExportColumn.FAMILY_NAMES: head.family_names if head else "",
        ExportColumn.DOCUMENT_TYPE: head.document_type if head else "",
        ExportColumn.DOCUMENT_NUMBER: head.document_number if head else "",
        ExportColumn.PHONE: head.phone if head else "",
        ExportColumn.MUNICIPALITY: str(payment.household.municipality),
        ExportColumn.AMOUNT: payment.amount,
        ExportColumn.CURRENCY: currency,
    }


def payment_list_export(*, actor: Actor, payment_list: PaymentList, file_format: str) -> bytes:
    """The provider's list in the columns it was configured with, as CSV or XLSX, with the
    head of each household's identifying details: for finance officers with two-factor
    authentication, each export logged. Cells go through core.exports (no formula runs)."""
    if not may_export_payments(actor, payment_list):
        raise PermissionDenied
    log_access(actor, payment_list, "Payment list sent to the provider")
    columns = list(payment_list.provider.export_columns)
    labels = dict(ExportColumn.choices)
    currency = payment_list.cycle.programme.currency
    rows: list[list[Any]] = [[str(labels[column]) for column in columns]]
    payments = payment_list.payments.select_related("household__municipality").prefetch_related(
        Prefetch("household__members", queryset=Member.objects.filter(is_head=True))
    )
    for payment in payments:
        head = next((m for m in payment.household.members.all() if m.is_head), None)
        values = _column_values(payment, head, currency)
        rows.append([values[column] for column in columns])
    if file_format == "xlsx":
        return xlsx_bytes(rows, str(payment_list.cycle))
    return csv_text(rows).encode()


# Reconciliation -----------------------------------------------------------------------------


def _report_rows(content: bytes, filename: str) -> list[list[str]]:
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except Exception:  # any unreadable workbook is the same error to the user
            raise ValidationError(_("The report could not be read as a workbook.")) from None
        return [
            ["" if value is None else str(value).strip() for value in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("The report must be a CSV file in UTF-8 or a workbook.")) from None
    return [[value.strip() for value in row] for row in csv.reader(io.StringIO(text))]


@dataclass(frozen=True)
class ReportLine:
    payment: Payment
    status: str
    provider_reference: str


def payment_report_check(
    *, payment_list: PaymentList, content: bytes, filename: str
) -> list[ReportLine]:
    """Every row of a provider's report (reference, status, amount, provider's reference)
    matched to a payment of this list; any problem by row refuses the whole report."""
    rows = [row for row in _report_rows(content, filename) if any(row)]
    if not rows:
        raise ValidationError(_("The report is empty."))
    header = [cell.lower() for cell in rows[0]]
    missing = [column for column in REPORT_COLUMNS if column not in header]
    if missing:
        raise ValidationError(
            _("The report needs the columns: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    at = {column: header.index(column) for column in REPORT_COLUMNS}
    payments = {payment.reference: payment for payment in payment_list.payments.all()}
    errors: list[str] = []
    lines: list[ReportLine] = []
    seen: set[str] = set()
    for number, row in enumerate(rows[1:], start=2):
        cells = {column: row[index] if index < len(row) else "" for column, index in at.items()}
        reference = cells["reference"]
        payment = payments.get(reference)
        if payment is None:
            errors.append(
                _("Row %(row)d: unknown payment reference %(reference)s.")
                % {"row": number, "reference": reference or "-"}
            )
            continue
        if reference in seen:
            errors.append(
                _("Row %(row)d: payment %(reference)s appears twice.")
                % {"row": number, "reference": reference}
            )
            continue
        seen.add(reference)
        status = cells["status"].lower()
        if status not in REPORT_STATUSES:
            errors.append(
                _("Row %(row)d: the status must be paid, failed or unclaimed.") % {"row": number}
            )
            continue
        try:
            amount = Decimal(cells["amount"].replace(",", "."))
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite() or amount != payment.amount:
            errors.append(
                _(
                    "Row %(row)d: the amount %(amount)s does not match the %(expected)s of "
                    "payment %(reference)s."
                )
                % {
                    "row": number,
                    "amount": cells["amount"] or "-",
                    "expected": payment.amount,
                    "reference": reference,
                }
            )
            continue
        if payment.status != Payment.Status.PENDING:
            errors.append(
                _("Row %(row)d: payment %(reference)s was already reconciled.")
                % {"row": number, "reference": reference}
            )
            continue
        lines.append(ReportLine(payment, status, cells["provider_reference"][:100]))
    if errors:
        raise ValidationError(errors)
    return lines


@transaction.atomic
def payment_list_reconcile(
    *, actor: Actor, payment_list: PaymentList, content: bytes, filename: str
) -> int:
    """Read the provider's report back into the list: each payment paid, failed or unclaimed
    with the provider's reference. All rows or none. Returns how many were reconciled."""
    _require(actor, "assistance.manage_payments", payment_list)
    lines = payment_report_check(payment_list=payment_list, content=content, filename=filename)
    now = timezone.now()
    # One UPDATE per status, and the providers' references (one per payment) apart: a report
    # of thousands of rows stays a few statements.
    by_status: dict[str, list[int]] = {}
    for line in lines:
        by_status.setdefault(line.status, []).append(line.payment.pk)
        line.payment.provider_reference = line.provider_reference
    for status, pks in by_status.items():
        Payment.objects.filter(pk__in=pks).update(status=status, reconciled_at=now)
    Payment.objects.bulk_update(
        [line.payment for line in lines if line.provider_reference], ["provider_reference"]
    )
    if not payment_list.payments.filter(status=Payment.Status.PENDING).exists():
        payment_list.reconciled_at = now
        payment_list.save(update_fields=["reconciled_at"])
    return len(lines)

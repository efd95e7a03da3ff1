"""Cash assistance: a programme's rules as data, the households it registers and their members,
and the probable duplicates found among them.

Names, document numbers and phones are encrypted at rest with the platform's keys (the
consultations' `EncryptedTextField`, rotated by `manage.py rotate_assistance_keys`). The
references the source gave (`person_ref`, `household_ref`) are kept as they came, so that an
import can be traced back and never repeated."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from migralocal.consultations.crypto import EncryptedTextField
from migralocal.core.models import AdministrativeArea, Country, Organisation


class PopulationGroup(models.TextChoices):
    REFUGEE = "refugee", _("Refugees")
    MIGRANT = "migrant", _("Migrants")
    HOST = "host", _("Host community")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other or not said")


class TransferBasis(models.TextChoices):
    PER_HOUSEHOLD = "per_household", _("An amount per household")
    PER_MEMBER = "per_member", _("An amount per member")
    SIZE_BAND = "size_band", _("An amount by household size band")


class StaffRole(models.TextChoices):
    OFFICER = "officer", _("Assistance officer")
    MANAGER = "manager", _("Assistance programme manager")
    GRIEVANCE_FOCAL_POINT = "grievance_focal", _("Grievance focal point")
    APPROVER = "approver", _("Assistance approver")
    FINANCE = "finance", _("Finance officer")


class CashProgramme(models.Model):
    """A cash transfer programme run by one operator, with its rules kept as data."""

    slug = models.SlugField(_("short name in addresses"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)
    operator = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="cash_programmes",
        verbose_name=_("operator"),
    )
    # A cash programme may be funded by several programmes (programmes.ACTIVITY_KINDS).
    programmes = models.ManyToManyField(
        "programmes.Programme",
        related_name="cash_programmes",
        blank=True,
        verbose_name=_("programmes"),
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    municipalities = models.ManyToManyField(
        AdministrativeArea,
        blank=True,
        related_name="cash_programmes",
        verbose_name=_("municipalities"),
    )
    currency = models.CharField(
        _("currency"), max_length=3, help_text=_("ISO 4217 code, such as USD or EUR.")
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    budget = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    population_groups = models.JSONField(_("population groups served"), default=list)
    transfer_basis = models.CharField(
        _("transfer rule"), max_length=20, choices=TransferBasis.choices
    )
    transfer_amount = models.DecimalField(
        _("amount"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Per household or per member, by the transfer rule."),
    )
    # [{"min": 1, "max": 3, "amount": "60.00"}, …]: for the size band rule.
    size_bands = models.JSONField(_("household size bands"), default=list, blank=True)
    cycles = models.PositiveSmallIntegerField(_("number of cycles"), default=1)
    # [{"code": "dependants", "label": "…", "weight": 3}, …]: scored later, kept now.
    criteria = models.JSONField(
        _("eligibility and vulnerability criteria"), default=list, blank=True
    )
    compare_across_programmes = models.BooleanField(
        _("look for duplicates in the operator's other programmes"),
        default=False,
        help_text=_(
            "The duplicate finder also compares with the people of the operator's other "
            "programmes that allow it."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("cash assistance programme")
        verbose_name_plural = _("cash assistance programmes")
        ordering = ("-starts_on", "name")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("assistance:detail", kwargs={"slug": self.slug})

    @property
    def organisation_id(self) -> int:
        return self.operator_id


class AssistanceStaff(models.Model):
    """A person working on the cash assistance of one operator: the only people who read the
    identifying details of the households it registers."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assistance_roles",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="assistance_staff",
        verbose_name=_("operator"),
    )
    role = models.CharField(_("role"), max_length=20, choices=StaffRole.choices)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("assistance staff")
        verbose_name_plural = _("assistance staff")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_assistance_staff_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"


class Household(models.Model):
    """A registered household. Its answers to the targeting questions are kept here (female
    headship, household size and dependants are read from its members), and its way through
    targeting: registered → eligible (or not eligible) → approved → enrolled."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        ELIGIBLE = "eligible", _("Eligible")
        NOT_ELIGIBLE = "not_eligible", _("Not eligible")
        APPROVED = "approved", _("Approved")
        ENROLLED = "enrolled", _("Enrolled for payments")

    programme = models.ForeignKey(
        CashProgramme,
        on_delete=models.CASCADE,
        related_name="households",
        verbose_name=_("programme"),
    )
    household_ref = models.CharField(_("household reference"), max_length=60)
    municipality = models.ForeignKey(
        AdministrativeArea,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )
    population_group = models.CharField(
        _("population group"), max_length=20, choices=PopulationGroup.choices
    )
    consent_purpose = models.CharField(_("consent given for"), max_length=300)
    consent_recorded_at = models.DateTimeField(_("consent recorded"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    has_disability = models.BooleanField(
        _("someone in the household lives with a disability"), default=False
    )
    income_lost = models.BooleanField(_("the household lost its income"), default=False)
    other_assistance = models.BooleanField(
        _("the household receives other assistance"), default=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED
    )
    score = models.DecimalField(
        _("vulnerability score"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    # [{"code": "dependants", "label": "…", "weight": 3.0, "detail": "2"}, …]: what counted.
    score_reasons = models.JSONField(_("reasons"), default=list, blank=True)
    assessed_at = models.DateTimeField(_("assessed"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    enrolled_at = models.DateTimeField(_("enrolled"), null=True, blank=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ("household_ref",)
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["programme", "household_ref"], name="unique_household_ref_in_programme"
            )
        ]

    def __str__(self) -> str:
        # Never a name: this text goes to the access log and the audit trail.
        return self.household_ref

    @property
    def organisation_id(self) -> int:
        return self.programme.operator_id


class Member(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Registered")
        MERGED = "merged", _("Merged into another record")
        ERASED = "erased", _("Erased on request")

    programme = models.ForeignKey(
        CashProgramme, on_delete=models.CASCADE, related_name="members", verbose_name=_("programme")
    )
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="members", verbose_name=_("household")
    )
    person_ref = models.CharField(_("person reference"), max_length=60)
    is_head = models.BooleanField(_("head of household"), default=False)
    given_names = EncryptedTextField(_("given names"), validators=[MaxLengthValidator(150)])
    family_names = EncryptedTextField(_("family names"), validators=[MaxLengthValidator(150)])
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    document_type = models.CharField(_("document type"), max_length=40, blank=True)
    document_number = EncryptedTextField(
        _("document number"), blank=True, validators=[MaxLengthValidator(60)]
    )
    phone = EncryptedTextField(_("phone"), blank=True, validators=[MaxLengthValidator(40)])
    population_group = models.CharField(
        _("population group"), max_length=20, choices=PopulationGroup.choices
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_records",
        verbose_name=_("merged into"),
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        ordering = ("household", "-is_head", "pk")
        constraints: ClassVar = [
            # Never the same source reference twice in one programme, whatever the import.
            models.UniqueConstraint(
                fields=["programme", "person_ref"], name="unique_person_ref_in_programme"
            )
        ]

    def __str__(self) -> str:
        return self.person_ref

    @property
    def organisation_id(self) -> int:
        return self.programme.operator_id


class DuplicatePair(models.Model):
    """Two records the finder thinks may be one person, until staff decide."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("To review")
        SAME = "same", _("Same person")
        DIFFERENT = "different", _("Different people")

    programme = models.ForeignKey(
        CashProgramme,
        on_delete=models.CASCADE,
        related_name="duplicate_pairs",
        verbose_name=_("programme"),
    )
    member_a = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="+", verbose_name=_("first record")
    )
    member_b = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="+", verbose_name=_("second record")
    )
    score = models.FloatField(_("score"))
    reasons = models.JSONField(_("reasons"), default=list)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    found_at = models.DateTimeField(_("found"), auto_now_add=True)

    class Meta:
        verbose_name = _("probable duplicate")
        verbose_name_plural = _("probable duplicates")
        ordering = ("-score", "pk")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["member_a", "member_b"], name="unique_duplicate_pair"),
            models.CheckConstraint(
                condition=models.Q(member_a__lt=models.F("member_b")),
                name="duplicate_pair_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_a_id} · {self.member_b_id}"

    @property
    def organisation_id(self) -> int:
        return self.programme.operator_id


# Grievances, referrals from hubs and submissions imported from KoboToolbox or ODK.
from migralocal.assistance.grievances import (  # noqa: E402, F401
    Grievance,
    PendingRegistration,
    RegistrationSubmission,
)
from migralocal.assistance.payments import (  # noqa: E402, F401  (payment cycles and lists)
    FinancialServiceProvider,
    Payment,
    PaymentCycle,
    PaymentList,
)
from migralocal.assistance.verification import (  # noqa: E402, F401  (payment verification)
    PaymentVerification,
    VerificationDraw,
)

"""Grievances and feedback on a cash programme, registrations referred by a hub, and the
KoboToolbox or ODK submissions a registration came from.

Imported at the end of models.py, so that Django finds these models in the assistance app.
Contact details, descriptions and the identity a referral brings are encrypted at rest like
members' names (the consultations' `EncryptedTextField`)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from migralocal.consultations.crypto import EncryptedTextField

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_grievance_reference() -> str:
    """A code the person quotes to follow a grievance; carries no meaning."""
    return "G-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


def secret_digest(secret: str) -> str:
    return hashlib.sha256(secret.strip().encode()).hexdigest()


class GrievanceCategory(models.TextChoices):
    NOT_REGISTERED = "not_registered", _("Not registered")
    WRONGLY_EXCLUDED = "wrongly_excluded", _("Wrongly excluded")
    PAYMENT_NOT_RECEIVED = "payment_not_received", _("Payment not received")
    WRONG_AMOUNT = "wrong_amount", _("Wrong amount")
    FRAUD = "fraud", _("Fraud")
    STAFF_ABUSE = "staff_abuse", _("Abuse by staff")
    FEEDBACK = "feedback", _("Other feedback")


# Only the programme's grievance focal points see these.
SENSITIVE_CATEGORIES = frozenset({GrievanceCategory.FRAUD, GrievanceCategory.STAFF_ABUSE})


class Grievance(models.Model):
    class Status(models.TextChoices):
        # A context keeps these (feminine, of "queja") apart from other modules' words.
        RECEIVED = "received", pgettext_lazy("grievance status", "Received")
        IN_PROGRESS = "in_progress", pgettext_lazy("grievance status", "In progress")
        RESOLVED = "resolved", pgettext_lazy("grievance status", "Resolved")
        CLOSED = "closed", pgettext_lazy("grievance status", "Closed")

    class Channel(models.TextChoices):
        PUBLIC_FORM = "public_form", _("Public form")
        STAFF = "staff", _("Recorded by staff")

    FINISHED: ClassVar = (Status.RESOLVED, Status.CLOSED)
    # Declared: the type checker's Django plugin does not see models outside models.py.
    objects: ClassVar[models.Manager[Grievance]] = models.Manager()

    programme = models.ForeignKey(
        "assistance.CashProgramme",
        on_delete=models.CASCADE,
        related_name="grievances",
        verbose_name=_("programme"),
    )
    reference = models.CharField(
        _("reference"), max_length=20, unique=True, default=new_grievance_reference, editable=False
    )
    # The digest of the secret given with the reference: the public status page asks for both.
    secret_digest = models.CharField(max_length=64, editable=False)
    category = models.CharField(_("category"), max_length=30, choices=GrievanceCategory.choices)
    is_sensitive = models.BooleanField(_("sensitive"), default=False, editable=False)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    description = EncryptedTextField(_("description"), validators=[MaxLengthValidator(4000)])
    contact_name = EncryptedTextField(_("name"), blank=True, validators=[MaxLengthValidator(200)])
    contact = EncryptedTextField(
        _("phone, e-mail or other contact"), blank=True, validators=[MaxLengthValidator(200)]
    )
    household = models.ForeignKey(
        "assistance.Household",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="grievances",
        verbose_name=_("household"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    # Shown on the public status page: no personal data belongs in it.
    response = models.TextField(_("response"), blank=True, validators=[MaxLengthValidator(4000)])
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("grievance")
        verbose_name_plural = _("grievances")
        ordering = ("-received_at", "-pk")
        indexes: ClassVar = [models.Index(fields=["programme", "status"])]

    def __str__(self) -> str:
        # Never the contact or the description: this text goes to the access log.
        return self.reference

    @property
    def organisation_id(self) -> int:
        return self.programme.operator_id

    @property
    def time_to_close(self) -> timedelta | None:
        """From receipt to resolution or closing; None while it is open."""
        if self.closed_at is None:
            return None
        return self.closed_at - self.received_at

    def secret_matches(self, secret: str) -> bool:
        return bool(self.secret_digest) and hmac.compare_digest(
            self.secret_digest, secret_digest(secret)
        )


class PendingRegistration(models.Model):
    """A family a hub referred to the programme from a consultation, until staff register it
    as a household (or decline it). Identifying details come only if the person consented."""

    class Status(models.TextChoices):
        PENDING = "pending", _("To register")
        REGISTERED = "registered", _("Registered")
        DECLINED = "declined", _("Declined")

    objects: ClassVar[models.Manager[PendingRegistration]] = models.Manager()

    programme = models.ForeignKey(
        "assistance.CashProgramme",
        on_delete=models.CASCADE,
        related_name="pending_registrations",
        verbose_name=_("programme"),
    )
    consultation = models.ForeignKey(
        "consultations.Consultation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cash_referrals",
        verbose_name=_("consultation"),
    )
    hub = models.ForeignKey(
        "directory.Hub",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hub"),
    )
    municipality = models.ForeignKey(
        "core.AdministrativeArea",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )
    consented = models.BooleanField(_("identifying details shared with consent"), default=False)
    # The reference of the consultation's identifying details: a request to export or erase
    # them (core.person_requests) reaches this copy too.
    source_reference = models.CharField(_("reference"), max_length=20, blank=True, db_index=True)
    consent_purpose = models.CharField(_("consent given for"), max_length=300, blank=True)
    name = EncryptedTextField(_("name"), blank=True, validators=[MaxLengthValidator(200)])
    contact = EncryptedTextField(
        _("phone, e-mail or other contact"), blank=True, validators=[MaxLengthValidator(200)]
    )
    document_number = EncryptedTextField(
        _("document number"), blank=True, validators=[MaxLengthValidator(100)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    household = models.ForeignKey(
        "assistance.Household",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("household"),
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referred by"),
    )
    referred_at = models.DateTimeField(_("referred"), auto_now_add=True)

    class Meta:
        verbose_name = _("pending registration")
        verbose_name_plural = _("pending registrations")
        ordering = ("-referred_at", "-pk")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["programme", "consultation"], name="unique_referral_per_consultation"
            )
        ]

    def __str__(self) -> str:
        return f"R-{self.pk}"

    @property
    def organisation_id(self) -> int:
        return self.programme.operator_id


class RegistrationSubmission(models.Model):
    """The KoboToolbox or ODK submission a household came from: never imported twice."""

    objects: ClassVar[models.Manager[RegistrationSubmission]] = models.Manager()

    programme = models.ForeignKey(
        "assistance.CashProgramme",
        on_delete=models.CASCADE,
        related_name="submissions",
        verbose_name=_("programme"),
    )
    instance_id = models.CharField(_("submission id"), max_length=64)
    household = models.OneToOneField(
        "assistance.Household",
        on_delete=models.CASCADE,
        related_name="submission",
        verbose_name=_("household"),
    )
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        verbose_name = _("imported submission")
        verbose_name_plural = _("imported submissions")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["programme", "instance_id"], name="unique_submission_in_programme"
            )
        ]

    def __str__(self) -> str:
        return self.instance_id

    @property
    def organisation_id(self) -> int:
        return self.programme.operator_id

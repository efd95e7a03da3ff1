"""The consultation log of the hubs: consultations without identity, referrals to directory
services, and — apart, only with consent, encrypted — the identifying details of a person."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from migralocal.consultations import conf
from migralocal.consultations.crypto import EncryptedTextField
from migralocal.core import text_limits
from migralocal.core.models import AdministrativeArea, Country, TaxonomyTerm
from migralocal.core.text_limits import LimitedTextField
from migralocal.directory.models import Hub, Service

TOPICS_TAXONOMY = "consultation-topics"
SITUATIONS_TAXONOMY = "migration-situations"


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    WHATSAPP = "whatsapp", _("WhatsApp")
    ONLINE = "online", _("Online")


class Gender(models.TextChoices):
    FEMALE = "female", _("Woman")
    MALE = "male", _("Man")
    OTHER = "other", _("Another gender identity")
    NOT_STATED = "not_stated", _("Not stated")


class AgeBand(models.TextChoices):
    UNDER_12 = "0-11", _("0 to 11")
    FROM_12 = "12-17", _("12 to 17")
    FROM_18 = "18-29", _("18 to 29")
    FROM_30 = "30-44", _("30 to 44")
    FROM_45 = "45-59", _("45 to 59")
    FROM_60 = "60+", _("60 or more")
    NOT_STATED = "not_stated", _("Not stated")


class Disability(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_STATED = "not_stated", _("Not stated")


class PreferredLanguage(models.TextChoices):
    SPANISH = "es", _("Spanish")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    PORTUGUESE = "pt", _("Portuguese")
    HAITIAN_CREOLE = "ht", _("Haitian Creole")
    INDIGENOUS = "indigenous", _("An Indigenous language")
    OTHER = "other", _("Another language")


class Source(models.TextChoices):
    FORM = "form", _("Recorded on the platform")
    IMPORT = "import", _("Imported from offline collection")


class Consultation(models.Model):
    """One person's consultation at a hub. Holds no name or identifier: the profile is in bands."""

    hub = models.ForeignKey(
        Hub, on_delete=models.PROTECT, related_name="consultations", verbose_name=_("hub")
    )
    # Copied from the hub so that area dashboards group on this table alone.
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    municipality = models.ForeignKey(
        AdministrativeArea,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("municipality"),
    )
    date = models.DateField(_("date"))
    # The first day of `date`'s month: monthly figures group on a plain column on every database.
    month = models.DateField(_("month"), editable=False)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    topics = models.ManyToManyField(
        TaxonomyTerm,
        related_name="consultations",
        limit_choices_to={"taxonomy__code": TOPICS_TAXONOMY},
        verbose_name=_("topics"),
    )
    gender = models.CharField(
        _("gender"), max_length=20, choices=Gender.choices, default=Gender.NOT_STATED
    )
    age_band = models.CharField(
        _("age band"), max_length=20, choices=AgeBand.choices, default=AgeBand.NOT_STATED
    )
    nationality = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nationality"),
    )
    migration_situation = models.ForeignKey(
        TaxonomyTerm,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"taxonomy__code": SITUATIONS_TAXONOMY},
        verbose_name=_("migration situation"),
    )
    disability = models.CharField(
        _("disability"), max_length=20, choices=Disability.choices, default=Disability.NOT_STATED
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=20, choices=PreferredLanguage.choices, blank=True
    )
    needs = LimitedTextField(_("needs"), blank=True, max_length=text_limits.NOTE)
    information_given = LimitedTextField(
        _("information given"), blank=True, max_length=text_limits.NOTE
    )
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.FORM
    )
    # The ODK/Kobo instance id of an imported submission: never imported twice.
    # NULL, not "", for consultations recorded on the platform: the unique constraint skips NULLs.
    instance_uuid = models.CharField(  # noqa: DJ001
        _("submission id"), max_length=64, null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    # Made on the device that recorded the consultation offline: a second copy is refused.
    client_id = models.UUIDField(_("device record id"), null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ("-date", "-pk")
        indexes: ClassVar = [
            models.Index(fields=["hub", "date"]),
            # The reports' figures of a country or a programme (consultations by month, referrals
            # by status) read every consultation of the places and days: with the hub, month and
            # id beside the country and date, PostgreSQL reads them from this index alone, a
            # fraction of the table's size.
            models.Index(
                fields=["country", "date"],
                include=["hub", "month", "id"],
                name="consultation_figures",
            ),
            models.Index(fields=["municipality", "date"]),
            # The first year of the dashboards' year menu (the earliest date) and lists in the
            # default order read a few index entries instead of every consultation.
            models.Index(fields=["date", "id"], name="consultation_by_date"),
        ]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["instance_uuid"],
                condition=models.Q(instance_uuid__isnull=False),
                name="unique_consultation_submission",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} · {self.date:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("consultations:detail", kwargs={"pk": self.pk})

    @property
    def organisation_id(self) -> int:
        """Permissions check hub staff against the hub's operator, as the directory does."""
        return self.hub.operator_id


class Referral(models.Model):
    class Status(models.TextChoices):
        # A context keeps these (feminine, of "derivación") apart from other modules' words.
        MADE = "made", pgettext_lazy("referral status", "Made")
        ACCEPTED = "accepted", pgettext_lazy("referral status", "Accepted")
        DECLINED = "declined", pgettext_lazy("referral status", "Declined")
        ATTENDED = "attended", pgettext_lazy("referral status", "Attended")
        CLOSED = "closed", pgettext_lazy("referral status", "Closed")
        UNREACHABLE = "unreachable", pgettext_lazy("referral status", "Could not be reached")

    OPEN_STATUSES: ClassVar = (Status.MADE, Status.ACCEPTED)
    # Completed whichever side confirmed it: the receiving service on its incoming referrals, or
    # the referring hub in its follow-up. Each change's side is kept in the referral's history.
    COMPLETED_STATUSES: ClassVar = (Status.ATTENDED, Status.CLOSED)
    # What the receiving service may set, from which statuses.
    RECEIVING_STEPS: ClassVar = {
        Status.ACCEPTED: (Status.MADE,),
        Status.DECLINED: (Status.MADE,),
        Status.ATTENDED: (Status.MADE, Status.ACCEPTED),
        Status.CLOSED: (Status.MADE, Status.ACCEPTED),
    }

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="referrals",
        verbose_name=_("consultation"),
        db_index=False,  # `referral_by_consultation` below
    )
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("service")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.MADE
    )
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    notes = LimitedTextField(_("notes"), blank=True, max_length=text_limits.NOTE)
    # Raised by every change of status: a change made on an older version is refused.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ("follow_up_on", "pk")
        indexes: ClassVar = [
            models.Index(fields=["status", "follow_up_on"]),
            # A consultation's referrals; with the status and id beside it, the reports count
            # referrals by status from this index alone.
            models.Index(
                fields=["consultation"], include=["status", "id"], name="referral_by_consultation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consultation} → {self.service}"

    @property
    def organisation_id(self) -> int:
        return self.consultation.hub.operator_id

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def receiving_steps(self) -> list[str]:
        """The statuses the receiving service may set next."""
        return [step for step, sources in self.RECEIVING_STEPS.items() if self.status in sources]


class ReferralEvent(models.Model):
    """One change of a referral's status: which side made it, who, when, and why."""

    class Side(models.TextChoices):
        REFERRING = "referring", _("Referring hub")
        RECEIVING = "receiving", _("Receiving service")

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="events", verbose_name=_("referral")
    )
    status = models.CharField(_("status"), max_length=20, choices=Referral.Status.choices)
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    note = LimitedTextField(_("note"), blank=True, max_length=text_limits.NOTE)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("referral status change")
        verbose_name_plural = _("referral status changes")
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"{self.referral_id} · {self.status}"


class Consent(models.Model):
    """The person's consent to keep identifying details: what for, when, and who recorded it."""

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("consultation"),
    )
    purpose = models.CharField(_("purpose"), max_length=300)
    # The services the person agreed may see these details, each for the referral made to it.
    shared_with = models.ManyToManyField(
        Service, blank=True, related_name="+", verbose_name=_("shared with services")
    )
    given_at = models.DateTimeField(_("given"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ("-given_at",)

    def __str__(self) -> str:
        return f"{self.consultation} · {self.given_at:%Y-%m-%d}"


def new_reference() -> str:
    """A code the person can quote to ask for their data; carries no meaning."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "P-" + "".join(secrets.choice(alphabet) for _ in range(8))


class IdentityRecord(models.Model):
    """Identifying details of the person in one consultation, encrypted, kept under consent."""

    reference = models.CharField(
        _("reference"), max_length=20, unique=True, default=new_reference, editable=False
    )
    consultation = models.OneToOneField(
        Consultation,
        on_delete=models.CASCADE,
        related_name="identity",
        verbose_name=_("consultation"),
    )
    consent = models.OneToOneField(
        Consent, on_delete=models.PROTECT, related_name="identity", verbose_name=_("consent")
    )
    # Checked on the plain text, before it is encrypted; the form has the same limits.
    name = EncryptedTextField(_("name"), blank=True, validators=[MaxLengthValidator(200)])
    contact = EncryptedTextField(
        _("phone, e-mail or other contact"), blank=True, validators=[MaxLengthValidator(200)]
    )
    document_number = EncryptedTextField(
        _("document number"), blank=True, validators=[MaxLengthValidator(100)]
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("identifying details")
        verbose_name_plural = _("identifying details")

    def __str__(self) -> str:
        # Never the details themselves: this text goes to the access log and the audit trail.
        return self.reference

    @property
    def organisation_id(self) -> int:
        return self.consultation.hub.operator_id


class SubmissionImport(models.Model):
    """An upload of offline submissions: validated first, written only after confirmation."""

    class Status(models.TextChoices):
        VALIDATING = "validating", _("Checking the rows")
        INVALID = "invalid", _("Has errors")
        VALIDATED = "validated", _("Ready to import")
        SAVING = "saving", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, related_name="submission_imports", verbose_name=_("hub")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    file = models.FileField(_("file"), upload_to="consultations/imports/", blank=True)
    # Pulled from a KoboToolbox or ODK Central connection rather than uploaded by a person.
    connection = models.ForeignKey(
        "FieldDataConnection",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pulls",
        verbose_name=_("pulled from"),
    )
    # The newest submission time in a pulled batch, as the server wrote it: the connection's
    # starting point moves here once the batch is written.
    pulled_until = models.CharField(_("newest submission time"), max_length=40, blank=True)
    filename = models.CharField(_("file name"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.VALIDATING
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows processed"), default=0)
    new_rows = models.PositiveIntegerField(_("new submissions"), default=0)
    duplicate_rows = models.PositiveIntegerField(_("already imported"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    preview = models.JSONField(_("preview"), default=list, blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    started_at = models.DateTimeField(_("last run started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("submission import")
        verbose_name_plural = _("submission imports")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.filename

    @property
    def organisation_id(self) -> int:
        return self.hub.operator_id

    @property
    def percent(self) -> int:
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0

    @property
    def is_running(self) -> bool:
        return self.status in {self.Status.VALIDATING, self.Status.SAVING}

    @property
    def awaits_decision(self) -> bool:
        """A pulled batch that was not written by itself: someone must import or discard it."""
        return self.connection_id is not None and self.status in {
            self.Status.VALIDATED,
            self.Status.INVALID,
        }

    def looks_stuck(self, now: datetime | None = None) -> bool:
        """Still "running" long after it started: the worker that ran it has most likely
        stopped (a restart, a crash), and the run left nothing behind."""
        started = self.started_at or self.created_at
        limit = timedelta(minutes=conf.stuck_import_minutes())
        return self.is_running and (now or timezone.now()) - started > limit


class FieldDataConnection(models.Model):
    """Where a hub's consultation form collects submissions: a KoboToolbox asset or an ODK
    Central form, pulled on demand and on a schedule into ordinary submission imports."""

    class Kind(models.TextChoices):
        KOBO = "kobo", _("KoboToolbox")
        ODK_CENTRAL = "odk_central", _("ODK Central")

    class Problem(models.TextChoices):
        UNREACHABLE = "unreachable", _("The server could not be reached")
        CREDENTIALS = "credentials", _("The server refused the credentials")
        NOT_FOUND = "not_found", _("The server has no such form")
        SERVER = "server", _("The server answered with an error")
        MALFORMED = "malformed", _("The server's answer could not be read")
        TOO_LARGE = "too_large", _("The server sent too much at once")
        INSECURE = "insecure", _("The server address must start with https://")

    hub = models.OneToOneField(
        Hub,
        on_delete=models.CASCADE,
        related_name="field_data_connection",
        verbose_name=_("hub"),
    )
    kind = models.CharField(_("platform"), max_length=20, choices=Kind.choices)
    server_url = models.URLField(_("server address"), max_length=200)
    # KoboToolbox: the asset uid; ODK Central: the form's xmlFormId.
    form_id = models.CharField(_("form"), max_length=100)
    project_id = models.PositiveIntegerField(_("ODK Central project id"), null=True, blank=True)
    # ODK Central: the e-mail of the web user whose password is the secret (HTTP Basic).
    username = models.CharField(_("ODK Central e-mail"), max_length=200, blank=True)
    # The KoboToolbox API token or the ODK Central password: encrypted, never shown back.
    secret = EncryptedTextField(
        _("token or password"), blank=True, validators=[MaxLengthValidator(500)]
    )
    # The newest submission time seen and written, as the server writes it: the next pull
    # asks for what came after.
    last_submission_time = models.CharField(_("last submission time"), max_length=40, blank=True)
    last_pulled_at = models.DateTimeField(_("last pulled"), null=True, blank=True)
    last_error = models.CharField(
        _("last problem"), max_length=20, choices=Problem.choices, blank=True
    )
    last_error_status = models.PositiveSmallIntegerField(
        _("last problem's HTTP status"), null=True, blank=True
    )
    last_error_at = models.DateTimeField(_("last problem at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("connected by"),
    )
    created_at = models.DateTimeField(_("connected"), auto_now_add=True)

    class Meta:
        verbose_name = _("field data connection")
        verbose_name_plural = _("field data connections")

    def __str__(self) -> str:
        # Never the secret: this text goes to the audit trail and the admin.
        return f"{self.get_kind_display()} · {self.form_id}"

    @property
    def organisation_id(self) -> int:
        return self.hub.operator_id

    @property
    def has_secret(self) -> bool:
        return bool(self.secret)

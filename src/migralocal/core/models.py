"""Places, organisations, people and their roles, taxonomies, and the access log."""

from __future__ import annotations

import hashlib
from typing import Any, ClassVar, TypeAlias

from django.conf import settings
from django.contrib.auth.models import AbstractUser, AnonymousUser, BaseUserManager
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from parler.managers import TranslatableQuerySet
from parler.models import TranslatableModel, TranslatedFields

from migralocal.core import text_limits
from migralocal.core.roles import OrganisationRole, ProgrammeRole
from migralocal.core.text_limits import LimitedTextField


def latitude_field() -> models.DecimalField:
    return models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )


def longitude_field() -> models.DecimalField:
    return models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A person with an account. Signs in by e-mail; roles come from memberships."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    # No choices here: languages come from settings, and adding one must not need a migration.
    preferred_language = models.CharField(_("preferred language"), max_length=10, blank=True)
    # API tokens made before this moment no longer work (see ApiToken.is_current).
    password_changed_at = models.DateTimeField(_("password changed"), null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()  # type: ignore[misc,assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ("email",)

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email.split("@")[0]

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Django keeps the new raw password in `_password` from `set_password` until the save
        # that stores it: every change (forms, allauth, the admin, `changepassword`) passes here,
        # while the silent re-hash of an unchanged password on sign-in does not.
        if getattr(self, "_password", None) is not None:
            self._stamp_password_change(kwargs)
        super().save(*args, **kwargs)

    def set_unusable_password(self) -> None:
        super().set_unusable_password()
        self.password_changed_at = timezone.now()

    def _stamp_password_change(self, save_kwargs: dict[str, Any]) -> None:
        self.password_changed_at = timezone.now()
        update_fields = save_kwargs.get("update_fields")
        if update_fields is not None:
            save_kwargs["update_fields"] = {*update_fields, "password_changed_at"}


# Whoever makes a request: a signed-in person or a visitor. Services and selectors that decide
# what someone may see or do take an Actor; those that only act for signed-in people take a User.
Actor: TypeAlias = User | AnonymousUser


class CountryQuerySet(TranslatableQuerySet["Country"]):
    def in_name_order(self) -> CountryQuerySet:
        """Sorted by the name in the active language, or in the default one where it has none:
        a list of every country is read by name, not by ISO code."""
        translations = self.model._parler_meta.root_model

        def name_in(language: str) -> models.Subquery:
            return models.Subquery(
                translations.objects.filter(
                    master=models.OuterRef("pk"), language_code=language
                ).values("name")[:1]
            )

        language = get_language() or settings.LANGUAGE_CODE
        return self.annotate(
            name_for_order=Coalesce(
                name_in(language), name_in(settings.LANGUAGE_CODE), models.F("code")
            )
        ).order_by("name_for_order", "code")


class Country(TranslatableModel):
    code = models.CharField(_("ISO 3166 code"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO 3166 alpha-3 code"), max_length=3, unique=True)
    latitude = latitude_field()
    longitude = longitude_field()
    translations = TranslatedFields(name=models.CharField(_("name"), max_length=100))

    objects = CountryQuerySet.as_manager()

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ("code",)

    def __str__(self) -> str:
        return str(self.safe_translation_getter("name", any_language=True) or self.code)


class AdministrativeArea(models.Model):
    """A region, province or department, or municipality: the places programmes work in."""

    class Level(models.TextChoices):
        REGION = "region", _("Region")
        PROVINCE = "province", _("Province, department or state")
        MUNICIPALITY = "municipality", _("Municipality")

    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="areas", verbose_name=_("country")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    latitude = latitude_field()
    longitude = longitude_field()

    class Meta:
        verbose_name = _("administrative area")
        verbose_name_plural = _("administrative areas")
        ordering = ("country__code", "name")
        indexes: ClassVar = [models.Index(fields=["country", "level"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.country.code})"

    def clean(self) -> None:
        if self.parent_id and self.parent and self.parent.country_id != self.country_id:
            raise ValidationError({"parent": _("The parent area must be in the same country.")})
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("An area cannot be part of itself.")})


class Taxonomy(TranslatableModel):
    """A controlled vocabulary (HSDS calls it a taxonomy): topics, categories, objectives…"""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    translations = TranslatedFields(
        name=models.CharField(_("name"), max_length=150),
        description=LimitedTextField(_("description"), blank=True, max_length=text_limits.TEXT),
    )

    class Meta:
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")
        ordering = ("code",)

    def __str__(self) -> str:
        return str(self.safe_translation_getter("name", any_language=True) or self.code)


class TaxonomyTermQuerySet(TranslatableQuerySet["TaxonomyTerm"]):
    def of(self, taxonomy_code: str) -> TaxonomyTermQuerySet:
        return self.filter(taxonomy__code=taxonomy_code)


class TaxonomyTerm(TranslatableModel):
    taxonomy = models.ForeignKey(
        Taxonomy, on_delete=models.CASCADE, related_name="terms", verbose_name=_("taxonomy")
    )
    code = models.CharField(_("code"), max_length=60)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("broader term"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    translations = TranslatedFields(
        label=models.CharField(_("label"), max_length=200),
        description=LimitedTextField(_("description"), blank=True, max_length=text_limits.TEXT),
    )

    objects = TaxonomyTermQuerySet.as_manager()

    class Meta:
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")
        ordering = ("taxonomy__code", "position")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["taxonomy", "code"], name="unique_term_code")
        ]

    def __str__(self) -> str:
        return str(self.safe_translation_getter("label", any_language=True) or self.code)


class Organisation(TranslatableModel):
    """A municipality, ministry, civil-society or international organisation, university…"""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        NATIONAL_GOVERNMENT = "national_government", _("National government")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        INTERNATIONAL = "international_organisation", _("International organisation")
        ACADEMIC = "academic", _("Academic")
        PRIVATE_SECTOR = "private_sector", _("Private sector")

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    slug = models.SlugField(_("short name in addresses"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("country")
    )
    municipality = models.ForeignKey(
        AdministrativeArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        limit_choices_to={"level": AdministrativeArea.Level.MUNICIPALITY},
        verbose_name=_("municipality"),
    )
    areas_of_work = models.ManyToManyField(
        TaxonomyTerm,
        blank=True,
        related_name="organisations",
        limit_choices_to={"taxonomy__code": "areas-of-work"},
        verbose_name=_("areas of work"),
    )
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("public e-mail"), blank=True)
    is_public = models.BooleanField(
        _("public profile"),
        default=True,
        help_text=_("Shown to visitors without an account, and in the community directory."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    translations = TranslatedFields(
        description=LimitedTextField(_("description"), blank=True, max_length=text_limits.TEXT)
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ("name",)
        indexes: ClassVar = [models.Index(fields=["country", "kind"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("core:organisation_detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.kind == self.Kind.MUNICIPALITY and not self.municipality_id:
            raise ValidationError(
                {"municipality": _("A municipality must say which municipality it governs.")}
            )
        if self.municipality is not None and self.municipality.country_id != self.country_id:
            raise ValidationError(
                {"municipality": _("The municipality must be in the organisation's country.")}
            )


class Membership(models.Model):
    """A person acting for an organisation in one role."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=30, choices=OrganisationRole.choices)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ("organisation__name", "role")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="unique_membership_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"


class ProgrammeAssignment(models.Model):
    """A programme role (reviewer, trainer, mentor, manager) over one or more countries."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="programme_assignments",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=30, choices=ProgrammeRole.choices)
    countries = models.ManyToManyField(
        Country, related_name="programme_assignments", verbose_name=_("countries")
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("programme role")
        verbose_name_plural = _("programme roles")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["user", "role"], name="unique_programme_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"


class AccessLog(models.Model):
    """One read of a sensitive record: who, what, when and why. Never edited."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    user_email = models.EmailField(_("user's e-mail"))
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name=_("kind of record")
    )
    object_id = models.CharField(_("record"), max_length=64)
    object_repr = models.CharField(_("record description"), max_length=200)
    reason = models.CharField(_("reason"), max_length=200)
    accessed_at = models.DateTimeField(_("accessed"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ("-accessed_at",)
        indexes: ClassVar = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.user_email} · {self.object_repr} · {self.accessed_at:%Y-%m-%d %H:%M}"


class ApiToken(models.Model):
    """A person's key to the API. Only a SHA-256 digest of the key is stored, with its first
    characters to recognise it; the key itself is shown once, when it is made."""

    PREFIX_LENGTH = 8

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_token",
        verbose_name=_("user"),
    )
    prefix = models.CharField(_("begins with"), max_length=PREFIX_LENGTH)
    key_digest = models.CharField(_("key digest"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.prefix}… · {self.user}"

    @staticmethod
    def digest(key: str) -> str:
        # A plain hash is enough: the key is random and long, so it cannot be guessed from it.
        return hashlib.sha256(key.encode()).hexdigest()

    def is_current(self) -> bool:
        """A token stops working once its owner's password is changed, reset or removed."""
        changed_at = self.user.password_changed_at
        return changed_at is None or self.created_at > changed_at


class AuthenticatorLockout(models.Model):
    """Wrong authenticator codes of one account, counted whatever address they came from, and
    the lock they put on the account (core/two_factor_lockout.py). Deleting the row lifts it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="authenticator_lockout",
        verbose_name=_("user"),
    )
    failures = models.PositiveIntegerField(_("wrong codes"), default=0)
    counting_since = models.DateTimeField(_("counting since"))
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta:
        verbose_name = _("two-factor lock-out")
        verbose_name_plural = _("two-factor lock-outs")
        ordering = ("-counting_since",)

    def __str__(self) -> str:
        return str(self.user)


class TwoFactorEnrolmentPass(models.Model):
    """Permission to set up the first authenticator app of an account, given by something a
    password alone does not give: a link sent to the account's verified e-mail address, or a code
    a platform admin hands over. Only a hash of its secret is kept; it is used once and expires
    (core/two_factor_enrolment.py)."""

    class Kind(models.TextChoices):
        EMAIL_LINK = "email_link", _("link sent by e-mail")
        ADMIN_CODE = "admin_code", _("code from an administrator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="two_factor_enrolment_passes",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    secret_hash = models.CharField(max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("two-factor enrolment pass")
        verbose_name_plural = _("two-factor enrolment passes")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()}"


# Following by e-mail lives in its own module; imported here, where Django looks for models.
from migralocal.core.content_translation_models import TranslationImport  # noqa: E402, F401
from migralocal.core.follow_models import Follow  # noqa: E402, F401

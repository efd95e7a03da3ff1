"""Places, organisations, people and their roles, taxonomies, and the access log."""

from __future__ import annotations

from typing import Any, ClassVar, TypeAlias

from django.conf import settings
from django.contrib.auth.models import AbstractUser, AnonymousUser, BaseUserManager
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
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


# Whoever makes a request: a signed-in person or a visitor. Services and selectors that decide
# what someone may see or do take an Actor; those that only act for signed-in people take a User.
Actor: TypeAlias = User | AnonymousUser


class Country(TranslatableModel):
    code = models.CharField(_("ISO 3166 code"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO 3166 alpha-3 code"), max_length=3, unique=True)
    latitude = latitude_field()
    longitude = longitude_field()
    translations = TranslatedFields(name=models.CharField(_("name"), max_length=100))

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

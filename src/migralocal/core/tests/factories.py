"""factory_boy factories for the core domain, shared by every module's tests."""

from __future__ import annotations

from typing import Any

import factory
from allauth.account.models import EmailAddress

from migralocal.core.demo import set_translations
from migralocal.core.models import (
    AdministrativeArea,
    Country,
    Membership,
    Organisation,
    ProgrammeAssignment,
    User,
)

PASSWORD = "correct-horse-battery-9"


class CountryFactory(factory.django.DjangoModelFactory[Country]):
    class Meta:
        model = Country
        django_get_or_create = ("code",)
        skip_postgeneration_save = True

    code = "HN"
    iso3 = factory.LazyAttribute(
        lambda country: {"HN": "HND", "SV": "SLV", "MX": "MEX"}.get(
            country.code, country.code + "X"
        )
    )

    @factory.post_generation
    def names(  # factory_boy passes the built object
        country: Country, create: bool, extracted: dict[str, str] | None, **kwargs: Any
    ) -> None:
        set_translations(country, {"name": extracted or {"es": country.code, "en": country.code}})


class AreaFactory(factory.django.DjangoModelFactory[AdministrativeArea]):
    class Meta:
        model = AdministrativeArea
        django_get_or_create = ("code",)

    country = factory.SubFactory(CountryFactory)
    level = AdministrativeArea.Level.MUNICIPALITY
    code = factory.Sequence(lambda n: f"AREA-{n}")
    name = factory.Sequence(lambda n: f"Municipio {n}")
    latitude = "15.400000"
    longitude = "-87.800000"


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organización {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Organisation.Kind.CIVIL_SOCIETY
    country = factory.SubFactory(CountryFactory)
    is_public = True

    @factory.post_generation
    def description(  # factory_boy passes the built object
        organisation: Organisation, create: bool, extracted: dict[str, str] | None, **kwargs: Any
    ) -> None:
        if extracted:
            set_translations(organisation, {"description": extracted})


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Test"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(self, create: bool, extracted: bool | None, **kwargs: Any) -> None:
        """Accounts in tests have confirmed their address, as the demo accounts have."""
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership._meta.get_field("role").choices[0][0]  # type: ignore[index]


class ProgrammeAssignmentFactory(factory.django.DjangoModelFactory[ProgrammeAssignment]):
    class Meta:
        model = ProgrammeAssignment
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    role = "reviewer"

    @factory.post_generation
    def countries(self, create: bool, extracted: list[Country] | None, **kwargs: Any) -> None:
        if extracted:
            self.countries.set(extracted)

"""factory_boy factories for the core domain, shared by every module's tests."""

from __future__ import annotations

from typing import Any

import factory

from migralocal.core.models import (
    AdministrativeArea,
    Country,
    Membership,
    Organisation,
    ProgrammeAssignment,
    User,
)

PASSWORD = "correct-horse-battery-9"  # noqa: S105


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = "HN"
    iso3 = factory.LazyAttribute(
        lambda country: {"HN": "HND", "SV": "SLV", "MX": "MEX"}.get(
            country.code, country.code + "X"
        )
    )

    @factory.post_generation
    def names(self, create: bool, extracted: dict[str, str] | None, **kwargs: Any) -> None:
        for language, name in (extracted or {"es": self.code, "en": self.code}).items():
            self.set_current_language(language)
            self.name = name
        self.save()


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeArea
        django_get_or_create = ("code",)

    country = factory.SubFactory(CountryFactory)
    level = AdministrativeArea.Level.MUNICIPALITY
    code = factory.Sequence(lambda n: f"AREA-{n}")
    name = factory.Sequence(lambda n: f"Municipio {n}")
    latitude = "15.400000"
    longitude = "-87.800000"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Organización {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Organisation.Kind.CIVIL_SOCIETY
    country = factory.SubFactory(CountryFactory)
    is_public = True

    @factory.post_generation
    def description(self, create: bool, extracted: dict[str, str] | None, **kwargs: Any) -> None:
        if extracted:
            for language, text in extracted.items():
                self.set_current_language(language)
                self.description = text
            self.save()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Test"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership._meta.get_field("role").choices[0][0]  # type: ignore[index]


class ProgrammeAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeAssignment

    user = factory.SubFactory(UserFactory)
    role = "reviewer"

    @factory.post_generation
    def countries(self, create: bool, extracted: list[Country] | None, **kwargs: Any) -> None:
        if extracted:
            self.countries.set(extracted)

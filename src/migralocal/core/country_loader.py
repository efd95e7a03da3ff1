"""Every ISO 3166-1 country, with its name in each interface language.

The list of countries and their alpha-3 codes come from `pycountry` (the ISO 3166-1 table); the
names from `babel` (the Unicode CLDR), which gives the short names people use — "Venezuela",
"Corea del Sur", "Estados Unidos" — in each language, where ISO's own read "Venezuela,
Bolivarian Republic of". A language CLDR does not cover (Haitian Creole) gets no stored name, and
the page falls back to the other languages as for any translated text.

Used by the data migration `core/0007_every_iso_country` with historical models, so it writes
parler's translation table directly, and again by `manage.py load_reference_data` after a
language is added. It only adds: a country or a name already stored (the demo's, or one an admin
corrected) is kept, and no country is ever deleted.
"""

from __future__ import annotations

from typing import Any

import pycountry
from babel import Locale, UnknownLocaleError
from django.conf import settings


def iso_countries() -> list[tuple[str, str]]:
    """(alpha-2, alpha-3) of every country ISO 3166-1 lists, in alpha-2 order."""
    return sorted((country.alpha_2, country.alpha_3) for country in pycountry.countries)


def country_names(language: str) -> dict[str, str]:
    """Country names by alpha-2 code in `language`, or nothing when CLDR lacks the language."""
    try:
        locale = Locale.parse(language, sep="-")
    except (UnknownLocaleError, ValueError):
        return {}
    territories = locale.territories
    return {code: territories[code] for code, _iso3 in iso_countries() if code in territories}


def interface_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def load_countries(apps: Any, schema_editor: Any = None) -> None:
    """Add the countries and the names that are missing; keep every one already stored."""
    country_model = apps.get_model("core", "Country")
    translation_model = apps.get_model("core", "CountryTranslation")
    stored = {country.code: country for country in country_model.objects.all()}
    taken_iso3 = set(country_model.objects.values_list("iso3", flat=True))
    for code, iso3 in iso_countries():
        if code not in stored and iso3 not in taken_iso3:
            stored[code] = country_model.objects.create(code=code, iso3=iso3)
    named = set(translation_model.objects.values_list("master__code", "language_code"))
    for language in interface_languages():
        missing = [
            translation_model(master=stored[code], language_code=language, name=name)
            for code, name in country_names(language).items()
            if code in stored and (code, language) not in named
        ]
        translation_model.objects.bulk_create(missing)

"""The interface languages: Spanish, English, French, Brazilian Portuguese and Haitian Creole.

Each page answers in the language of its address, Django's own messages and the dates and
numbers follow it (Haitian Creole's come from core/django_strings and migralocal/formats), the
switcher names each language in itself, and a language is added through the settings alone.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.test import Client
from django.utils import formats, translation
from django.utils.translation import gettext

from migralocal.core.tests.test_settings import run_manage
from migralocal.core.tests.world import World

NEW_LANGUAGES = ["fr", "pt", "ht"]


@pytest.mark.parametrize("language", NEW_LANGUAGES)
def test_the_home_page_speaks_the_language_of_its_address(
    client: Client, world: World, language: str
) -> None:
    with translation.override(language):
        offers = gettext("What the platform offers")
    assert offers != "What the platform offers"
    content = client.get(f"/{language}/").content.decode()
    assert f'<html lang="{language}">' in content
    assert offers in content


def test_the_switcher_names_each_language_in_itself(client: Client, world: World) -> None:
    content = client.get("/ht/").content.decode()
    for code, name in [
        ("es", "Español"),
        ("en", "English"),
        ("fr", "Français"),
        ("pt", "Português"),
        ("ht", "Kreyòl ayisyen"),
    ]:
        assert f'value="{code}" lang="{code}"' in content
        assert f">{name}</button>" in content


@pytest.mark.parametrize(
    ("language", "date", "number"),
    [
        ("es", "7 de diciembre de 2026", "1\xa0250,50"),
        ("en", "Dec. 7, 2026", "1,250.50"),
        ("fr", "7 décembre 2026", "1\xa0250,50"),
        ("pt", "7 de dezembro de 2026", "1.250,50"),
        ("ht", "7 desanm 2026", "1\xa0250,50"),
    ],
)
def test_dates_and_numbers_follow_the_language(language: str, date: str, number: str) -> None:
    with translation.override(language):
        assert formats.date_format(dt.date(2026, 12, 7)) == date
        assert formats.number_format(1250.5, 2, force_grouping=True) == number


def test_haitian_creole_has_django_s_own_messages() -> None:
    """Django ships no Haitian Creole: without core/django_strings its form errors fall back to
    Spanish, the default language."""

    class NameForm(forms.Form):
        name = forms.CharField()

    with translation.override("ht"):
        errors = [str(error) for error in NameForm(data={}).errors["name"]]
    with translation.override("es"):
        in_spanish = gettext("This field is required.")
    assert errors == ["Fòk ou ranpli chan sa a."]
    assert errors != [in_spanish]


@pytest.mark.parametrize("languages", ["es,en", "es,en,fr,pt,ht", "es,en,fr,pt,ht,de"])
def test_a_language_is_added_through_the_settings_alone(languages: str) -> None:
    """Content is kept per language in rows (django-parler), so no model depends on the list."""
    result = run_manage(
        "makemigrations",
        "--check",
        "--dry-run",
        DEBUG="true",
        LANGUAGES=languages,
        DATABASE_URL="sqlite://",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout

"""Every ISO 3166 country is there to choose, named in the page's language."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from migralocal.core.country_loader import load_countries
from migralocal.core.models import Country

WITH_FRENCH = [("es", "Español"), ("en", "English"), ("fr", "Français")]


@pytest.mark.django_db
def test_every_iso_country_is_loaded_with_spanish_and_english_names() -> None:
    assert Country.objects.count() == 249
    for code, spanish, english in [
        ("VE", "Venezuela", "Venezuela"),
        ("HT", "Haití", "Haiti"),
        ("CU", "Cuba", "Cuba"),
        ("NI", "Nicaragua", "Nicaragua"),
        ("US", "Estados Unidos", "United States"),
    ]:
        country = Country.objects.get(code=code)
        assert country.safe_translation_getter("name", language_code="es") == spanish
        assert country.safe_translation_getter("name", language_code="en") == english
    assert Country.objects.get(code="VE").iso3 == "VEN"
    assert not Country.objects.filter(translations__name="").exists()


@pytest.mark.django_db
def test_loading_again_adds_nothing_and_keeps_a_corrected_name() -> None:
    haiti = Country.objects.get(code="HT")
    haiti.set_current_language("es")
    haiti.name = "República de Haití"
    haiti.save()
    before = Country.objects.count()

    load_countries(apps)

    assert Country.objects.count() == before
    haiti = Country.objects.get(code="HT")
    assert haiti.safe_translation_getter("name", language_code="es") == "República de Haití"


@pytest.mark.django_db
@override_settings(LANGUAGES=WITH_FRENCH)
def test_a_new_language_gets_its_names_from_load_reference_data() -> None:
    call_command("load_reference_data", stdout=StringIO())
    assert Country.objects.get(code="HT").get_translation("fr").name == "Haïti"
    assert Country.objects.get(code="HN").get_translation("es").name == "Honduras"


@pytest.mark.django_db
def test_countries_in_name_order_follow_the_active_language() -> None:
    with translation.override("es"):
        spanish = [c.code for c in Country.objects.in_name_order().filter(code__in=["DE", "ES"])]
    with translation.override("en"):
        english = [c.code for c in Country.objects.in_name_order().filter(code__in=["DE", "ES"])]
    assert spanish == ["DE", "ES"]  # Alemania, España
    assert english == ["DE", "ES"]  # Germany, Spain
    with translation.override("es"):
        names = [str(c) for c in Country.objects.in_name_order().filter(code__in=["US", "HT"])]
    assert names == ["Estados Unidos", "Haití"]
    with translation.override("en"):
        names = [str(c) for c in Country.objects.in_name_order().filter(code__in=["US", "HT"])]
    assert names == ["Haiti", "United States"]


def page_in(language: str, client: Client, name: str) -> str:
    with translation.override(language):
        return client.get(reverse(name)).content.decode()


@pytest.mark.django_db
def test_the_commitment_form_offers_every_country_named_in_the_page_language(
    client: Client,
) -> None:
    spanish = page_in("es", client, "commitments:submit")
    english = page_in("en", client, "commitments:submit")
    assert "Haití</option>" in spanish
    assert "Venezuela</option>" in spanish
    assert "Haiti</option>" in english
    assert spanish.index("Alemania</option>") < spanish.index("Zambia</option>")

"""The public content of the demo directory (hubs, services, referral pathways and the taxonomy
terms that label them) in every language of the platform, and the fallback notice a reader sees
where a text is missing in their language."""

from __future__ import annotations

from django.conf import settings
from django.test import Client
from parler.models import TranslatableModel

from migralocal.core.models import Country, TaxonomyTerm
from migralocal.directory.models import Hub, PathwayStep, ReferralPathway, Service


def platform_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def missing_texts(objects: list[TranslatableModel], fields: list[str]) -> list[str]:
    """`object: field in language` for each public text the demo leaves empty."""
    missing = []
    for obj in objects:
        for language in platform_languages():
            for field in fields:
                if not obj.safe_translation_getter(field, language_code=language):
                    missing.append(f"{obj}: {field} in {language}")
    return missing


def test_demo_hubs_services_and_pathways_speak_every_platform_language(demo_db: None) -> None:
    assert {"es", "en", "fr", "pt", "ht"} <= set(platform_languages())
    hubs = list(Hub.objects.prefetch_related("translations"))
    services = list(Service.objects.prefetch_related("translations"))
    pathways = list(ReferralPathway.objects.prefetch_related("translations"))
    steps = list(PathwayStep.objects.prefetch_related("translations"))
    assert hubs and services and pathways and steps
    assert missing_texts(hubs, ["name", "description", "opening_hours"]) == []
    assert missing_texts(services, ["name", "description"]) == []
    assert missing_texts(pathways, ["title", "summary"]) == []
    assert missing_texts(steps, ["title", "instructions"]) == []


def test_demo_taxonomies_and_countries_the_directory_shows_speak_every_language(
    demo_db: None,
) -> None:
    terms = list(
        TaxonomyTerm.objects.filter(
            taxonomy__code__in=["service-categories", "migration-situations", "areas-of-work"]
        ).prefetch_related("translations")
    )
    countries = list(Country.objects.filter(hubs__isnull=False).distinct())
    assert terms and countries
    assert missing_texts(terms, ["label", "description"]) == []
    assert missing_texts(countries, ["name"]) == []


def test_a_french_reader_reads_the_hub_in_french(demo_db: None) -> None:
    body = Client().get("/fr/directory/hubs/ventanilla-el-progreso/").content.decode()
    assert "Guichet d&#x27;accueil des migrants d&#x27;El Progreso" in body
    assert "ouvert en 2017 à la mairie" in body
    assert "Du lundi au vendredi, de 8 h à 16 h" in body
    assert 'class="notice translation-notice"' not in body


def test_a_hub_missing_in_haitian_creole_is_shown_in_another_language_with_a_notice(
    demo_db: None,
) -> None:
    hub = Hub.objects.get(slug="ventanilla-el-progreso")
    hub.translations.filter(language_code="ht").delete()
    body = Client().get("/ht/directory/hubs/ventanilla-el-progreso/").content.decode()
    assert 'class="notice translation-notice"' in body
    assert "Una de las primeras ventanillas municipales de Honduras" in body
    assert "Gichè Akèy pou Migran El Progreso" not in body


def test_a_pathway_reads_in_haitian_creole(demo_db: None) -> None:
    body = Client().get("/ht/directory/pathways/solicitar-asilo-tapachula/").content.decode()
    assert "Si ou vle mande azil nan Meksik" in body
    assert "Prepare dokiman ou yo" in body
    assert 'class="notice translation-notice"' not in body

"""The taxonomies shipped by the data migration, in both languages."""

from io import StringIO

import pytest
from django.core.management import call_command

from migralocal.core.models import Taxonomy, TaxonomyTerm


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("taxonomy", "count"),
    [
        ("gcm-objectives", 23),
        ("sdg", 18),  # the 17 goals and target 10.7
        ("consultation-topics", 12),
        ("migof-domains", 6),
        ("migration-situations", 6),
        ("organisation-capacity-areas", 4),
    ],
)
def test_taxonomy_is_loaded_with_its_terms(taxonomy: str, count: int) -> None:
    assert TaxonomyTerm.objects.of(taxonomy).count() == count


@pytest.mark.django_db
def test_every_taxonomy_and_term_has_spanish_and_english_text() -> None:
    for item in [*Taxonomy.objects.all(), *TaxonomyTerm.objects.all()]:
        assert {"es", "en"} <= set(item.get_available_languages()), item.code


@pytest.mark.django_db
def test_target_10_7_sits_under_goal_10() -> None:
    target = TaxonomyTerm.objects.of("sdg").get(code="sdg-10.7")
    assert target.parent is not None
    assert target.parent.code == "sdg-10"
    target.set_current_language("es")
    assert "migra" in target.label.lower()


@pytest.mark.django_db
def test_objectives_are_in_order() -> None:
    codes = list(TaxonomyTerm.objects.of("gcm-objectives").values_list("code", flat=True))
    assert codes == [f"gcm-{number:02d}" for number in range(1, 24)]


@pytest.mark.django_db
def test_loading_the_taxonomies_again_changes_nothing() -> None:
    from django.apps import apps

    from migralocal.core.taxonomy_loader import load_taxonomies

    before = TaxonomyTerm.objects.count()
    load_taxonomies(apps)
    assert TaxonomyTerm.objects.count() == before


@pytest.mark.django_db
def test_load_reference_data_loads_the_files_again_and_never_deletes() -> None:
    """After a data file changes on an existing installation (here: a translation lost), the
    command brings the database back to the files, through every data migration's loader."""
    TaxonomyTerm.objects.of("sdg").get(code="sdg-10.7").translations.filter(
        language_code="en"
    ).delete()
    terms = TaxonomyTerm.objects.count()
    out = StringIO()
    call_command("load_reference_data", stdout=out)
    assert TaxonomyTerm.objects.of("sdg").get(code="sdg-10.7").has_translation("en")
    assert TaxonomyTerm.objects.count() == terms
    assert "load_taxonomies" in out.getvalue()
    assert "load_self_assessment_questions" in out.getvalue()

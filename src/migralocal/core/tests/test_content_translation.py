"""Translating content: coverage, the translators' files, and bringing them back safely."""

from __future__ import annotations

import io
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import etree

from migralocal.core import content_translation as selectors
from migralocal.core import content_translation_services as services
from migralocal.core.content_translation_files import (
    XLIFF_NS,
    Entry,
    csv_text,
    read_csv,
    read_xliff,
    xliff,
)
from migralocal.core.content_translation_models import TranslationImport
from migralocal.core.models import Taxonomy, User
from migralocal.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
TAXONOMY = "core.taxonomy"


def taxonomy(code: str, texts: dict[str, dict[str, str]]) -> Taxonomy:
    """A taxonomy with a translation row per language given (fields left out stay empty)."""
    record = Taxonomy.objects.create(code=code)
    rows = Taxonomy._parler_meta.root_model
    for language, values in texts.items():
        rows.objects.create(master=record, language_code=language, **values)
    return record


def texts_of(record: Taxonomy, language: str) -> dict[str, str]:
    row = Taxonomy._parler_meta.root_model.objects.get(master=record, language_code=language)
    return {"name": row.name, "description": row.description}


def taxonomies() -> selectors.Translated:
    return selectors.translated_by_key()[TAXONOMY]


def ids_of(record: Taxonomy) -> str:
    return f"{TAXONOMY}.{record.pk}."


def small_world() -> dict[str, Taxonomy]:
    return {
        "done": taxonomy(
            "t-done",
            {
                "es": {"name": "Salud", "description": "Atención"},
                "fr": {"name": "Santé", "description": "Soins"},
            },
        ),
        "half": taxonomy(
            "t-half",
            {
                "es": {"name": "Empleo", "description": "Trabajo digno"},
                "en": {"name": "Jobs", "description": "Decent work"},
                "fr": {"name": "Emploi"},
            },
        ),
        "name_only": taxonomy("t-name", {"es": {"name": "Vivienda"}, "fr": {"name": "Logement"}}),
        "new": taxonomy(
            "t-new",
            {"es": {"name": "Educación %(year)s", "description": "Escuela"}},
        ),
    }


def admin() -> User:
    return UserFactory.create(is_staff=True, is_superuser=True)


# Which models count


def test_every_shared_translatable_model_counts_and_the_private_ones_do_not() -> None:
    labels = {each.label for each in selectors.translated_models()}
    assert {"core.Country", "core.TaxonomyTerm", "directory.Service", "learning.Course"} <= labels
    assert {"calls.Call", "programmes.Programme", "commitments.Commitment"} <= labels
    assert not labels & selectors.NOT_SHARED
    assert "fr" in selectors.target_languages() and "es" not in selectors.target_languages()


# Coverage


def test_coverage_counts_items_translated_in_every_field_their_source_fills() -> None:
    before = selectors.model_coverage(taxonomies(), ["fr", "en"])
    small_world()
    after = selectors.model_coverage(taxonomies(), ["fr", "en"])
    assert after.total - before.total == 4
    # "done" and "name_only" (no description to translate); "half" lacks its description.
    assert after.done["fr"] - before.done["fr"] == 2
    assert after.done["en"] - before.done["en"] == 1
    core = next(row for row in selectors.coverage(["fr"]) if row.module == "core")
    assert core.share("fr") == core.done["fr"] * 100 // core.total


def test_coverage_asks_the_same_number_of_queries_whatever_the_number_of_rows() -> None:
    small_world()
    with CaptureQueriesContext(connection) as few:
        selectors.coverage()
    for number in range(10):
        taxonomy(f"more-{number}", {"es": {"name": f"Tema {number}"}})
    with CaptureQueriesContext(connection) as many:
        selectors.coverage()
    assert len(many) == len(few) == len(selectors.translated_models())


def test_the_missing_content_of_a_module_costs_a_few_queries_per_model() -> None:
    small_world()
    with CaptureQueriesContext(connection) as queries:
        units = list(selectors.missing_units("fr", "core"))
    core_models = [each for each in selectors.translated_models() if each.module == "core"]
    assert len(queries) <= 3 * len(core_models)
    assert units


def test_missing_content_lists_each_field_with_its_source_and_english() -> None:
    world = small_world()
    units = {
        unit.id: unit
        for unit in selectors.missing_units("fr", "core")
        if unit.id.startswith(TAXONOMY)
    }
    half, new = ids_of(world["half"]), ids_of(world["new"])
    assert set(units) >= {half + "description", new + "name", new + "description"}
    assert not any(key.startswith(ids_of(world["done"])) for key in units)
    assert half + "name" not in units
    assert units[half + "description"].source == "Trabajo digno"
    assert units[half + "description"].english == "Decent work"
    assert "Empleo" in units[half + "description"].item


# Export


def test_the_xliff_names_its_languages_and_carries_source_note_and_empty_target() -> None:
    world = small_world()
    units = [u for u in selectors.missing_units("fr", "core") if u.id.startswith(TAXONOMY)]
    root = etree.fromstring(xliff(units, "fr"))
    file = root.find(f"{{{XLIFF_NS}}}file")
    assert file is not None
    assert (file.get("source-language"), file.get("target-language")) == ("es", "fr")
    unit = root.find(f".//{{{XLIFF_NS}}}trans-unit[@id='{ids_of(world['half'])}description']")
    assert unit is not None
    assert unit.findtext(f"{{{XLIFF_NS}}}source") == "Trabajo digno"
    assert unit.findtext(f"{{{XLIFF_NS}}}target") in ("", None)
    notes = {note.get("from"): note.text for note in unit.findall(f"{{{XLIFF_NS}}}note")}
    assert notes["en"] == "Decent work"


def test_a_source_with_control_characters_still_makes_a_valid_xliff() -> None:
    world = small_world()
    rows = Taxonomy._parler_meta.root_model.objects
    rows.filter(master=world["new"], language_code="es").update(description="Es\x0bcuela")
    units = [u for u in selectors.missing_units("fr", "core") if u.id.startswith(TAXONOMY)]
    assert b"Escuela" in xliff(units, "fr")


def test_a_csv_source_that_starts_like_a_formula_stays_text() -> None:
    world = small_world()
    rows = Taxonomy._parler_meta.root_model.objects
    rows.filter(master=world["new"], language_code="es").update(description="=1+1")
    units = [u for u in selectors.missing_units("fr", "core") if u.id.startswith(TAXONOMY)]
    assert ",'=1+1," in csv_text(units)


def test_the_csv_has_the_translators_columns() -> None:
    small_world()
    units = [u for u in selectors.missing_units("fr", "core") if u.id.startswith(TAXONOMY)]
    header, first = csv_text(units).splitlines()[:2]
    assert header == "\ufeffid,module,item,field,source,english,target"
    assert first.startswith(TAXONOMY) and first.endswith(",")


# Round trips


def filled_xliff(language: str, targets: dict[str, str]) -> bytes:
    """Export the missing content of core and fill the targets given (by id)."""
    root = etree.fromstring(xliff(selectors.missing_units(language, "core"), language))
    for unit in root.iter(f"{{{XLIFF_NS}}}trans-unit"):
        if unit.get("id") in targets:
            target = unit.find(f"{{{XLIFF_NS}}}target")
            assert target is not None
            target.text = targets[unit.get("id", "")]
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def upload(content: bytes, name: str = "core-fr.xlf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def planned(content: bytes, name: str = "core-fr.xlf", **options: Any) -> services.Plan:
    file_format, entries = services.read_upload(upload(content, name), "fr")
    return services.plan_import(entries, language="fr", file_format=file_format, **options)


def test_an_xliff_round_trip_writes_new_translations_and_records_the_import() -> None:
    world = small_world()
    new, half = ids_of(world["new"]), ids_of(world["half"])
    content = filled_xliff(
        "fr",
        {
            new + "name": "Éducation %(year)s",
            new + "description": "École",
            half + "description": "Travail décent",
        },
    )
    plan = planned(content)
    assert plan.ok and (plan.new_count, plan.replaced_count) == (3, 0)
    user = admin()
    record = services.import_translations(plan, actor=user)
    assert texts_of(world["new"], "fr") == {"name": "Éducation %(year)s", "description": "École"}
    assert texts_of(world["half"], "fr") == {"name": "Emploi", "description": "Travail décent"}
    assert (record.actor, record.language, record.created_count) == (user, "fr", 3)
    assert LogEntry.objects.get_for_object(record).exists()


def test_a_csv_round_trip_writes_the_filled_targets() -> None:
    world = small_world()
    half = ids_of(world["half"])
    lines = csv_text(selectors.missing_units("fr", "core")).splitlines()
    filled = [
        line + "Travail décent" if line.startswith(half + "description") else line for line in lines
    ]
    plan = planned("\n".join(filled).encode(), "core-fr.csv")
    assert plan.ok and plan.new_count == 1
    services.import_translations(plan, actor=admin())
    assert texts_of(world["half"], "fr")["description"] == "Travail décent"


def test_the_command_imports_a_file_and_refuses_a_wrong_one(tmp_path: Any) -> None:
    world = small_world()
    half = ids_of(world["half"])
    path = tmp_path / "core-fr.xlf"
    path.write_bytes(filled_xliff("fr", {half + "description": "Travail décent"}))
    call_command("import_translations", str(path), "--language", "fr", stdout=io.StringIO())
    assert texts_of(world["half"], "fr")["description"] == "Travail décent"
    assert TranslationImport.objects.get().actor is None
    with pytest.raises(CommandError):
        call_command("import_translations", str(path), "--language", "pt", stdout=io.StringIO())


def test_the_cached_translation_is_replaced_after_an_import() -> None:
    world = small_world()
    record = Taxonomy.objects.language("fr").get(pk=world["half"].pk)
    assert record.description == ""  # now in parler's cache
    plan = planned(filled_xliff("fr", {ids_of(world["half"]) + "description": "Travail décent"}))
    services.import_translations(plan, actor=admin())
    fresh = Taxonomy.objects.language("fr").get(pk=world["half"].pk)
    assert fresh.description == "Travail décent"


# Replacing


def replacing_file(world: dict[str, Taxonomy]) -> list[Entry]:
    done = ids_of(world["done"])
    return [Entry("line 2", done + "name", "Santé publique")]


def test_existing_translations_are_kept_unless_the_import_says_to_replace_them() -> None:
    world = small_world()
    plan = services.plan_import(replacing_file(world), language="fr", file_format="csv")
    assert plan.ok and plan.changes == [] and plan.kept == ["line 2"]
    plan = services.plan_import(
        replacing_file(world), language="fr", file_format="csv", replace=True
    )
    assert (plan.new_count, plan.replaced_count) == (0, 1)
    services.import_translations(plan, actor=admin())
    assert texts_of(world["done"], "fr")["name"] == "Santé publique"


def test_only_administrators_replace_existing_translations(world: Any) -> None:
    mine = small_world()
    plan = services.plan_import(
        replacing_file(mine), language="fr", file_format="csv", replace=True
    )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.import_translations(plan, actor=world.user("reviewer"))
    with pytest.raises(PermissionDenied):
        services.import_translations(
            services.plan_import([], language="fr", file_format="csv"),
            actor=world.user("trainer"),
        )
    assert texts_of(mine["done"], "fr")["name"] == "Santé"


def test_a_first_translation_must_fill_every_field_its_source_fills() -> None:
    world = small_world()
    new = ids_of(world["new"])
    plan = services.plan_import(
        [Entry("line 2", new + "name", "Éducation %(year)s")], language="fr", file_format="csv"
    )
    assert plan.ok and plan.changes == [] and plan.incomplete == ["line 2"]


# Every refusal


def problems(entries: list[Entry], language: str = "fr") -> list[str]:
    plan = services.plan_import(entries, language=language, file_format="csv")
    return [f"{problem.where}: {problem.message}" for problem in plan.problems]


def test_every_wrong_unit_is_reported_and_nothing_is_written() -> None:
    world = small_world()
    new, half = ids_of(world["new"]), ids_of(world["half"])
    gone = taxonomy("t-gone", {"es": {"name": "Antes"}})
    gone_id = ids_of(gone) + "name"
    gone.delete()
    entries = [
        Entry("line 2", half + "description", "Travail décent"),  # fine
        Entry("line 3", "core.user.1.password", "x"),  # a model that is not translated
        Entry("line 4", f"{TAXONOMY}.x.name", "x"),  # forged number
        Entry("line 5", f"{TAXONOMY}.{world['new'].pk}.code", "x"),  # not a translated field
        Entry("line 6", gone_id, "Avant"),  # item deleted since
        Entry("line 7", new + "name", "É" * 151),  # longer than the field
        Entry("line 8", new + "description", "nul\x00"),
        Entry("line 9", new + "name", "Éducation"),  # duplicate id
        Entry("line 10", f"{TAXONOMY}.{world['half'].pk}.name", ""),  # empty: skipped
    ]
    found = problems(entries)
    assert [line.split(":")[0] for line in found] == [
        "line 3",
        "line 4",
        "line 5",
        "line 9",
        "line 6",
        "line 7",
        "line 8",
    ]
    assert "150" in found[5] and "151" in found[5]
    plan = services.plan_import(entries, language="fr", file_format="csv")
    assert plan.empty == ["line 10"]
    with pytest.raises(ValidationError):
        services.import_translations(plan, actor=admin())
    assert texts_of(world["half"], "fr")["description"] == ""
    assert not TranslationImport.objects.exists()


def test_placeholders_of_the_source_must_be_kept() -> None:
    world = small_world()
    new = ids_of(world["new"])
    found = problems(
        [Entry("line 2", new + "name", "Éducation"), Entry("line 3", new + "description", "É")]
    )
    assert len(found) == 1
    assert found[0].startswith("line 2:") and found[0].endswith("%(year)s.")


def test_an_xliff_for_another_language_or_from_another_source_is_refused() -> None:
    small_world()
    content = filled_xliff("pt", {})
    assert refusal(lambda: read_xliff(content, "fr")) == "language"
    from_english = content.replace(b'source-language="es"', b'source-language="en"')
    assert refusal(lambda: read_xliff(from_english, "pt")) == "language"
    assert read_xliff(content, "pt") is not None


def test_an_xliff_with_entities_or_a_dtd_is_refused_before_parsing(tmp_path: Any) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("password")
    attacks = [
        f"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]>
<xliff xmlns="{XLIFF_NS}" version="1.2"><file source-language="es" target-language="fr">
<body><trans-unit id="{TAXONOMY}.1.name"><source>a</source><target>&s;</target></trans-unit>
</body></file></xliff>""",
        """<?xml version="1.0"?><!doctype lol [<!entity a "aaaaaaaaaa">]><x>&a;</x>""",
    ]
    for attack in attacks:
        assert refusal(lambda attack=attack: read_xliff(attack.encode(), "fr")) == "doctype"


def test_the_parser_itself_resolves_no_entity(tmp_path: Any) -> None:
    """Even past the document type check, the parser is told to resolve nothing."""
    from migralocal.core.content_translation_files import _parser

    secret = tmp_path / "secret.txt"
    secret.write_text("password")
    document = f'<!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]><x>&s;</x>'
    root = etree.fromstring(document.encode(), parser=_parser())
    assert "password" not in "".join(root.itertext())


def refusal(call: Any) -> str:
    with pytest.raises(ValidationError) as refused:
        call()
    return str(refused.value.code if hasattr(refused.value, "code") else "")


def test_files_that_are_too_large_not_text_or_not_xliff_are_refused(settings: Any) -> None:
    settings.UPLOAD_MAX_MB = 1
    big = upload(b"x" * (1024 * 1024 + 1), "a.csv")
    assert refusal(lambda: services.read_upload(big, "fr")) == "too_large"
    binary = upload(b"%PDF-1.4 binary", "a.xlf")
    assert refusal(lambda: services.read_upload(binary, "fr")) == "content_mismatch"
    text = upload(b"id,target\n", "a.txt")
    assert refusal(lambda: services.read_upload(text, "fr")) == "extension"
    assert refusal(lambda: read_xliff(b"<html/>", "fr")) == "xliff"
    assert refusal(lambda: read_xliff(b"<xliff", "fr")) == "xml"
    assert refusal(lambda: read_csv(b"name,value\n")) == "columns"
    spanish = upload(b"id,target\n", "a.csv")
    assert refusal(lambda: services.read_upload(spanish, "es")) == "language"


# Pages


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_coverage_page_shows_each_module_and_links_what_is_missing(world: Any) -> None:
    small_world()
    response = signed_in(world.user("reviewer")).get(reverse("core:translation_coverage"))
    assert response.status_code == 200
    content = response.content.decode()
    assert reverse("core:translation_missing", args=["fr", "core"]) in content
    assert (
        reverse("core:translation_coverage")
        in signed_in(world.user("reviewer")).get(reverse("core:landing")).content.decode()
    )


def test_the_missing_page_lists_the_fields_to_translate(world: Any) -> None:
    small_world()
    client = signed_in(world.user("reviewer"))
    response = client.get(reverse("core:translation_missing", args=["fr", "core"]))
    assert response.status_code == 200
    assert "Trabajo digno" in response.content.decode()
    assert client.get(reverse("core:translation_missing", args=["es", "core"])).status_code == 404
    assert client.get(reverse("core:translation_missing", args=["fr", "nope"])).status_code == 404


def test_the_export_downloads_a_file_for_one_language_and_module(world: Any) -> None:
    small_world()
    client = signed_in(world.user("reviewer"))
    url = reverse("core:translation_export")
    response = client.get(url, {"language": "fr", "module": "core", "format": "xliff"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="migralocal-core-es-fr.xlf"'
    assert b"Trabajo digno" in response.content
    response = client.get(url, {"language": "fr", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert client.get(url, {"language": "xx", "format": "csv"}).status_code == 404


def test_an_upload_is_checked_and_previewed_then_written_on_confirmation(world: Any) -> None:
    mine = small_world()
    half = ids_of(mine["half"])
    client = signed_in(world.user("reviewer"))
    url = reverse("core:translation_import")
    content = filled_xliff("fr", {half + "description": "Travail décent"})
    response = client.post(url, {"language": "fr", "file": upload(content)})
    assert response.status_code == 200
    assert texts_of(mine["half"], "fr")["description"] == ""  # a preview writes nothing
    assert "replace" not in response.context["form"].fields  # reviewers only fill gaps
    assert response.context["plan"].new_count == 1
    response = client.post(url, {"confirm": "1"})
    assert response.status_code == 302
    assert texts_of(mine["half"], "fr")["description"] == "Travail décent"
    assert TranslationImport.objects.get().actor == world.user("reviewer")


def test_an_upload_with_errors_shows_them_all_and_offers_no_confirmation(world: Any) -> None:
    small_world()
    client = signed_in(world.user("admin"))
    bad = b"id,target\ncore.taxonomy.999999.name,x\nforged,y\n"
    response = client.post(
        reverse("core:translation_import"), {"language": "fr", "file": upload(bad, "a.csv")}
    )
    assert response.status_code == 400
    assert len(response.context["plan"].problems) == 2
    assert 'name="confirm"' not in response.content.decode()
    assert client.post(reverse("core:translation_import"), {"confirm": "1"}).status_code == 302
    assert not TranslationImport.objects.exists()


def test_an_xxe_upload_is_refused_on_the_page(world: Any) -> None:
    attack = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY s SYSTEM "file:///etc/passwd">]><x/>'
    response = signed_in(world.user("admin")).post(
        reverse("core:translation_import"), {"language": "fr", "file": upload(attack)}
    )
    assert response.status_code == 400
    assert "root:" not in response.content.decode()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("admin", True),
        ("reviewer", True),
        ("hub_staff", False),
        ("focal_point", False),
        ("member", False),
        ("trainer", False),
        ("mentor", False),
        ("programme_manager", False),
        ("no_role", False),
    ],
)
def test_who_may_use_the_translation_pages(world: Any, role: str, allowed: bool) -> None:
    client = signed_in(world.user(role))
    for url in (
        reverse("core:translation_coverage"),
        reverse("core:translation_import"),
        reverse("core:translation_missing", args=["fr", "core"]),
        reverse("core:translation_export") + "?language=fr&module=calls&format=csv",
    ):
        assert (client.get(url).status_code == 200) is allowed, url
    menu = client.get(reverse("core:landing")).content.decode()
    assert (reverse("core:translation_coverage") in menu) is allowed


def test_the_pages_ask_no_more_queries_when_there_are_more_items(world: Any) -> None:
    """One aggregate per model for the coverage, two or three per model for a module's missing
    fields: however many items there are."""
    small_world()
    client = signed_in(world.user("reviewer"))
    urls = [
        reverse("core:translation_coverage"),
        reverse("core:translation_missing", args=["fr", "core"]),
    ]

    def counts() -> list[int]:
        found = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries))
        return found

    counts()  # warm the per-process caches
    few = counts()
    for number in range(8):
        taxonomy(f"grow-{number}", {"es": {"name": f"Tema {number}", "description": "Texto"}})
    assert counts() <= few
    assert few[0] <= len(selectors.translated_models()) + 10


def test_an_administrator_replaces_on_the_page_only_with_the_box_ticked(world: Any) -> None:
    mine = small_world()
    client = signed_in(world.user("admin"))
    url = reverse("core:translation_import")
    content = f"id,target\n{ids_of(mine['done'])}name,Santé publique\n".encode()
    response = client.post(url, {"language": "fr", "file": upload(content, "a.csv")})
    assert response.context["plan"].kept == ["línea 2"]
    response = client.post(
        url, {"language": "fr", "file": upload(content, "a.csv"), "replace": "on"}
    )
    assert response.context["plan"].replaced_count == 1
    client.post(url, {"confirm": "1"})
    assert texts_of(mine["done"], "fr")["name"] == "Santé publique"
    assert TranslationImport.objects.get().replace_existing


def test_the_command_checks_without_writing_on_a_dry_run(tmp_path: Any) -> None:
    world = small_world()
    path = tmp_path / "core-fr.csv"
    path.write_text(f"id,target\n{ids_of(world['half'])}description,Travail décent\n")
    out = io.StringIO()
    call_command("import_translations", str(path), "--language", "fr", "--dry-run", stdout=out)
    assert "new: 1" in out.getvalue()
    assert texts_of(world["half"], "fr")["description"] == ""
    assert not TranslationImport.objects.exists()


def test_records_keyed_by_uuid_make_the_round_trip_and_a_malformed_key_is_unknown(
    world: Any,
) -> None:
    """The directory's HSDS records (locations) are keyed by UUID, not by number."""
    from migralocal.directory.models import Location
    from migralocal.directory.tests.helpers import world_hubs

    world_hubs(world)
    units = list(selectors.missing_units("fr", "directory"))
    location_ids = [unit.id for unit in units if unit.id.startswith("directory.location.")]
    assert location_ids
    filled = [Entry(f"unit {n}", unit.id, f"[fr] {unit.source}") for n, unit in enumerate(units)]
    plan = services.plan_import(filled, language="fr", file_format="csv")
    assert plan.ok, plan.problems
    assert plan.new_count == len(units)
    services.import_translations(plan, actor=admin())
    location = Location.objects.get(pk=location_ids[0].split(".")[2])
    assert location.safe_translation_getter("name", language_code="fr").startswith("[fr] ")

    malformed = location_ids[0].replace("-", "", 1) + "x"
    assert problems([Entry("unit 1", malformed, "[fr] x")]) == [
        f"unit 1: Identificador desconocido «{malformed}»."
    ]

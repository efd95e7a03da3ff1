"""Frameworks are data: loading, checking, versions, export, XLSForm."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command
from pyxform.xls2xform import convert

from migralocal.assessments import framework_format, services
from migralocal.assessments.framework_format import FrameworkFormatError, framework_as_dict
from migralocal.assessments.management.commands.load_framework import DEFAULT_FRAMEWORK
from migralocal.assessments.models import Dimension, Framework, Indicator, Question
from migralocal.assessments.tests.helpers import small_framework_data

pytestmark = pytest.mark.django_db


def test_default_framework_has_ten_dimensions_the_special_section_and_sixty_questions() -> None:
    call_command("load_framework", "--default", "--publish", stdout=StringIO())
    framework = Framework.objects.get()
    assert framework.is_published
    codes = list(framework.dimensions.values_list("code", flat=True))
    assert len(codes) == 11
    assert codes[-1] == "women-girls-vulnerable"
    questions = Question.objects.filter(indicator__dimension__framework=framework)
    assert questions.count() >= 60
    assert set(questions.values_list("kind", flat=True)) == set(Question.Kind.values)
    for question in questions:
        assert set(question.get_available_languages()) == {"es", "en"}, question.code
    indicators = Indicator.objects.filter(dimension__framework=framework)
    assert not indicators.filter(migof_domain__isnull=True).exists()
    domains = set(indicators.values_list("migof_domain__code", flat=True))
    assert len(domains) == 6


def test_loading_the_same_file_twice_changes_nothing() -> None:
    services.framework_load(data=small_framework_data(), publish=True)
    framework, created = services.framework_load(data=small_framework_data())
    assert not created
    assert Framework.objects.count() == 1
    assert framework.version == 1


def test_a_change_to_a_published_framework_makes_a_new_version() -> None:
    first, _ = services.framework_load(data=small_framework_data(), publish=True)
    changed = small_framework_data()
    changed["dimensions"][1]["title"]["en"] = "Health care"
    second, created = services.framework_load(data=changed)
    assert created
    assert (second.version, second.status) == (2, Framework.Status.DRAFT)
    first.refresh_from_db()
    assert (
        Dimension.objects.get(framework=first, code="health").safe_translation_getter(
            "title", language_code="en"
        )
        == "Health"
    )


def test_a_draft_is_replaced_in_place() -> None:
    services.framework_load(data=small_framework_data())
    changed = small_framework_data()
    changed["dimensions"][0]["indicators"][0]["questions"][0]["weight"] = 5
    framework, created = services.framework_load(data=changed)
    assert created and framework.version == 1 and Framework.objects.count() == 1
    assert Question.objects.get(code="q1").weight == 5


def test_every_problem_is_reported_with_its_path_and_nothing_is_written() -> None:
    data = small_framework_data()
    data["dimensions"][0]["indicators"][0]["questions"][1]["type"] = "slider"
    data["dimensions"][0]["indicators"][1]["migof_domain"] = "happiness"
    data["dimensions"][1]["indicators"][0]["questions"][0]["options"][0]["score"] = 2
    data["dimensions"][1]["title"] = {"de": "Gesundheit"}
    with pytest.raises(FrameworkFormatError) as raised:
        services.framework_load(data=data)
    problems = raised.value.problems
    assert any(p.startswith("dimensions[0].indicators[0].questions[1].type:") for p in problems)
    assert any(p.startswith("dimensions[0].indicators[1].migof_domain:") for p in problems)
    assert any(
        p.startswith("dimensions[1].indicators[0].questions[0].options[0].score:") for p in problems
    )
    assert any(p.startswith("dimensions[1].title.de:") for p in problems)
    assert not Framework.objects.exists()


def test_duplicate_question_codes_are_refused() -> None:
    data = small_framework_data()
    data["dimensions"][1]["indicators"][0]["questions"][0]["code"] = "q1"
    with pytest.raises(FrameworkFormatError) as raised:
        services.framework_load(data=data)
    assert "dimensions[1].indicators[0].questions[0].code" in raised.value.problems[0]


def test_command_reports_problems_and_loads_nothing(tmp_path: Path) -> None:
    data = small_framework_data()
    del data["dimensions"][0]["indicators"][0]["questions"][0]["text"]
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(
        CommandError, match=r"dimensions\[0\]\.indicators\[0\]\.questions\[0\]\.text"
    ):
        call_command("load_framework", str(bad), stdout=StringIO())
    assert not Framework.objects.exists()


def test_round_trip_load_export_load_gives_the_same(tmp_path: Path) -> None:
    call_command("load_framework", str(DEFAULT_FRAMEWORK), "--publish", stdout=StringIO())
    original = Framework.objects.get()
    exported = tmp_path / "exported.yaml"
    call_command(
        "export_framework",
        "migralocal-local-governance",
        "--output",
        str(exported),
        stdout=StringIO(),
    )
    out = StringIO()
    call_command("load_framework", str(exported), stdout=out)
    assert "unchanged" in out.getvalue()
    assert Framework.objects.count() == 1
    reloaded = yaml.safe_load(exported.read_text(encoding="utf-8"))
    assert framework_format.normalise(reloaded) == framework_as_dict(original)


def test_xlsform_export_converts_with_pyxform(tmp_path: Path) -> None:
    call_command("load_framework", "--default", "--publish", stdout=StringIO())
    target = tmp_path / "diagnostic.xlsx"
    call_command("export_framework_xlsform", "--output", str(target), stdout=StringIO())
    result = convert(xlsform=str(target))
    xml = result.xform
    assert "<h:title>Diagnóstico de gobernanza migratoria local</h:title>" in xml
    assert "unit_exists" in xml and "strategy_adopted" in xml
    assert xml.count("<group ") >= 11

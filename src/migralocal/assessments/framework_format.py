"""The framework file format (see docs/framework-format.md): checking, normalising, exporting.

Pure functions over plain data, so the loader can check a whole file before writing anything,
and a framework read back from the database compares equal to the file it came from.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from migralocal.assessments.models import GCM_TAXONOMY, MIGOF_TAXONOMY, Framework, Question
from migralocal.core.models import TaxonomyTerm

CODE_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,59}$")
KINDS_WITH_OPTIONS = {Question.Kind.SINGLE_CHOICE, Question.Kind.MULTIPLE_CHOICE}


class FrameworkFormatError(Exception):
    """Every problem found in a framework file, each with the path of the bad item."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def configured_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.migof = set(TaxonomyTerm.objects.of(MIGOF_TAXONOMY).values_list("code", flat=True))
        self.gcm = set(TaxonomyTerm.objects.of(GCM_TAXONOMY).values_list("code", flat=True))
        self.question_codes: set[str] = set()

    def problem(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def mapping(self, value: Any, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.problem(path, _("must be a mapping of keys to values"))
            return {}
        return value

    def unknown_keys(self, item: dict[str, Any], allowed: set[str], path: str) -> None:
        for key in sorted(set(item) - allowed, key=str):
            self.problem(f"{path}.{key}", _("is not a known key"))

    def code(self, item: dict[str, Any], path: str, seen: set[str]) -> str:
        code = item.get("code")
        if not isinstance(code, str) or not CODE_PATTERN.match(code):
            self.problem(
                f"{path}.code",
                _("must start with a lowercase letter and use only a-z, 0-9 and hyphens"),
            )
            return ""
        if code in seen:
            self.problem(f"{path}.code", _("“%(code)s” is used twice") % {"code": code})
        seen.add(code)
        return code

    def text(self, item: dict[str, Any], key: str, path: str, required: bool) -> dict[str, str]:
        value = item.get(key)
        if value is None or value == {}:
            if required:
                self.problem(f"{path}.{key}", _("is required"))
            return {}
        if not isinstance(value, dict):
            self.problem(f"{path}.{key}", _("must give the text per language, like es: … en: …"))
            return {}
        languages = configured_languages()
        texts: dict[str, str] = {}
        for language, text in value.items():
            if language not in languages:
                self.problem(
                    f"{path}.{key}.{language}",
                    _("is not a language of this installation (%(languages)s)")
                    % {"languages": ", ".join(languages)},
                )
            elif not isinstance(text, str) or not text.strip():
                self.problem(f"{path}.{key}.{language}", _("must be non-empty text"))
            else:
                texts[language] = text.strip()
        if required and settings.LANGUAGE_CODE not in value:
            self.problem(
                f"{path}.{key}",
                _("needs at least the text in %(language)s") % {"language": settings.LANGUAGE_CODE},
            )
        return texts

    def number(
        self,
        item: dict[str, Any],
        key: str,
        path: str,
        default: Decimal | None,
        low: Decimal = Decimal(0),
        high: Decimal | None = None,
    ) -> Decimal | None:
        value = item.get(key)
        if value is None:
            return default
        if isinstance(value, bool):
            self.problem(f"{path}.{key}", _("must be a number"))
            return default
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.problem(f"{path}.{key}", _("must be a number"))
            return default
        if number < low or (high is not None and number > high):
            if high is None:
                message = _("must be at least %(low)s") % {"low": low}
            else:
                message = _("must be between %(low)s and %(high)s") % {"low": low, "high": high}
            self.problem(f"{path}.{key}", message)
            return default
        return number.quantize(Decimal("0.01"))

    def flag(self, item: dict[str, Any], key: str, path: str) -> bool:
        value = item.get(key, False)
        if not isinstance(value, bool):
            self.problem(f"{path}.{key}", _("must be true or false"))
            return False
        return value

    def items(self, parent: dict[str, Any], key: str, path: str) -> list[Any]:
        value = parent.get(key)
        if not isinstance(value, list) or not value:
            self.problem(f"{path}.{key}", _("must be a non-empty list"))
            return []
        return value


def normalise(data: Any) -> dict[str, Any]:
    """Check a framework read from YAML and return it in canonical form, or raise every problem."""
    check = _Checker()
    root = check.mapping(data, "framework")
    check.unknown_keys(
        root,
        {"code", "title", "description", "well_developed_threshold", "dimensions", "version"},
        "framework",
    )
    threshold = check.number(
        root, "well_developed_threshold", "framework", Decimal(60), high=Decimal(100)
    )
    result: dict[str, Any] = {
        "code": check.code(root, "framework", set()),
        "title": check.text(root, "title", "framework", required=True),
        "description": check.text(root, "description", "framework", required=False),
        "well_developed_threshold": int(threshold or 60),
        "dimensions": [],
    }
    dimension_codes: set[str] = set()
    for d_index, raw_dimension in enumerate(check.items(root, "dimensions", "framework")):
        path = f"dimensions[{d_index}]"
        dimension = check.mapping(raw_dimension, path)
        check.unknown_keys(
            dimension, {"code", "title", "description", "weight", "indicators"}, path
        )
        normal_dimension: dict[str, Any] = {
            "code": check.code(dimension, path, dimension_codes),
            "title": check.text(dimension, "title", path, required=True),
            "description": check.text(dimension, "description", path, required=False),
            "weight": check.number(dimension, "weight", path, Decimal(1)),
            "indicators": [],
        }
        indicator_codes: set[str] = set()
        for i_index, raw_indicator in enumerate(check.items(dimension, "indicators", path)):
            normal_dimension["indicators"].append(
                _normalise_indicator(
                    check, raw_indicator, f"{path}.indicators[{i_index}]", indicator_codes
                )
            )
        result["dimensions"].append(normal_dimension)
    if check.problems:
        raise FrameworkFormatError(check.problems)
    return result


def _normalise_indicator(check: _Checker, raw: Any, path: str, seen: set[str]) -> dict[str, Any]:
    indicator = check.mapping(raw, path)
    check.unknown_keys(
        indicator,
        {"code", "title", "description", "weight", "migof_domain", "gcm_objectives", "questions"},
        path,
    )
    domain = indicator.get("migof_domain")
    if domain is not None and domain not in check.migof:
        check.problem(
            f"{path}.migof_domain",
            _("“%(code)s” is not one of: %(codes)s")
            % {"code": domain, "codes": ", ".join(sorted(check.migof))},
        )
    objectives = indicator.get("gcm_objectives") or []
    if not isinstance(objectives, list):
        check.problem(f"{path}.gcm_objectives", _("must be a list of objective codes"))
        objectives = []
    for o_index, objective in enumerate(objectives):
        if objective not in check.gcm:
            check.problem(
                f"{path}.gcm_objectives[{o_index}]",
                _("“%(code)s” is not a Global Compact objective code (gcm-01 … gcm-23)")
                % {"code": objective},
            )
    normal: dict[str, Any] = {
        "code": check.code(indicator, path, seen),
        "title": check.text(indicator, "title", path, required=True),
        "description": check.text(indicator, "description", path, required=False),
        "weight": check.number(indicator, "weight", path, Decimal(1)),
        "migof_domain": domain,
        "gcm_objectives": sorted(str(code) for code in objectives),
        "questions": [],
    }
    for q_index, raw_question in enumerate(check.items(indicator, "questions", path)):
        normal["questions"].append(
            _normalise_question(check, raw_question, f"{path}.questions[{q_index}]")
        )
    return normal


def _normalise_question(check: _Checker, raw: Any, path: str) -> dict[str, Any]:
    question = check.mapping(raw, path)
    check.unknown_keys(
        question,
        {
            "code",
            "type",
            "text",
            "help",
            "weight",
            "not_applicable",
            "evidence_required",
            "target",
            "options",
        },
        path,
    )
    kind = question.get("type")
    if kind not in Question.Kind.values:
        check.problem(
            f"{path}.type",
            _("“%(type)s” is not one of: %(types)s")
            % {"type": kind, "types": ", ".join(Question.Kind.values)},
        )
    normal: dict[str, Any] = {
        "code": check.code(question, path, check.question_codes),
        "type": kind,
        "text": check.text(question, "text", path, required=True),
        "help": check.text(question, "help", path, required=False),
        "weight": check.number(question, "weight", path, Decimal(1)),
        "not_applicable": check.flag(question, "not_applicable", path),
        "evidence_required": check.flag(question, "evidence_required", path),
        "target": None,
        "options": [],
    }
    if "target" in question:
        if kind != Question.Kind.NUMBER:
            check.problem(f"{path}.target", _("only number questions have a target"))
        else:
            normal["target"] = check.number(question, "target", path, None, low=Decimal("0.01"))
    if kind in KINDS_WITH_OPTIONS:
        option_codes: set[str] = set()
        for o_index, raw_option in enumerate(check.items(question, "options", path)):
            option_path = f"{path}.options[{o_index}]"
            option = check.mapping(raw_option, option_path)
            check.unknown_keys(option, {"code", "label", "score"}, option_path)
            normal["options"].append(
                {
                    "code": check.code(option, option_path, option_codes),
                    "label": check.text(option, "label", option_path, required=True),
                    "score": check.number(
                        option, "score", option_path, Decimal(0), high=Decimal(1)
                    ),
                }
            )
    elif "options" in question:
        check.problem(f"{path}.options", _("only choice questions have options"))
    return normal


def _texts(instance: Any, field: str) -> dict[str, str]:
    texts = {}
    for language in configured_languages():
        if instance.has_translation(language):
            value = getattr(instance.get_translation(language), field)
            if value:
                texts[language] = value
    return texts


def framework_as_dict(framework: Framework) -> dict[str, Any]:
    """The framework in the canonical form `normalise` returns, read from the database."""
    dimensions = []
    for dimension in framework.dimensions.prefetch_related(
        "translations",
        "indicators__translations",
        "indicators__migof_domain",
        "indicators__gcm_objectives",
        "indicators__questions__translations",
        "indicators__questions__options__translations",
    ):
        indicators = []
        for indicator in dimension.indicators.all():
            questions = []
            for question in indicator.questions.all():
                questions.append(
                    {
                        "code": question.code,
                        "type": question.kind,
                        "text": _texts(question, "text"),
                        "help": _texts(question, "help_text"),
                        "weight": question.weight,
                        "not_applicable": question.allows_not_applicable,
                        "evidence_required": question.evidence_required,
                        "target": question.target,
                        "options": [
                            {
                                "code": option.code,
                                "label": _texts(option, "label"),
                                "score": option.score.quantize(Decimal("0.01")),
                            }
                            for option in question.options.all()
                        ],
                    }
                )
            indicators.append(
                {
                    "code": indicator.code,
                    "title": _texts(indicator, "title"),
                    "description": _texts(indicator, "description"),
                    "weight": indicator.weight,
                    "migof_domain": indicator.migof_domain.code if indicator.migof_domain else None,
                    "gcm_objectives": sorted(term.code for term in indicator.gcm_objectives.all()),
                    "questions": questions,
                }
            )
        dimensions.append(
            {
                "code": dimension.code,
                "title": _texts(dimension, "title"),
                "description": _texts(dimension, "description"),
                "weight": dimension.weight,
                "indicators": indicators,
            }
        )
    return {
        "code": framework.code,
        "title": _texts(framework, "title"),
        "description": _texts(framework, "description"),
        "well_developed_threshold": framework.well_developed_threshold,
        "dimensions": dimensions,
    }


def _plain_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def as_file_data(canonical: dict[str, Any]) -> dict[str, Any]:
    """The canonical form as it is written to YAML: empty keys and defaults left out."""

    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: clean(item) for key, item in value.items() if item not in ({}, [], None)}
        if isinstance(value, list):
            return [clean(item) for item in value]
        if isinstance(value, Decimal):
            return _plain_number(value)
        return value

    return clean(canonical)

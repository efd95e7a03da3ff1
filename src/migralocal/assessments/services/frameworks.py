"""Assessment frameworks: loading a framework file as a new version, publishing it, and the
framework new rounds use."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from migralocal.assessments import framework_format
from migralocal.assessments.models import Dimension, Framework, Indicator, Option, Question
from migralocal.assessments.services._common import TransitionRefused
from migralocal.core.models import TaxonomyTerm


def _set_texts(instance: Any, texts_by_field: dict[str, dict[str, str]]) -> None:
    for field, texts in texts_by_field.items():
        for language, text in texts.items():
            instance.set_current_language(language)
            setattr(instance, field, text)
    instance.save()


def _build_framework(framework: Framework, data: dict[str, Any]) -> None:
    terms = {
        (term.taxonomy.code, term.code): term
        for term in TaxonomyTerm.objects.select_related("taxonomy").filter(
            taxonomy__code__in=["migof-domains", "gcm-objectives"]
        )
    }
    for d_position, d_data in enumerate(data["dimensions"]):
        dimension = Dimension(
            framework=framework, code=d_data["code"], position=d_position, weight=d_data["weight"]
        )
        _set_texts(dimension, {"title": d_data["title"], "description": d_data["description"]})
        for i_position, i_data in enumerate(d_data["indicators"]):
            indicator = Indicator(
                dimension=dimension,
                code=i_data["code"],
                position=i_position,
                weight=i_data["weight"],
                migof_domain=terms.get(("migof-domains", i_data["migof_domain"] or "")),
            )
            _set_texts(indicator, {"title": i_data["title"], "description": i_data["description"]})
            indicator.gcm_objectives.set(
                [terms[("gcm-objectives", code)] for code in i_data["gcm_objectives"]]
            )
            for q_position, q_data in enumerate(i_data["questions"]):
                question = Question(
                    indicator=indicator,
                    code=q_data["code"],
                    position=q_position,
                    kind=q_data["type"],
                    weight=q_data["weight"],
                    allows_not_applicable=q_data["not_applicable"],
                    evidence_required=q_data["evidence_required"],
                    target=q_data["target"],
                )
                _set_texts(question, {"text": q_data["text"], "help_text": q_data["help"]})
                for o_position, o_data in enumerate(q_data["options"]):
                    option = Option(
                        question=question,
                        code=o_data["code"],
                        position=o_position,
                        score=o_data["score"],
                    )
                    _set_texts(option, {"label": o_data["label"]})


@transaction.atomic
def framework_load(*, data: Any, publish: bool = False) -> tuple[Framework, bool]:
    """Load a framework file's data; return the version that holds it and whether it is new.

    Everything is checked first (FrameworkFormatError lists each problem with its path) and
    nothing is written if anything is wrong. The same content as the latest version changes
    nothing; a draft latest version is replaced; a published one is never touched: the change
    becomes the next version.
    """
    canonical = framework_format.normalise(data)
    latest = Framework.objects.filter(code=canonical["code"]).order_by("-version").first()
    if latest is not None and framework_format.framework_as_dict(latest) == canonical:
        if publish and not latest.is_published:
            framework_publish(framework=latest)
        return latest, False
    if latest is not None and not latest.is_published:
        framework = latest
        framework.dimensions.all().delete()
    else:
        framework = Framework(code=canonical["code"], version=(latest.version + 1) if latest else 1)
    framework.well_developed_threshold = canonical["well_developed_threshold"]
    _set_texts(framework, {"title": canonical["title"], "description": canonical["description"]})
    _build_framework(framework, canonical)
    if publish:
        framework_publish(framework=framework)
    return framework, True


@transaction.atomic
def framework_publish(*, framework: Framework) -> Framework:
    """Publish a draft. From then on it is read-only, and assessments may use it."""
    if framework.is_published:
        raise TransitionRefused(_("This version is already published."))
    framework.status = Framework.Status.PUBLISHED
    framework.published_at = timezone.now()
    framework.save(update_fields=["status", "published_at"])
    return framework


def current_framework() -> Framework:
    framework = (
        Framework.objects.filter(status=Framework.Status.PUBLISHED)
        .order_by("-published_at", "-version")
        .first()
    )
    if framework is None:
        raise TransitionRefused(_("No framework has been published yet."))
    return framework

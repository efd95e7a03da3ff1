"""Spreadsheet exports; headers are translated like every other string a user sees."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from migralocal.assessments.models import Action, Assessment
from migralocal.core.exports import xlsx_bytes


def work_plan_xlsx(assessment: Assessment, actions: list[Action]) -> bytes:
    """The work plan's actions, one a row, as a workbook (dates and budgets as numbers)."""
    rows: list[list[Any]] = [
        [
            _("Priority"),
            _("Action"),
            _("Indicator it should move"),
            _("Responsible"),
            _("Partners"),
            _("Start"),
            _("End"),
            _("Budget"),
            _("Status"),
            _("Progress (%)"),
            pgettext("work plan action", "Overdue"),
        ]
    ]
    for action in actions:
        rows.append(
            [
                str(action.priority.dimension),
                action.title,
                str(action.indicator),
                action.owner,
                action.partners,
                action.starts_on,
                action.ends_on,
                float(action.budget) if action.budget is not None else None,
                str(action.get_status_display()),
                action.progress,
                _("Yes") if action.is_overdue() else _("No"),
            ]
        )
    return xlsx_bytes(rows, _("Work plan"))

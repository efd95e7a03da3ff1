"""Spreadsheet exports; headers are translated like every other string a user sees."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook


def work_plan_xlsx(assessment: Any, actions: list[Any]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101  (a new workbook always has an active sheet)
    sheet.title = _("Work plan")[:31]
    sheet.append(
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
    )
    for action in actions:
        sheet.append(
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
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()

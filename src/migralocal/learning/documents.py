"""Files people download: the bilingual certificate PDF, QR codes, CSV and XLSX tables."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

import segno
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from migralocal.learning.models import Certificate

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def qr_svg(url: str, *, scale: int = 4) -> str:
    """An SVG QR code (no XML declaration, so it can sit inside HTML)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=scale, xmldecl=False, svgns=True)
    return buffer.getvalue().decode()


def certificate_pdf(certificate: Certificate, verify_url: str) -> bytes:
    """The certificate in Spanish and English on one page, with a QR code to the public check."""
    from weasyprint import HTML

    course = certificate.enrolment.course
    versions = []
    for language in ("es", "en"):
        with translation.override(language):
            versions.append(
                {
                    "language": language,
                    "course_title": course.safe_translation_getter(
                        "title", language_code=language, any_language=True
                    ),
                    "html": render_to_string(
                        "learning/certificate_text.html",
                        {
                            "certificate": certificate,
                            "course_title": course.safe_translation_getter(
                                "title", language_code=language, any_language=True
                            ),
                        },
                    ),
                }
            )
    html = render_to_string(
        "learning/certificate_pdf.html",
        {
            "certificate": certificate,
            "versions": versions,
            "qr": qr_svg(verify_url, scale=3),
            "verify_url": verify_url,
        },
    )
    return HTML(string=html).write_pdf()


def table_response(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], file_format: str
) -> HttpResponse:
    """A table as a CSV (UTF-8 with BOM, so spreadsheets read accents) or XLSX download."""
    if file_format == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append([str(header) for header in headers])
        for row in rows:
            sheet.append([value if isinstance(value, int | float) else str(value) for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([str(header) for header in headers])
    writer.writerows(rows)
    return response

"""Files people download: the bilingual certificate PDF and QR codes."""

from __future__ import annotations

import io

import segno
from django.template.loader import render_to_string
from django.utils import translation

from migralocal.learning.models import Certificate


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

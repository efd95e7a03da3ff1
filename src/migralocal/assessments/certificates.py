"""The bilingual certificate (PDF by WeasyPrint) and its QR code (segno) to the public page."""

from __future__ import annotations

from typing import Any

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from migralocal.assessments.models import Certificate


def qr_svg(url: str) -> SafeString:
    """An inline SVG QR code; segno writes only its own markup and the escaped URL."""
    return mark_safe(segno.make(url, error="m").svg_inline(scale=4, title=url))  # noqa: S308  # nosec B308


def certificate_texts(certificate: Certificate) -> list[dict[str, Any]]:
    """The certificate's wording in every language of the installation, for one page."""
    texts = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            texts.append(
                {
                    "code": code,
                    "name": name,
                    "country": certificate.assessment.country.safe_translation_getter(
                        "name", language_code=code, any_language=True
                    ),
                    "html": render_to_string(
                        "assessments/includes/certificate_text.html", {"certificate": certificate}
                    ),
                }
            )
    return texts


def certificate_pdf(certificate: Certificate, verification_url: str) -> bytes:
    from weasyprint import HTML  # imported here: it loads system libraries that pages don't need

    html = render_to_string(
        "assessments/certificate_pdf.html",
        {
            "certificate": certificate,
            "texts": certificate_texts(certificate),
            "verification_url": verification_url,
            "qr": qr_svg(verification_url),
        },
    )
    return bytes(HTML(string=html).write_pdf())

"""The translators' files: XLIFF 1.2 and CSV, written from the missing content and read back.

XLIFF is what translation tools (OmegaT, Poedit, Weblate, memoQ…) open; CSV is for a translator
who works in a spreadsheet. Both carry, for each field to translate, its stable id (see
`content_translation.unit_id`), the source text (Spanish), the English text when there is one
(XLIFF: a `<note>`), and an empty target to fill.

Reading is safe for files from anywhere: size and text checked first (core/uploads.py), an XML
document type or entity refused before the parser sees it, and the parser told not to resolve
entities, load a DTD or touch the network.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from lxml import etree

from migralocal.core import exports
from migralocal.core.content_translation import Unit, default_language

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
CSV_COLUMNS = ("id", "module", "item", "field", "source", "english", "target")
XLIFF_EXTENSIONS = (".xlf", ".xliff")
EXTENSIONS = (*XLIFF_EXTENSIONS, ".csv")
# More units than the whole platform holds fields to translate is not a real file.
MAX_UNITS = 50_000


def _q(name: str) -> str:
    return f"{{{XLIFF_NS}}}{name}"


def xliff(units: Iterable[Unit], language: str, *, original: str = "migralocal") -> bytes:
    """An XLIFF 1.2 document: one `<file>` with a `<trans-unit>` per field, target empty."""
    root = etree.Element(_q("xliff"), nsmap={None: XLIFF_NS}, version="1.2")
    file = etree.SubElement(
        root,
        _q("file"),
        original=original,
        datatype="plaintext",
        **{"source-language": default_language(), "target-language": language},
    )
    body = etree.SubElement(file, _q("body"))
    for unit in units:
        element = etree.SubElement(body, _q("trans-unit"), id=unit.id, resname=unit.field)
        element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        etree.SubElement(element, _q("source")).text = exports.xml_text(unit.source)
        etree.SubElement(element, _q("target"), state="needs-translation").text = ""
        etree.SubElement(element, _q("note"), **{"from": "item"}).text = exports.xml_text(unit.item)
        if unit.english:
            etree.SubElement(element, _q("note"), **{"from": "en"}).text = exports.xml_text(
                unit.english
            )
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def csv_text(units: Iterable[Unit]) -> str:
    """A CSV with a header row; the `target` column is empty. Written like every table the
    platform offers (core/exports.py): a byte-order mark, and text that starts like a
    spreadsheet formula kept as text."""
    rows = (
        [unit.id, unit.module, unit.item, unit.field, unit.source, unit.english, ""]
        for unit in units
    )
    return exports.csv_text([CSV_COLUMNS, *rows])


@dataclass(frozen=True)
class Entry:
    """One translated field as the file gives it, and where it is (for error messages)."""

    where: str
    id: str
    target: str


def _decoded(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("The file is not UTF-8 text."), code="encoding") from error


def _too_many() -> ValidationError:
    return ValidationError(
        _("The file has more than %(limit)d translations.") % {"limit": MAX_UNITS},
        code="too_many",
    )


def read_csv(content: bytes) -> list[Entry]:
    """The rows of a translator's CSV: the `id` and `target` columns must be there."""
    text = _decoded(content)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        columns = set(reader.fieldnames or ())
        if not {"id", "target"} <= columns:
            raise ValidationError(
                _("The CSV file must have the columns %(columns)s.")
                % {"columns": ", ".join(CSV_COLUMNS)},
                code="columns",
            )
        entries: list[Entry] = []
        for row in reader:
            if len(entries) >= MAX_UNITS:
                raise _too_many()
            # The header is line 1: the first translation is on line 2.
            where = _("line %(number)d") % {"number": reader.line_num}
            entries.append(Entry(where, str(row.get("id") or "").strip(), row.get("target") or ""))
    except csv.Error as error:
        raise ValidationError(
            _("The CSV file could not be read: %(error)s") % {"error": error}, code="csv"
        ) from error
    return entries


def _refuse_doctype(content: bytes) -> None:
    """An XLIFF file has no document type; one with a DTD or entities (the way to an XXE or a
    billion laughs) is refused before it is parsed."""
    head = content.upper()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise ValidationError(
            _("The file declares a document type or entities, which are not allowed."),
            code="doctype",
        )


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _text(element: etree._Element | None) -> str:
    """All the text of an element, inline markup (`<g>`, `<x/>`) included as text."""
    if element is None:
        return ""
    return "".join(element.itertext())


def read_xliff(content: bytes, language: str) -> list[Entry]:
    """The units of an XLIFF 1.2 file translated from the default language into `language`."""
    _refuse_doctype(content)
    try:
        root = etree.fromstring(content, parser=_parser())
    except etree.XMLSyntaxError as error:
        raise ValidationError(
            _("The file is not valid XML: %(error)s") % {"error": error}, code="xml"
        ) from error
    if root.tag != _q("xliff") or root.get("version") != "1.2":
        raise ValidationError(_("The file is not an XLIFF 1.2 document."), code="xliff")
    entries: list[Entry] = []
    for file in root.iter(_q("file")):
        source = file.get("source-language", "")
        target = file.get("target-language", "")
        if source.lower() != default_language() or target.lower() != language:
            raise ValidationError(
                _(
                    "The file translates from %(source)s into %(target)s; this import expects "
                    "%(expected_source)s into %(expected_target)s."
                )
                % {
                    "source": source or "?",
                    "target": target or "?",
                    "expected_source": default_language(),
                    "expected_target": language,
                },
                code="language",
            )
        for unit in file.iter(_q("trans-unit")):
            if len(entries) >= MAX_UNITS:
                raise _too_many()
            unit_id = unit.get("id", "")
            where = _("unit %(id)s") % {"id": unit_id or f"#{len(entries) + 1}"}
            entries.append(Entry(where, unit_id.strip(), _text(unit.find(_q("target")))))
    return entries

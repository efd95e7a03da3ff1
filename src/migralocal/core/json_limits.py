"""JSON nested deeper than any record of the platform is refused before it is parsed.

Python's parser recurses once per level and gives up with a RecursionError (a server error)
somewhere near a thousand; a depth check after parsing would come too late. The text is scanned
instead, without recursion, counting brackets outside strings. Used by the API's JSON parser and
by every import that reads JSON.
"""

from __future__ import annotations

import codecs
import json
import re
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.utils import json as drf_json

# A string (with its escapes) or one bracket: strings are skipped whole, so brackets inside
# them do not count.
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[\[\]{}]', re.DOTALL)


class JSONTooDeep(ValueError):
    """The JSON nests objects and lists more deeply than MAX_JSON_DEPTH."""


def max_json_depth() -> int:
    return int(settings.MAX_JSON_DEPTH)


def too_deep_message(limit: int) -> str:
    return _("The JSON nests objects or lists more than %(limit)d levels deep.") % {"limit": limit}


def check_json_depth(text: str, limit: int | None = None) -> None:
    """Raise JSONTooDeep if objects and lists in `text` nest more than `limit` levels."""
    limit = max_json_depth() if limit is None else limit
    depth = 0
    for match in _TOKENS.finditer(text):
        piece = match.group()
        if piece in "[{":
            depth += 1
            if depth > limit:
                raise JSONTooDeep(too_deep_message(limit))
        elif piece in "]}":
            depth -= 1


def loads(text: str | bytes, limit: int | None = None) -> Any:
    """`json.loads`, refusing too deep a document with JSONTooDeep (a ValueError) first."""
    if isinstance(text, bytes):
        text = text.decode("utf-8-sig")
    check_json_depth(text, limit)
    return json.loads(text)


def load(stream: IO[bytes], limit: int | None = None) -> Any:
    return loads(stream.read(), limit)


class DepthLimitedJSONParser(JSONParser):
    """DRF's JSON parser, answering 400 with a clear message to a body nested too deeply. (DRF
    reads the body through `request.body`, so DATA_UPLOAD_MAX_MEMORY_SIZE already applies.)"""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = codecs.getreader(encoding)(stream).read()
            check_json_depth(text)
            parse_constant = drf_json.strict_constant if self.strict else None
            return drf_json.loads(text, parse_constant=parse_constant)
        except JSONTooDeep as problem:
            raise ParseError(str(problem)) from problem
        except ValueError as problem:
            raise ParseError(_("JSON parse error - %(error)s") % {"error": problem}) from problem

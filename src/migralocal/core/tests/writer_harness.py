"""Send one API change from a process of its own, at a moment the test chooses, as one web
process of an installation would; prints the response's status code.

    python -m migralocal.core.tests.writer_harness WORKDIR NAME URL BODY_JSON ETAG

The process sets itself up, writes WORKDIR/NAME.ready and waits for WORKDIR/go, so that every
writer of a test sends at the same moment. The token is read from MIGRALOCAL_TEST_TOKEN.
Test-only.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import django

WAIT_SECONDS = 60


def main(workdir: Path, name: str, url: str, body: str, etag: str) -> int:
    django.setup()
    from rest_framework.test import APIClient

    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Token {os.environ['MIGRALOCAL_TEST_TOKEN']}")
    (workdir / f"{name}.ready").touch()
    deadline = time.monotonic() + WAIT_SECONDS
    while not (workdir / "go").exists():
        if time.monotonic() > deadline:
            return 2
        time.sleep(0.005)
    response = client.patch(url, json.loads(body), format="json", HTTP_IF_MATCH=etag)
    print(response.status_code)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), *sys.argv[2:6]))

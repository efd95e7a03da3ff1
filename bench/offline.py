"""The offline site: what the service worker keeps for the directory, and how long a hub's
offline consultations take to send (docs/offline.md).

    python bench/offline.py [RECORDS]

Uses a throwaway SQLite database with the test world (two hubs, a referral pathway), served by
a live server thread. Prints:

1. the bytes the service worker keeps after a visitor who is not signed in opens the home page,
   the directory list, a hub's printable sheet and a referral pathway in Debian's Chromium
   (pages and static files, as stored: uncompressed);
2. the time to send RECORDS (default 200) consultations recorded offline, one request each as
   offline-record.js sends them, through the whole middleware stack; and the time to send them
   all a second time, when every one is refused as already recorded.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
WORKDIR = tempfile.mkdtemp(prefix="migralocal-offline-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/bench.sqlite3"
os.environ["MEDIA_ROOT"] = WORKDIR
os.environ["STATIC_ROOT"] = f"{WORKDIR}/static"
os.makedirs(os.environ["STATIC_ROOT"])
os.environ["DJANGO_SETTINGS_MODULE"] = "migralocal.settings_test"
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop in this thread

import django  # noqa: E402

django.setup()

from django.contrib.staticfiles.handlers import StaticFilesHandler  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.testcases import LiveServerThread  # noqa: E402
from django.utils import timezone  # noqa: E402

from migralocal.consultations.models import Consultation  # noqa: E402
from migralocal.consultations.tests.helpers import topic  # noqa: E402
from migralocal.core.tests.world import build_world  # noqa: E402
from migralocal.directory.tests.helpers import world_hubs  # noqa: E402
from tests.browser.test_offline import a_pathway, wait_kept  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
KEPT_BYTES = """async () => {
    const sizes = {};
    for (const name of await caches.keys()) {
        let total = 0;
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
            total += (await (await cache.match(request)).arrayBuffer()).byteLength;
        }
        sizes[name] = [(await cache.keys()).length, total];
    }
    return sizes;
}"""


def kept_for_the_directory(base_url: str, pages: list[str]) -> dict[str, list[int]]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox"], headless=True
        )
        context = browser.new_context(base_url=base_url, locale="es-ES")
        page = context.new_page()
        page.goto(pages[0])
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        for address in pages[1:]:
            page.goto(address)
        wait_kept(page, "migralocal-pages-", len(pages))
        sizes = page.evaluate(KEPT_BYTES)
        browser.close()
    return sizes


def send_all(client: Client, token: str, records: list[dict]) -> tuple[float, dict[int, int]]:
    statuses: dict[int, int] = {}
    began = time.perf_counter()
    for record in records:
        answer = client.post(
            "/es/consultations/record/offline/sync/",
            json.dumps(record),
            content_type="application/json",
            HTTP_X_CSRFTOKEN=token,
        )
        statuses[answer.status_code] = statuses.get(answer.status_code, 0) + 1
    return time.perf_counter() - began, statuses


def main() -> None:
    # A 409 per record sent twice is the expected answer, not a warning.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    call_command("migrate", verbosity=0)
    world = build_world()
    own, _other = world_hubs(world)
    pathway = a_pathway(world, own)

    server = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    base_url = f"http://127.0.0.1:{server.port}"
    pages = ["/es/", "/es/directory/", f"/es/directory/hubs/{own.slug}/sheet/"]
    pages.append(pathway.get_absolute_url())
    sizes = kept_for_the_directory(base_url, pages)
    server.terminate()
    print("Kept by the service worker after", ", ".join(pages))
    for name, (entries, total) in sorted(sizes.items()):
        print(f"  {name}: {entries} answers, {total / 1024:.1f} KiB")
    print(f"  total: {sum(total for _n, total in sizes.values()) / 1024:.1f} KiB")

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("hub_staff"))
    page = client.get("/es/consultations/record/offline/").content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    records = [
        {
            "client_id": str(uuid.uuid4()),
            "hub": own.pk,
            "date": timezone.localdate().isoformat(),
            "channel": "in_person",
            "topics": [topic("documents").pk, topic("health").pk],
            "gender": "female",
            "age_band": "18-29",
            "disability": "no",
            "preferred_language": "es",
            "needs": "Información sobre documentos",
            "information_given": "",
        }
        for _ in range(count)
    ]
    seconds, statuses = send_all(client, token, records)
    print(
        f"Sync of {count} offline consultations: {seconds:.2f} s "
        f"({seconds / count * 1000:.1f} ms each), answers {statuses}"
    )
    again, statuses = send_all(client, token, records)
    print(f"The same {count} sent again: {again:.2f} s, answers {statuses}")
    saved = Consultation.objects.filter(client_id__isnull=False).count()
    print(f"Consultations saved: {saved} (each once)")
    if saved != count:
        sys.exit(f"expected {count} consultations, found {saved}")


if __name__ == "__main__":
    main()

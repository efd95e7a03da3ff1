"""The migrant's phone journey: from /es/ to a hub's "Llamar" button, on a slow phone.

    .venv/bin/python bench/phone.py

1. Builds (once, kept under PHONE_BENCH_VAR, default var/phone-bench/) a SQLite database with the
   demo data (`manage.py migrate` and `manage.py demo`), and collects the static files with the
   production storage (hashed names, compressed copies).
2. Serves it with gunicorn, DEBUG off, as in production (PHONE_BENCH_PORT, default 8767), and
   warms it by running the journey twice unthrottled (a running server has served these pages
   before; the first render of an uncached page adds about half a second).
3. Drives Debian's Chromium through Playwright at 360x740, with the network throttled to
   DevTools' "Slow 3G" (2 s latency, 50 kB/s each way) and the CPU slowed 4x, from an empty cache:
   open /es/, tap the need (PHONE_BENCH_NEED, default "Trabajo y empleo"), tap the place
   (PHONE_BENCH_PLACE, default "San Pedro Sula"), and find a hub card's tel: "Llamar" link.
4. Prints the taps (counting the tap on "Llamar"), the bytes transferred (as sent on the wire,
   compressed) and the seconds the person waits: for each of the three pages, from the tap
   (navigation start) to its load event, added up (the wall time, which also counts
   Playwright's own handling of each tap, is printed beside it); with the budget of the journey:
   at most 3 taps, 120 KB and 10 s. Exits 1 when over budget.
"""

from __future__ import annotations

import base64
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
VAR = Path(os.environ.get("PHONE_BENCH_VAR", str(ROOT / "var" / "phone-bench")))
PORT = int(os.environ.get("PHONE_BENCH_PORT", "8767"))
NEED = os.environ.get("PHONE_BENCH_NEED", "Trabajo y empleo")
PLACE = os.environ.get("PHONE_BENCH_PLACE", "San Pedro Sula")
SCREENSHOTS = os.environ.get("PHONE_BENCH_SCREENSHOTS", "")  # a folder: one picture per page
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
VIEWPORT = {"width": 360, "height": 740}
# DevTools' "Slow 3G" preset.
SLOW_3G = {
    "offline": False,
    "latency": 2000,
    "downloadThroughput": 500 * 1000 / 8 * 0.8,
    "uploadThroughput": 500 * 1000 / 8 * 0.8,
}
CPU_SLOWDOWN = 4
BUDGET_TAPS, BUDGET_KB, BUDGET_SECONDS = 3, 120, 10.0


# A fixed key for the bench's throw-away database only (the demo's accounts encrypt a secret).
BENCH_KEY = base64.urlsafe_b64encode(b"phone-bench-only-not-a-real-key!").decode()


def environment() -> dict[str, str]:
    return {
        "CONSULTATIONS_ENCRYPTION_KEYS": BENCH_KEY,
        **os.environ,
        "DATABASE_URL": f"sqlite:///{VAR / 'phone.sqlite3'}",
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "phone-bench-only-not-a-secret"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(VAR / "static"),
        "MEDIA_ROOT": str(VAR / "media"),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "migralocal.settings",
        "PYTHONPATH": str(ROOT / "src"),
    }


def manage(*arguments: str) -> None:
    subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), *arguments],
        env=environment(),
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def prepare() -> None:
    VAR.mkdir(parents=True, exist_ok=True)
    ready = VAR / "demo-loaded"
    if not ready.exists():
        began = time.perf_counter()
        manage("migrate", "--noinput")
        manage("demo")
        ready.touch()
        print(f"Demo database built in {time.perf_counter() - began:.0f} s")
    manage("collectstatic", "--noinput")


def start_server() -> subprocess.Popen[bytes]:
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", PORT)) == 0:
            raise RuntimeError(f"port {PORT} is taken: set PHONE_BENCH_PORT")
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "migralocal.wsgi:application",
        "--bind",
        f"127.0.0.1:{PORT}",
        "--workers",
        "2",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env=environment(), cwd=ROOT, start_new_session=True)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/es/", timeout=5)
            return server
        except OSError:
            if server.poll() is not None:
                raise RuntimeError("gunicorn stopped while starting") from None
            time.sleep(0.5)
    stop_server(server)
    raise RuntimeError("gunicorn did not answer within 60 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def navigation_timing(page: Any) -> tuple[float, str]:
    """How long the person waited for this page, from the tap (navigation start) to its load
    event, in seconds; and the milestones of that wait."""
    timing = page.evaluate(
        "() => { const t = performance.getEntriesByType('navigation')[0];"
        " return [t.requestStart, t.responseEnd, t.domContentLoadedEventEnd, t.loadEventEnd]"
        ".map(Math.round); }"
    )
    names = ("request sent", "HTML received", "DOM ready", "loaded")
    return timing[-1] / 1000, ", ".join(
        f"{name} {ms / 1000:.1f} s" for name, ms in zip(names, timing, strict=True)
    )


def journey(base_url: str, *, throttled: bool = True) -> dict[str, Any]:
    """Drive the journey once from an empty browser cache; return taps, bytes, seconds and the
    pages. Unthrottled, it only warms the server (as any visitor before this one would have)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        context = browser.new_context(
            base_url=base_url, viewport=VIEWPORT, is_mobile=True, has_touch=True, locale="es-ES"
        )
        page = context.new_page()
        page.set_default_timeout(120_000)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
        if throttled:
            cdp.send("Network.emulateNetworkConditions", SLOW_3G)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        transferred: dict[str, float] = {}
        urls: dict[str, str] = {}
        cdp.on(
            "Network.requestWillBeSent",
            lambda event: urls.__setitem__(event["requestId"], event["request"]["url"]),
        )
        cdp.on(
            "Network.loadingFinished",
            lambda event: transferred.__setitem__(event["requestId"], event["encodedDataLength"]),
        )
        pages = []
        began = time.perf_counter()
        page.goto("/es/", wait_until="load")
        pages.append((page.url, *navigation_timing(page)))
        if SCREENSHOTS and throttled:
            page.screenshot(path=str(Path(SCREENSHOTS) / f"phone-{len(pages)}.png"))
        taps = 0
        # CSS and text selectors: the accessible-name lookup of get_by_role runs in the slowed
        # page and would add the harness's own time to the journey's wall time.
        page.locator("a.choice", has_text=NEED).first.tap()
        taps += 1
        page.wait_for_url("**need=*", wait_until="load")
        pages.append((page.url, *navigation_timing(page)))
        if SCREENSHOTS and throttled:
            page.screenshot(path=str(Path(SCREENSHOTS) / f"phone-{len(pages)}.png"))
        page.locator("a.choice", has_text=PLACE).first.tap()
        taps += 1
        page.wait_for_url("**municipality=*", wait_until="load")
        pages.append((page.url, *navigation_timing(page)))
        if SCREENSHOTS and throttled:
            page.screenshot(path=str(Path(SCREENSHOTS) / f"phone-{len(pages)}.png"))
        wall = time.perf_counter() - began
        call = page.locator(".hub-card a[href^='tel:']").first
        call.wait_for(state="visible")
        label = " ".join(call.inner_text().split())
        taps += 1  # the tap on "Llamar" itself
        # Let late requests (none are expected) finish before counting.
        page.wait_for_timeout(500)
        browser.close()
    return {
        "taps": taps,
        "bytes": sum(transferred.values()),
        "requests": [(urls.get(key, key), size) for key, size in transferred.items()],
        "seconds": sum(waited for _url, waited, _timing in pages),
        "wall": wall,
        "pages": pages,
        "call": label,
    }


def main() -> int:
    prepare()
    server = start_server()
    try:
        # A running server has served these pages before: warm its workers and page cache.
        for _worker in range(2):
            journey(f"http://127.0.0.1:{PORT}", throttled=False)
        result = journey(f"http://127.0.0.1:{PORT}")
    finally:
        stop_server(server)
    kilobytes = result["bytes"] / 1024
    for url, waited, timing in result["pages"]:
        print(f"  {waited:4.1f} s  {url} ({timing})")
    print(f"  button: {result['call']}")
    print(f"taps: {result['taps']} (budget {BUDGET_TAPS})")
    for url, size in result["requests"]:
        print(f"  {size / 1024:6.1f} KB  {url}")
    requests = len(result["requests"])
    print(f"transferred: {kilobytes:.1f} KB in {requests} requests (budget {BUDGET_KB})")
    print(
        f"seconds: {result['seconds']:.1f} waiting for the three pages on Slow 3G, CPU 4x"
        f" (budget {BUDGET_SECONDS:.0f}); {result['wall']:.1f} s of wall time with the"
        " harness's own tap handling"
    )
    within = (
        result["taps"] <= BUDGET_TAPS
        and kilobytes <= BUDGET_KB
        and result["seconds"] < BUDGET_SECONDS
    )
    print("within budget" if within else "OVER BUDGET")
    return 0 if within else 1


if __name__ == "__main__":
    sys.exit(main())

"""Load benchmark: the production stack under 16 concurrent clients, against the framework's floor.

    .venv/bin/python bench/load.py                         # full size: 1,000,000 consultations
    LOAD_BENCH_SCALE=0.1 .venv/bin/python bench/load.py    # a tenth, for a quicker run

1. Fills a PostgreSQL database (LOAD_BENCH_DATABASE_URL, default
   postgres://postgres@127.0.0.1:5432/load_bench, created when missing and kept, so a second run
   only adds what is missing) with the synthetic installation of loadsite/synthetic.py: 2,000 hubs,
   20,000 services, 1,000,000 consultations, 500 municipalities with assessment rounds and
   50,000 learners, times LOAD_BENCH_SCALE; prints how long loading took.
2. Serves it with gunicorn (LOAD_BENCH_WORKERS processes, default 4) with DEBUG off, the
   product's settings from the environment (Redis cache when REDIS_URL is set) and one extra
   URL, /bench/floor/: a bare Django view returning a fixed small page (bench/loadsite/urls.py).
3. Drives each target with wrk on loopback (apt install wrk), after a 3 s warm-up that is not
   counted, with LOAD_BENCH_CLIENTS connections (default 16) for LOAD_BENCH_SECONDS (default
   20), and prints requests per second and p50/p95/p99 side by side with the floor, which is
   driven first and again last (pages are compared with the faster of the two). Targets: at
   least 40% of the floor's requests per second and p95 under 300 ms for public pages; at least
   25% and p95 under 150 ms for signed-in pages (each reader's own menu and rights, shared by
   readers with the same roles). Set REDIS_URL to measure the production cache (a file cache
   evicts entries at random once it holds a few hundred).
4. Profiles one request of the slowest page in-process and prints its top functions.

Before serving, it computes the results of a five-year programme over six countries (owning every
hub, event, course and round of the bench) three times with nothing cached, and prints the
seconds (target: under 2 s; docs/programmes.md has the figures measured); the results page is then
driven like the other signed-in pages, served from the shared cache. Loading ends with VACUUM
(ANALYZE), as autovacuum would soon after rows arrive: the reports count consultations and
referrals from their indexes alone only once the visibility map is set.

LOAD_BENCH_ONLY=hub,search drives only the targets whose label contains one of those words (and
the floor, always), for a quicker look at one page.

Targets are the TARGETS list below; one whose URL name does not exist yet (the reports app's
country dashboard) is skipped with a notice. Without PostgreSQL or wrk the benchmark says so
and stops.
"""

from __future__ import annotations

import cProfile
import io
import json
import os
import pstats
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
SCALE = float(os.environ.get("LOAD_BENCH_SCALE", "1"))
DATABASE_URL = os.environ.get(
    "LOAD_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/load_bench"
)
WORKERS = int(os.environ.get("LOAD_BENCH_WORKERS", "4"))
CLIENTS = int(os.environ.get("LOAD_BENCH_CLIENTS", "16"))
SECONDS = int(os.environ.get("LOAD_BENCH_SECONDS", "20"))
WARM_UP_SECONDS = 3
PORT = int(os.environ.get("LOAD_BENCH_PORT", "8765"))
VAR = Path(os.environ.get("LOAD_BENCH_VAR", str(ROOT / "var" / "load-bench")))
ONLY = [word.strip() for word in os.environ.get("LOAD_BENCH_ONLY", "").split(",") if word.strip()]
RPS_SHARE, P95_LIMIT_MS = 0.40, 300.0
SIGNED_IN_RPS_SHARE, SIGNED_IN_P95_LIMIT_MS = 0.25, 150.0

WRK_REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "non_2xx": %d, "socket_errors": %d, '
    .. '"p50": %d, "p95": %d, "p99": %d}\\n',
    summary.requests, summary.duration, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def environment() -> dict[str, str]:
    """Production-like settings: DEBUG off, PostgreSQL, persistent connections, plain HTTP on
    loopback, API throttles that count but never refuse."""
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "load-bench-only-not-a-secret"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
        # Every request comes from one address: a rate it never reaches, over one second, so that
        # the throttle still runs but its history per address stays as short as a real
        # visitor's (a minute's history here would be tens of thousands of entries).
        "API_ANONYMOUS_RATE": "100000/second",
        "API_USER_RATE": "100000/second",
        "STATIC_ROOT": str(VAR / "static"),
        "MEDIA_ROOT": str(VAR / "media"),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "loadsite.settings",
        "PYTHONPATH": os.pathsep.join([str(BENCH), str(ROOT / "src")]),
    }


def setup_django() -> None:
    os.environ.update(environment())
    sys.path[:0] = [str(BENCH), str(ROOT / "src")]
    import django

    django.setup()


def ensure_database() -> bool:
    import psycopg

    server, name = DATABASE_URL.rsplit("/", 1)
    try:
        with psycopg.connect(f"{server}/postgres", connect_timeout=3, autocommit=True) as admin:
            exists = admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if not exists:
                admin.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        print(f"PostgreSQL is not reachable at {server} ({error}); the load benchmark needs it.")
        return False
    return True


# ------------------------------------------------------------------ targets


@dataclass(frozen=True)
class Target:
    label: str
    url_name: str
    path: Callable[[], str]
    signed_in: bool = False


def reversed_path(
    name: str, *args: Any, query: str = "", language: str = "es"
) -> Callable[[], str]:
    def build() -> str:
        from django.urls import reverse
        from django.utils import translation

        with translation.override(language):
            return reverse(name, args=args) + query

    return build


def first_hub_path() -> str:
    from django.urls import reverse
    from django.utils import translation

    from migralocal.directory.models import Hub

    hub = Hub.objects.filter(slug__startswith="synth-hub-").order_by("pk").first()
    assert hub is not None  # noqa: S101
    with translation.override("es"):
        return reverse("directory:hub_detail", args=[hub.slug])


def country_year_query() -> str:
    from django.utils import timezone

    return f"?country=HN&year={timezone.localdate().year}"


def area_dashboard_path() -> str:
    from django.urls import reverse
    from django.utils import timezone, translation

    from migralocal.core.models import Country

    honduras = Country.objects.get(code="HN")
    with translation.override("es"):
        url = reverse("consultations:area_dashboard")
    return f"{url}?country={honduras.pk}&year={timezone.localdate().year}"


TARGETS = [
    Target("floor: bare Django view", "bench_floor", reversed_path("bench_floor")),
    Target(
        "directory search ?q=salud",
        "directory:search",
        reversed_path("directory:search", query="?q=salud"),
    ),
    Target("directory search, no text", "directory:search", reversed_path("directory:search")),
    Target("hub page", "directory:hub_detail", first_hub_path),
    Target(
        "country dashboard, public",
        "reports:public",
        lambda: reversed_path("reports:public", query=country_year_query())(),
    ),
    Target("API list of services", "", lambda: "/api/v1/services/"),
    # Signed-in pages: rendered for each reader (their menu, their rights), figures shared.
    Target(
        "country dashboard, signed in",
        "reports:dashboard",
        lambda: reversed_path("reports:dashboard", query=country_year_query())(),
        signed_in=True,
    ),
    Target(
        "consultation figures, country",
        "consultations:area_dashboard",
        area_dashboard_path,
        signed_in=True,
    ),
    Target(
        "programme results, five years, six countries",
        "programmes:results",
        lambda: reversed_path("programmes:results", programme_slug())(),
        signed_in=True,
    ),
]


def programme_slug() -> str:
    from loadsite.synthetic import PROGRAMME_SLUG

    return PROGRAMME_SLUG


def cold_results_seconds() -> float:
    """How long the five-year programme's whole results take to compute with nothing cached:
    what the first reader after a change waits for (the target is under 2 s)."""
    from migralocal.programmes import results_selectors
    from migralocal.programmes.models import Programme

    programme = Programme.objects.get(slug=programme_slug())
    start, end = results_selectors.whole_programme(programme)
    began = time.perf_counter()
    results_selectors.results(programme, start, end)
    return time.perf_counter() - began


def chosen(target: Target) -> bool:
    return (
        not ONLY or target.url_name == "bench_floor" or any(word in target.label for word in ONLY)
    )


FLOOR_AGAIN = Target("floor, again at the end", "bench_floor", reversed_path("bench_floor"))


def url_exists(name: str) -> bool:
    from django.urls import NoReverseMatch, reverse

    if not name:
        return True
    try:
        reverse(name)
    except NoReverseMatch as error:
        return "arguments" in str(error)  # exists, but wants arguments
    return True


def manager_session_cookie() -> str:
    """A signed-in session of the bench's programme manager, stored where the workers read it."""
    from django.conf import settings
    from django.test import Client
    from loadsite.synthetic import MANAGER_EMAIL

    from migralocal.core.models import User

    client = Client()
    client.force_login(User.objects.get(email=MANAGER_EMAIL))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


# ------------------------------------------------------------------ serving and measuring


def collect_static() -> None:
    """collectstatic with the production storage (hashed names, gzip copies), skipped when the
    manifest is newer than every static file of the project."""
    from django.conf import settings
    from django.core.management import call_command

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    sources = [p for p in (ROOT / "src").rglob("static/**/*") if p.is_file()]
    if manifest.exists() and all(p.stat().st_mtime < manifest.stat().st_mtime for p in sources):
        return
    began = time.perf_counter()
    call_command("collectstatic", interactive=False, verbosity=0)
    print(f"Static files collected and compressed in {time.perf_counter() - began:.0f} s")


def start_server() -> subprocess.Popen[bytes]:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [
        str(gunicorn),
        "migralocal.wsgi:application",
        "--bind",
        f"127.0.0.1:{PORT}",
        "--workers",
        str(WORKERS),
        "--worker-class",
        "sync",
        "--backlog",
        "256",
        "--log-level",
        "warning",
        "--env",
        "DJANGO_SETTINGS_MODULE=loadsite.settings",
    ]
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", PORT)) == 0:
            raise RuntimeError(
                f"port {PORT} is taken: stop what listens there or set LOAD_BENCH_PORT"
            )
    server = subprocess.Popen(command, env=environment(), cwd=ROOT, start_new_session=True)  # noqa: S603
    try:
        wait_until_serving(server)
    except BaseException:
        stop_server(server)
        raise
    return server


def wait_until_serving(server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/bench/floor/", timeout=5)
            return
        except OSError:  # refused, reset or timed out while the workers boot
            if server.poll() is not None:
                raise RuntimeError("gunicorn stopped while starting") from None
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer within 120 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def check(path: str, cookie: str | None) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}")
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def drive(path: str, cookie: str | None, script: Path, seconds: int = SECONDS) -> dict[str, Any]:
    command = [
        "wrk",
        "--threads",
        "2",
        "--connections",
        str(CLIENTS),
        "--duration",
        f"{seconds}s",
        "--timeout",
        "10s",
        "--script",
        str(script),
        f"http://127.0.0.1:{PORT}{path}",
    ]
    if cookie:
        command[1:1] = ["--header", f"Cookie: {cookie}"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    line = next(row for row in done.stdout.splitlines() if row.startswith("RESULT "))
    result = json.loads(line[len("RESULT ") :])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def report(rows: list[tuple[Target, str, dict[str, Any]]]) -> None:
    floor = max(result["rps"] for target, _path, result in rows if target.url_name == "bench_floor")
    print(
        f"\n{CLIENTS} clients, {SECONDS} s each, {WORKERS} gunicorn workers, "
        f"scale {SCALE:g}\n"
        f"{'target':<32}{'req/s':>8}{'of floor':>10}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'errors':>8}  verdict"
    )
    for target, _path, result in rows:
        share = result["rps"] / floor if floor else 0.0
        p95 = result["p95"] / 1000
        errors = result["non_2xx"] + result["socket_errors"]
        ok = meets_targets(target, share, p95)
        print(
            f"{target.label:<32}{result['rps']:>8.1f}{share:>9.0%} {result['p50'] / 1000:>8.1f}"
            f"{p95:>9.1f}{result['p99'] / 1000:>9.1f}{errors:>8}  "
            f"{'meets the targets' if ok and not errors else 'MISSES the targets'}"
        )


def meets_targets(target: Target, share: float, p95: float) -> bool:
    if target.url_name == "bench_floor":
        return p95 < P95_LIMIT_MS
    if target.signed_in:
        return share >= SIGNED_IN_RPS_SHARE and p95 < SIGNED_IN_P95_LIMIT_MS
    return share >= RPS_SHARE and p95 < P95_LIMIT_MS


def profile(path: str, signed_in: bool) -> None:
    """One request of `path` in this process, under cProfile (after one warm-up request)."""
    from django.test import Client
    from loadsite.synthetic import MANAGER_EMAIL

    from migralocal.core.models import User

    client = Client()
    if signed_in:
        client.force_login(User.objects.get(email=MANAGER_EMAIL))
    client.get(path)
    profiler = cProfile.Profile()
    began = time.perf_counter()
    profiler.enable()
    response = client.get(path)
    profiler.disable()
    print(
        f"\nProfile of one request of {path} ({response.status_code}, "
        f"{(time.perf_counter() - began) * 1000:.0f} ms in-process), top 25 by cumulative time:"
    )
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(
        os.environ.get("LOAD_BENCH_PROFILE_SORT", "cumulative")
    ).print_stats(25)
    print(out.getvalue())


def main() -> None:
    if shutil.which("wrk") is None:
        print("Load benchmark skipped: wrk is not installed (Debian: apt-get install wrk).")
        return
    if not ensure_database():
        return
    setup_django()
    from django.core.management import call_command
    from loadsite import synthetic

    call_command("migrate", verbosity=0)
    print(f"Loading the synthetic installation at scale {SCALE:g} into {DATABASE_URL}")
    began = time.perf_counter()
    synthetic.load(SCALE)
    print(
        f"Loaded in {time.perf_counter() - began:.0f} s: "
        + ", ".join(f"{count:,} {name}" for name, count in synthetic.counts())
    )
    if chosen(TARGETS[-1]):
        cold = [cold_results_seconds() for _run in range(3)]
        print(
            "Programme results computed cold (five years, six countries): "
            + ", ".join(f"{seconds:.2f} s" for seconds in cold)
            + " (target: under 2 s)"
        )
    collect_static()
    cookie = manager_session_cookie()
    server = start_server()
    rows = []
    try:
        with tempfile.TemporaryDirectory() as directory:
            script = Path(directory) / "report.lua"
            script.write_text(WRK_REPORT)
            for target in filter(chosen, TARGETS):
                if not url_exists(target.url_name):
                    print(f"Skipped {target.label}: no URL named {target.url_name} yet.")
                    continue
                path = target.path()
                session = cookie if target.signed_in else None
                status = check(path, session)
                if status != 200:
                    print(f"Skipped {target.label}: {path} answered {status}.")
                    continue
                print(f"Driving {target.label}: {path}", flush=True)
                drive(path, session, script, WARM_UP_SECONDS)  # every worker warm, caches full
                rows.append((target, path, drive(path, session, script)))
            if len(rows) > 1:
                # The floor again, last: the machine's pace drifts over a run, and each page is
                # compared with the faster of the two floors.
                floor_target, floor_path, _first = rows[0]
                print(f"Driving {floor_target.label} again: {floor_path}", flush=True)
                rows.append((FLOOR_AGAIN, floor_path, drive(floor_path, None, script)))
    finally:
        stop_server(server)
    report(rows)
    pages = [row for row in rows if row[0].url_name != "bench_floor"]
    slowest = max(pages, key=lambda row: row[2]["p95"], default=None)
    if slowest:
        profile(slowest[1], slowest[0].signed_in)


if __name__ == "__main__":
    main()

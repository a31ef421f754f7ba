"""`make bench`: the site under gunicorn on PostgreSQL with the scale data, measured with wrk.

Every target is measured the same way (wrk, BENCH_CONNECTIONS connections, BENCH_DURATION
seconds) against the same server, in these modes:

- uncached: no cache at all (CACHE_URL=dummy://), for the profile, the compare page and
  the API list only (BENCH_UNCACHED=all measures every target), the state before issue 17;
- cold: a page-cache miss with the Redis cache (and the fragments in it) available:
  PAGE_CACHE_SECONDS=0, the state of a page after an invalidation;
- warm: anonymous pages from the Redis page cache;
- proxy: the warm server behind a real nginx proxy_cache (bench/front_cache.py), for the
  floor, the static file and the profile; the proxy's hit ratio comes from its log;
- campaign (bench/campaign.py): the readers' mix (bench/readers.lua) on the warm server for
  BENCH_CAMPAIGN_SECONDS alone, then again while 40 experts save drafts and an editor
  publishes, with the app cache's hit ratio counted from X-Cache; then the same pair with
  everything through the front cache and the readers paced to BENCH_READERS_RATE, whose
  p95 is the readers' experience (saturating wrk's p95 is only its queue); then that pair
  once more with the proxy and the readers' client first on the CPU (a real-time class,
  as root; BENCH_FRONT_FIRST=0 leaves it out), standing for a front cache on machines of
  its own.

Each mode is compared with two references measured in the same mode: (a) the framework
floor, /healthz, a fixed tiny JSON through the whole middleware stack, and (b) a static
file the size of a country profile page, served by whitenoise.

Targets are data: TARGETS below. A target whose URL does not answer 200 before its run is
reported as such and not measured, so a broken URL cannot pass for a fast one. Results go
to var/bench/ as JSON and Markdown; the detailed table is printed, then issue 17's target
table (bench/issue_table.py).
A benchmark, not a test: nothing is asserted; the run is bounded by BENCH_MAX_SECONDS.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import yaml

from bench import issue_table
from bench.campaign import Campaign, percentile
from bench.front_cache import FrontCache, first_on_the_cpu, hit_ratio, may_go_first

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/inventory_bench"
)
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/13")
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
DURATION = int(os.environ.get("BENCH_DURATION", "30"))
MAX_SECONDS = int(os.environ.get("BENCH_MAX_SECONDS", "1800"))
# gunicorn's rule of thumb for sync workers: 2 x cores + 1, for the 2-core target machine.
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * 2 + 1)))
SCALE_OPTIONS = os.environ.get("BENCH_SCALE_OPTIONS", "").split()
CAMPAIGN_SECONDS = int(os.environ.get("BENCH_CAMPAIGN_SECONDS", "60"))
CAMPAIGN_EXPERTS = int(os.environ.get("BENCH_CAMPAIGN_EXPERTS", "40"))
CAMPAIGN_FORM = os.environ.get("BENCH_CAMPAIGN_FORM", "section")
# The paced readers' offered load through the front cache, in requests a second: far above
# the inventory's real traffic, far below what the proxy serves.
READERS_RATE = int(os.environ.get("BENCH_READERS_RATE", "200"))
# The campaign's last pair runs the proxy and the readers' client first on the CPU, as the
# front tier on machines of its own (bench/front_cache.py); 0 leaves that pair out.
FRONT_FIRST = os.environ.get("BENCH_FRONT_FIRST", "1") != "0"
UNCACHED_ALL = os.environ.get("BENCH_UNCACHED", "") == "all"

STATIC_PATH = "bench/profile-page.html"
SECTION_SLUGS = [
    section["slug"]
    for section in yaml.safe_load((ROOT / "fixtures" / "sections.yaml").read_text())["sections"]
]
FIVE = "IT,DE,FR,AT,FI"


@dataclass
class Target:
    name: str
    path: str
    kind: str  # reference, api or page
    # Also measured without any cache (mode "uncached"); every target is with BENCH_UNCACHED=all.
    uncached: bool = False
    # Also measured through the front cache (mode "proxy").
    proxied: bool = False
    # Part of the readers' mix of the campaign scenario.
    read: bool = False


ALL_SECTIONS = ",".join(SECTION_SLUGS)
FLOOR = "/healthz"
STATIC = f"/static/{STATIC_PATH}"
TARGETS = [
    Target("(a) floor: /healthz", FLOOR, "reference", uncached=True, proxied=True),
    Target("(b) static file, profile size", STATIC, "reference", proxied=True),
    Target(
        "API policies, 3 filters",
        issue_table.API_LIST,
        "api",
        uncached=True,
        proxied=True,
        read=True,
    ),
    Target("API record detail", "/api/v1/countries/IT/systems/2023/", "api", read=True),
    Target(
        "API comparison 5x21",
        f"/api/v1/comparison/?countries={FIVE}&sections={ALL_SECTIONS}",
        "api",
        read=True,
    ),
    Target("API CSV 1,000 rows", "/api/v1/policies/?format=csv&page_size=1000", "api"),
    Target("country profile", issue_table.PROFILE, "page", uncached=True, proxied=True, read=True),
    Target(
        "compare 5x21",
        f"/compare/?countries={FIVE}&sections={ALL_SECTIONS}",
        "page",
        uncached=True,
        read=True,
    ),
    Target("section across countries", f"/sections/{SECTION_SLUGS[0]}/", "page", read=True),
    Target(
        "browse policies, 2 filters",
        "/policies/?country=IT&target_group=employed-adults",
        "page",
        read=True,
    ),
    Target("search", issue_table.SEARCH, "page"),
    Target("home with the map", "/", "page", read=True),
]
# mode: (CACHE_URL, PAGE_CACHE_SECONDS or None for the default)
MODES = {"uncached": ("dummy://", None), "cold": (CACHE_URL, "0"), "warm": (CACHE_URL, None)}


@dataclass
class Result:
    target: str
    path: str
    mode: str
    status: int | None = None
    measured: bool = False
    rps: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    errors: int = 0
    error_detail: dict = field(default_factory=dict)
    bytes_per_response: int = 0
    peak_worker_mb: float = 0.0
    # Share answered from a cache: the proxy's (mode proxy) or the app's X-Cache (readers).
    cache_hit_ratio: float | None = None
    note: str = ""


def log(message):
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def app_env(cache_url, page_cache_seconds=None):
    page_cache = {"PAGE_CACHE_SECONDS": page_cache_seconds} if page_cache_seconds else {}
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "inventory.settings",
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": DATABASE_URL,
        "DB_CONN_MAX_AGE": "600",
        "CACHE_URL": cache_url,
        "LOG_LEVEL": "WARNING",
        # The issue's CSV target is 1,000 rows in one response; the default cap is 500.
        "API_MAX_PAGE_SIZE": "1000",
        # The bench measures rendering, not the rate limiter: wrk is one client.
        "API_THROTTLE_ANON": "1000000/second",
        "API_THROTTLE_USER": "1000000/second",
        **page_cache,
    }


def manage(*args, capture=False):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=app_env("dummy://"),
        check=True,
        text=True,
        capture_output=capture,
    )


def ensure_database():
    import psycopg2
    from psycopg2 import sql

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin = psycopg2.connect(DATABASE_URL.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            log(f"creating database {name}")
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()


def ensure_scale_data():
    manage("migrate", "--no-input", "-v0")
    check = "from guidance.data.scale_data import synthetic_content_exists as e; print(e())"
    if manage("shell", "-c", check, capture=True).stdout.strip().endswith("True"):
        log("scale data present")
        return None
    log("generating the scale data (generate_scale_data)")
    started = time.monotonic()
    manage("generate_scale_data", "-v0", *SCALE_OPTIONS)
    vacuum_analyze()
    return round(time.monotonic() - started, 1)


def vacuum_analyze():
    """Leave the tables as autovacuum would: bulk writes leave dead rows and no visibility
    map, which doubled the blocks the policy list read where autovacuum is off."""
    import psycopg2

    connection = psycopg2.connect(DATABASE_URL)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    connection.close()


def ensure_redis():
    import redis

    client = redis.Redis.from_url(CACHE_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        log("starting redis-server")
        subprocess.run(
            ["redis-server", "--bind", "127.0.0.1", "--daemonize", "yes", "--save", ""],
            check=True,
        )
        time.sleep(1)
        client.ping()
    return client


def write_static_reference():
    """collectstatic, then the rendered profile page as a static file of the same size."""
    manage("collectstatic", "--no-input", "-v0")
    target = ROOT / "var" / "staticfiles" / STATIC_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    render = (
        "from django.test import Client; import sys; "
        "sys.stdout.buffer.write(Client().get('/countries/IT/').content)"
    )
    html = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", render],
        cwd=ROOT,
        env=app_env("dummy://"),
        check=True,
        capture_output=True,
    ).stdout
    target.write_bytes(html)
    return len(html)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch_status(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


class Server:
    def __init__(self, cache_url, page_cache_seconds=None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "inventory.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(WORKERS),
                "--backlog",
                "2048",
                "--timeout",
                "120",
            ],
            cwd=ROOT,
            env=app_env(cache_url, page_cache_seconds),
        )
        deadline = time.monotonic() + 60
        while fetch_status(self.url + "/healthz") != 200:
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise RuntimeError("gunicorn did not start")
            time.sleep(0.3)
        self.warm_up()

    def warm_up(self):
        """A second of /healthz from many connections, unrecorded: every worker loads Django.

        Workers load the application on their first request; without this, the first
        target of a mode (the floor) would carry those loads in its tail.
        """
        subprocess.run(
            ["wrk", "-t1", f"-c{WORKERS * 2}", "-d1s", self.url + "/healthz"],
            capture_output=True,
            timeout=30,
            check=False,
        )

    def peak_worker_mb(self):
        """The largest peak resident set (VmHWM) among the workers, from /proc."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        peaks = []
        for pid in children.read_text().split():
            status = Path(f"/proc/{pid}/status")
            match = re.search(r"VmHWM:\s+(\d+) kB", status.read_text()) if status.exists() else None
            if match:
                peaks.append(int(match.group(1)) / 1024)
        return round(max(peaks, default=0.0), 1)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def run_wrk(url, duration=DURATION, script="report.lua", paths=(), rate=None, first=False):
    """wrk on `url`; with readers.lua, rotating over `paths` instead, and with `rate`, paced
    to about that many requests a second (readers.lua's think time) instead of saturating;
    `first` on the CPU, as the front tier it stands beside."""
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{duration}s", "--timeout", "30s"]
    command += ["-s", str(ROOT / "bench" / script), url, *(["--", *paths] if paths else [])]
    env = {**os.environ, "READERS_THINK_MS": str(CONNECTIONS * 1000 / rate) if rate else ""}
    completed = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=duration + 60,
        check=True,
        env=env,
        preexec_fn=first_on_the_cpu(first),
    )
    line = next(x for x in completed.stdout.splitlines() if x.startswith("BENCH_JSON "))
    return json.loads(line.removeprefix("BENCH_JSON "))


def measure(server, target, mode, started, base_url=None):
    """wrk on one target of `server` (or of the proxy at `base_url` in front of it)."""
    base_url = base_url or server.url
    result = Result(target.name, target.path, mode)
    result.status = fetch_status(base_url + target.path)  # in warm mode, this fills the cache
    if result.status != 200:
        result.note = f"not measured: answered {result.status}"
        return result
    if time.monotonic() - started > MAX_SECONDS:
        result.note = "not measured: BENCH_MAX_SECONDS reached"
        return result
    log(f"{mode:>8} {target.name}")
    data = run_wrk(base_url + target.path)
    fill(result, data, server)
    return result


def fill(result, data, server):
    """`result` with wrk's figures; not measured when no request completed."""
    seconds = data["duration_us"] / 1e6
    if not data["requests"]:
        result.note = f"no response completed within {seconds:.0f} s"
        result.errors = sum(data["errors"].values())
        return
    result.measured = True
    result.rps = round(data["requests"] / seconds, 1)
    result.p50_ms = round(data["p50_us"] / 1000, 2)
    result.p95_ms = round(data["p95_us"] / 1000, 2)
    result.p99_ms = round(data["p99_us"] / 1000, 2)
    result.error_detail = {k: v for k, v in data["errors"].items() if v}
    result.errors = sum(data["errors"].values())
    result.bytes_per_response = data["bytes"] // max(data["requests"], 1)
    result.peak_worker_mb = server.peak_worker_mb()


def ratios(results):
    """p95 and requests/s relative to the floor (a) and the static file (b), per mode."""
    rows = []
    for result in results:
        row = asdict(result)
        refs = {
            key: next(
                (r for r in results if r.mode == result.mode and r.path == path and r.measured),
                None,
            )
            for key, path in (("floor", "/healthz"), ("static", f"/static/{STATIC_PATH}"))
        }
        for key, ref in refs.items():
            ok = result.measured and ref is not None and ref.p95_ms and result.rps
            row[f"p95_x_{key}"] = round(result.p95_ms / ref.p95_ms, 2) if ok else None
            row[f"rps_share_of_{key}"] = round(result.rps / ref.rps, 3) if ok else None
        rows.append(row)
    return rows


def markdown(rows, meta):
    lines = [
        f"# Benchmark {meta['finished']}",
        "",
        f"wrk, {CONNECTIONS} connections, {DURATION} s per target; gunicorn {WORKERS} sync "
        f"workers; {meta['cpus']} CPUs shared by server, database and load generator. "
        f"Static reference: {meta['static_bytes']} bytes. Uncached: CACHE_URL=dummy://; "
        f"cold: {CACHE_URL} with PAGE_CACHE_SECONDS=0; warm: {CACHE_URL}; proxy: warm behind "
        f"nginx proxy_cache; readers: the campaign's readers' mix, {CAMPAIGN_SECONDS} s, alone "
        "and during the campaign.",
        "",
        "| target | mode | req/s | p50 ms | p95 ms | p99 ms | errors | p95 × floor | "
        "p95 × static | req/s ÷ floor | peak worker MB | cache hits | note |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        if not row["measured"]:
            lines.append(f"| {row['target']} | {row['mode']} | | | | | | | | | | | {row['note']} |")
            continue
        lines.append(
            "| {target} | {mode} | {rps} | {p50_ms} | {p95_ms} | {p99_ms} | {errors} | "
            "{p95_x_floor} | {p95_x_static} | {rps_share_of_floor} | {peak_worker_mb} | "
            "{cache_hit_ratio} | {note} |".format(**row)
        )
    return "\n".join(lines) + "\n"


def campaign_markdown(campaigns):
    return "".join(
        f"Campaign through {campaign['through']}: {campaign['experts']} experts saving a "
        f"{campaign['form']} form every {campaign['expert_interval_s']} s, "
        f"{campaign['saves']} saves, save p95 {campaign['save_p95_ms']} ms, "
        f"{campaign['expert_errors']} expert errors; editor: {campaign['publishes']} "
        f"publishes, {campaign['editor_errors']} errors. "
        f"{'; '.join(campaign['error_samples'])}\n"
        for campaign in campaigns or []
    )


def prepare_campaign():
    """The campaign's accounts and records (manage.py prepare_bench_campaign), as a dict."""
    out = manage("prepare_bench_campaign", f"--experts={CAMPAIGN_EXPERTS}", capture=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def measure_proxied(server, started):
    """The proxied targets through nginx in front of `server`, with the proxy's hit ratio."""
    front = FrontCache(OUT / "nginx", free_port(), f"127.0.0.1:{server.port}")
    results = []
    try:
        front.start()
        for target in (t for t in TARGETS if t.proxied):
            offset = front.log_offset()
            result = measure(server, target, "proxy", started, base_url=front.url)
            time.sleep(0.2)  # nginx writes its log line after the answer
            result.cache_hit_ratio = hit_ratio(front.cache_statuses(since=offset))
            results.append(result)
    finally:
        front.stop()
    return results


def read_mix(server, mode, campaign=None, front=None):
    """The readers' mix for BENCH_CAMPAIGN_SECONDS, with `campaign` running beside it.

    Straight at the app, wrk saturates it, and the app's X-Cache gives its hit ratio;
    through `front` (the front cache), the readers are paced to READERS_RATE, and the
    proxy's log gives its hit ratio.
    """
    paths = [t.path for t in TARGETS if t.read]
    base_url = front.url if front else server.url
    result = Result("readers' mix", " ".join(paths), mode)
    for path in paths:
        fetch_status(base_url + path)
    log(f"{mode:>8} readers' mix for {CAMPAIGN_SECONDS} s")
    offset = front.log_offset() if front else 0
    if campaign:
        campaign.start()
    rate = READERS_RATE if front else None
    first = bool(front and front.first)
    data = run_wrk(base_url, CAMPAIGN_SECONDS, "readers.lua", paths, rate=rate, first=first)
    fill(result, data, server)
    if front:
        time.sleep(0.2)  # nginx writes its log line after the answer
        statuses = front.cache_statuses(since=offset)
        del statuses["-"]  # the experts' and the editor's requests, which bypass the cache
        result.cache_hit_ratio = hit_ratio(statuses)
        result.note = f"paced to {READERS_RATE} req/s through nginx; proxy hit ratio"
        return result
    counted = data["x_cache"]
    total = sum(counted.values())
    result.cache_hit_ratio = round(counted["hit"] / total, 4) if total else None
    result.note = "X-Cache hit {hit}, miss {miss}, none {none}".format(**counted)
    return result


def campaign_summary(cast, outcome, base_url):
    return {
        "through": base_url,
        "experts": len(cast["experts"]),
        "form": CAMPAIGN_FORM,
        "expert_interval_s": 5,
        "saves": outcome.saves,
        "save_p50_ms": percentile(outcome.save_ms, 0.5),
        "save_p95_ms": percentile(outcome.save_ms, 0.95),
        "expert_errors": outcome.expert_errors,
        "publishes": outcome.publishes,
        "editor_errors": outcome.editor_errors,
        "error_samples": outcome.error_samples,
    }


def run_campaign_pair(server, cast, in_review, front=None):
    """Readers alone, then during a campaign publishing from `in_review`."""
    suffix = issue_table.PACED if front else ""
    if front and front.first:
        suffix += issue_table.FRONT_FIRST
    results = [read_mix(server, "readers" + suffix, front=front)]
    base_url = front.url if front else server.url
    campaign = Campaign(base_url, cast, CAMPAIGN_SECONDS, CAMPAIGN_FORM, in_review)
    log(f"{len(cast['experts'])} experts log in")
    campaign.log_in()
    results.append(read_mix(server, "readers+campaign" + suffix, campaign, front))
    first = suffix.endswith(issue_table.FRONT_FIRST)
    through = base_url + (" (the proxy and the readers first on the CPU)" if first else "")
    return results, campaign_summary(cast, campaign.join(), through)


def measure_campaign(server, cast):
    """The campaign three times: straight at the app, whose readers saturate it (the app
    cache's hit ratio and the share of throughput the campaign takes); then as production
    runs it, everything through the front cache with the readers at a steady rate (their
    p95), sharing the two cores with the app at equal priority, and again with the front
    tier first on the CPU (left out with BENCH_FRONT_FIRST=0, or where it may not be)."""
    firsts = [False]
    if FRONT_FIRST and may_go_first():
        firsts.append(True)
    elif FRONT_FIRST:
        log("not root: the campaign with the front tier first on the CPU is left out")
    shares = len(firsts) + 1
    results, direct = run_campaign_pair(server, cast, cast["in_review"][0::shares])
    summaries = [direct]
    for index, first in enumerate(firsts, start=1):
        front = FrontCache(OUT / "nginx", free_port(), f"127.0.0.1:{server.port}", first)
        try:
            front.start()
            in_review = cast["in_review"][index::shares]
            proxied, summary = run_campaign_pair(server, cast, in_review, front)
        finally:
            front.stop()
        results += proxied
        summaries.append(summary)
    return results, summaries


def run_modes(redis_client, cast, started):
    results, campaigns = [], []
    for mode, (cache_url, page_cache_seconds) in MODES.items():
        redis_client.flushdb()
        targets = [t for t in TARGETS if t.uncached or UNCACHED_ALL or mode != "uncached"]
        server = Server(cache_url, page_cache_seconds)
        try:
            results += [measure(server, target, mode, started) for target in targets]
            if mode == "warm":
                results += measure_proxied(server, started)
                readers, campaigns = measure_campaign(server, cast)
                results += readers
        finally:
            server.stop()
    return results, campaigns


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: run `make bench`, which installs it (apt-get install wrk).")
    if not shutil.which("nginx"):
        sys.exit(
            "nginx is not installed: run `make bench`, which installs it (apt-get install nginx)."
        )
    started = time.monotonic()
    ensure_database()
    generation_seconds = ensure_scale_data()
    redis_client = ensure_redis()
    cast = prepare_campaign()
    static_bytes = write_static_reference()
    results, campaigns = run_modes(redis_client, cast, started)
    rows = ratios(results)
    targets = issue_table.rows(rows, campaigns)
    meta = {
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "connections": CONNECTIONS,
        "duration_s": DURATION,
        "workers": WORKERS,
        "cpus": os.cpu_count(),
        "database": DATABASE_URL.rsplit("/", 1)[1],
        "cache": CACHE_URL,
        "static_bytes": static_bytes,
        "scale_data_generated_in_s": generation_seconds,
        "total_s": round(time.monotonic() - started, 1),
        "campaign_seconds": CAMPAIGN_SECONDS,
        "readers_rate": READERS_RATE,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    table = "\n".join(
        [markdown(rows, meta), campaign_markdown(campaigns), issue_table.markdown(targets)]
    )
    report = {"meta": meta, "results": rows, "campaigns": campaigns, "issue_17_targets": targets}
    for name in (f"bench-{stamp}", "latest"):
        (OUT / f"{name}.json").write_text(json.dumps(report, indent=2))
        (OUT / f"{name}.md").write_text(table)
    print()
    print(table)
    log(f"written to {OUT / f'bench-{stamp}.md'} and .json ({meta['total_s']} s)")


if __name__ == "__main__":
    main()

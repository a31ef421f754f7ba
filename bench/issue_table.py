"""Issue 17's target table, computed from one run's results (bench/run.py's rows).

"today" is the issue's own column, copied as the recorded baseline of two runs before the
work on issue 17; "this run" is computed from the rows of the run being reported.

The readers' p95 is read where it means the readers' experience: through the front cache,
at a steady offered load (modes "… proxy, paced"), with the front tier first on the CPU
("…, proxy first") as it would be on machines of its own; the same pair at equal priority
is shown beside it. Straight at the app, wrk saturates the two cores, and its p95 is only
the queue, connections over throughput: there the ratio measures the share of the CPU the
campaign takes, and is shown beside it too.
"""

PACED = ", proxy, paced"
FRONT_FIRST = ", proxy first"

API_LIST = "/api/v1/policies/?country=IT,DE,FR&target_group=employed-adults&stage=implementation"
PROFILE = "/countries/IT/"
SEARCH = "/search/?q=guidance"
COMPARE_PAGE = "/compare/?"
FLOOR = "/healthz"
STATIC_PREFIX = "/static/"


def _row(rows, mode, path=None, prefix=None):
    for row in rows:
        matches = row["path"] == path if path else row["path"].startswith(prefix)
        if row["mode"] == mode and matches and row["measured"]:
            return row
    return None


def _share_of_floor(rows, path=None, prefix=None, mode="cold"):
    row, floor = _row(rows, mode, path, prefix), _row(rows, mode, FLOOR)
    return row["rps"] / floor["rps"] if row and floor and floor["rps"] else None


def _p95_ratio(row, reference):
    return (
        row["p95_ms"] / reference["p95_ms"] if row and reference and reference["p95_ms"] else None
    )


def _errors(rows, campaigns):
    errors = sum(row["errors"] for row in rows)
    for campaign in campaigns or []:
        errors += campaign["expert_errors"] + campaign["editor_errors"]
    return errors


def _target(what, today, value, shown, target, met, aside=""):
    return {
        "what": what,
        "today": today,
        "this_run": (shown(value) + aside) if value is not None else "not measured",
        "value": value,
        "target": target,
        "met": None if value is None else met(value),
    }


def _percent(value):
    return f"{value * 100:.1f} %"


def _fine_percent(value):
    """Two decimals: at one, 99.95 % of hits reads as 100.0 %."""
    return f"{value * 100:.2f} %"


def _times(value):
    return f"{value:.2f}×"


def _readers_ratio(results, suffix):
    return _p95_ratio(
        _row(results, "readers+campaign" + suffix, prefix="/"),
        _row(results, "readers" + suffix, prefix="/"),
    )


def _readers_asides(results, shown_suffix):
    """The other pairs' ratios, beside the one the target is read from."""
    others = [
        ("proxy at equal priority", PACED),
        ("straight at the app, saturated", ""),
    ]
    asides = [
        f"{label}: {_times(ratio)}"
        for label, suffix in others
        if suffix != shown_suffix and (ratio := _readers_ratio(results, suffix)) is not None
    ]
    return f" ({'; '.join(asides)})" if asides else ""


def rows(results, campaigns):
    """The issue's table as dicts: what, today, this_run (text), value, target, met."""
    readers_suffix = PACED + FRONT_FIRST
    if _readers_ratio(results, readers_suffix) is None:
        readers_suffix = PACED
    direct_during = _row(results, "readers+campaign", prefix="/")
    proxied_profile = _row(results, "proxy", PROFILE)
    proxied_static = _row(results, "proxy", prefix=STATIC_PREFIX)
    return [
        _target(
            "anonymous cache hit ratio while 40 experts save drafts",
            "~0 (every save flushes)",
            direct_during["cache_hit_ratio"] if direct_during else None,
            _fine_percent,
            "≥ 99 %",
            lambda v: v >= 0.99,
        ),
        _target(
            "readers' p95 during the campaign vs the same run without it",
            "not measured",
            _readers_ratio(results, readers_suffix),
            _times,
            "≤ 1.2×",
            lambda v: v <= 1.2,
            _readers_asides(results, readers_suffix),
        ),
        _target(
            "cold country profile throughput, share of the floor's req/s",
            "0.5–0.6 %",
            _share_of_floor(results, PROFILE),
            _percent,
            "≥ 3 %",
            lambda v: v >= 0.03,
        ),
        _target(
            "cold API list with 3 filters, share of the floor's req/s",
            "1.3–1.6 %",
            _share_of_floor(results, API_LIST),
            _percent,
            "≥ 8 %",
            lambda v: v >= 0.08,
        ),
        _target(
            "cold compare 5 × 21, share of the floor's req/s",
            "1.4–1.9 %",
            _share_of_floor(results, prefix=COMPARE_PAGE),
            _percent,
            "≥ 6 %",
            lambda v: v >= 0.06,
        ),
        _target(
            "warm profile through the front cache, p95 vs the static file through the same proxy",
            "2.7–3.0× (no proxy)",
            _p95_ratio(proxied_profile, proxied_static),
            _times,
            "≤ 1.2×",
            lambda v: v <= 1.2,
        ),
        _target(
            "search for a common word, p95 vs the floor's p95",
            "268–507×",
            _p95_ratio(_row(results, "cold", SEARCH), _row(results, "cold", FLOOR)),
            _times,
            "≤ 10×",
            lambda v: v <= 10,
        ),
        _target("errors", "0", _errors(results, campaigns), str, "0", lambda v: v == 0),
    ]


def markdown(table):
    lines = [
        "## Issue 17 targets (cold = page-cache miss with the Redis cache on)",
        "",
        "| what | today (two runs, recorded baseline) | this run | target | met? |",
        "|---|---|---:|---|---|",
    ]
    for row in table:
        met = {True: "yes", False: "no", None: "–"}[row["met"]]
        lines.append(
            f"| {row['what']} | {row['today']} | {row['this_run']} | {row['target']} | {met} |"
        )
    return "\n".join(lines) + "\n"

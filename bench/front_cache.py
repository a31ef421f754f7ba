"""A real nginx proxy_cache in front of the bench's gunicorn (issue 17, item 3).

Debian's nginx runs in the foreground as the current user with everything (pid, temp
files, cache, logs) under var/bench/nginx, from bench/nginx.conf rendered with the ports.
Its access log records `$upstream_cache_status` per request, which gives the proxy's hit
ratio for any stretch of the run (`cache_statuses(since=offset)`).

Started `first` (root only), the proxy runs ahead of every ordinary process on the CPU:
on one machine, that stands for the production topology, where the front cache runs on
machines of its own (README "Scale"). A real-time class, not a lower niceness: in
8-second trials at niceness -10 the readers' p95 during the campaign still went from 1.1
to 3.0 ms; first on the CPU, from 0.71 to 0.74 ms (docs/benchmark.md). The kernel keeps
5 % of each second for ordinary processes whatever a real-time one does.
"""

import getpass
import grp
import os
import re
import shutil
import subprocess
import time
import urllib.request
from collections import Counter
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx.conf"
STATUS = re.compile(r" cache=(\S+)$")
FIRST_PRIORITY = 10


def render(prefix, listen_port, upstream):
    """The configuration text for a proxy on 127.0.0.1:`listen_port` in front of `upstream`."""
    values = {
        "@PREFIX@": str(prefix),
        "@LISTEN@": f"127.0.0.1:{listen_port}",
        "@UPSTREAM@": upstream,
        "@USER@": f"{getpass.getuser()} {grp.getgrgid(os.getgid()).gr_name}",
    }
    text = TEMPLATE.read_text()
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text


class FrontCache:
    """nginx started with `start()`, stopped with `stop()` (also when the bench fails)."""

    def __init__(self, prefix, listen_port, upstream, first=False):
        self.prefix = Path(prefix).resolve()
        self.first = first
        self.port = listen_port
        self.url = f"http://127.0.0.1:{listen_port}"
        self.upstream = upstream
        self.process = None

    @property
    def access_log(self):
        return self.prefix / "access.log"

    def start(self):
        shutil.rmtree(self.prefix, ignore_errors=True)
        self.prefix.mkdir(parents=True)
        conf = self.prefix / "nginx.conf"
        conf.write_text(render(self.prefix, self.port, self.upstream))
        self.process = subprocess.Popen(
            [
                "nginx",
                "-c",
                str(conf),
                "-p",
                str(self.prefix),
                "-e",
                str(self.prefix / "error.log"),
            ],
            preexec_fn=first_on_the_cpu(self.first),
        )
        deadline = time.monotonic() + 15
        while not self._answers():
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"nginx did not start; see {self.prefix / 'error.log'}")
            time.sleep(0.2)
        return self

    def _answers(self):
        try:
            with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def log_offset(self):
        return self.access_log.stat().st_size if self.access_log.exists() else 0

    def cache_statuses(self, since=0):
        """Counter of `$upstream_cache_status` (HIT, MISS, EXPIRED, STALE, UPDATING, -...)."""
        with self.access_log.open("rb") as log:
            log.seek(since)
            lines = log.read().decode(errors="replace").splitlines()
        return Counter(match.group(1) for line in lines if (match := STATUS.search(line)))

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def first_on_the_cpu(first):
    """A `preexec_fn` starting the program ahead of every ordinary process on the CPU
    (SCHED_FIFO, root only), or None to start it as usual."""
    if not first:
        return None
    return lambda: os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(FIRST_PRIORITY))


def may_go_first():
    """Whether programs may be started first on the CPU here (root, CAP_SYS_NICE)."""
    try:
        subprocess.run(["true"], preexec_fn=first_on_the_cpu(True), check=True)
    except (subprocess.SubprocessError, OSError):
        return False
    return True


def hit_ratio(statuses):
    """Share of requests the proxy answered itself (HIT, or STALE/UPDATING while refreshing)."""
    total = sum(statuses.values())
    served = statuses["HIT"] + statuses["STALE"] + statuses["UPDATING"] + statuses["REVALIDATED"]
    return round(served / total, 4) if total else None

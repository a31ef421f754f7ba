"""The collection campaign (issue 17, item 4): experts saving drafts while researchers read.

Each simulated expert is a real account (`manage.py prepare_bench_campaign`) with its own
session: it logs in through /admin/login/ with the CSRF token the page gave it, then every
EXPERT_INTERVAL seconds opens the admin change page of a section entry of its draft record
(or of the whole record: FORMS), posts back every field as rendered with the Markdown
text changed, and expects the admin's redirect. The
editor publishes one record in review a minute through the API's publish endpoint, with
its token (each campaign from its own share of the records in review). Readers are wrk
(bench/readers.lua), run by bench/run.py beside this.
"""

import contextlib
import os
import random
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin

import requests

from bench.admin_form import edit_first_written, form_fields

EXPERT_INTERVAL = 5.0
PUBLISH_INTERVAL = 60.0
MARKER = "Campaign note: "
TIMEOUT = 60
CLIENT_NICENESS = 10


@dataclass
class CampaignResult:
    saves: int = 0
    save_ms: list = field(default_factory=list)
    expert_errors: int = 0
    publishes: int = 0
    editor_errors: int = 0
    error_samples: list = field(default_factory=list)

    def expert_error(self, detail):
        self.expert_errors += 1
        if len(self.error_samples) < 5:
            self.error_samples.append(detail)


class PlainHttpSession(requests.Session):
    """Sends back the Secure cookies (session, CSRF) over the bench's plain HTTP.

    With DEBUG off the app marks its cookies Secure, which a browser only returns over
    HTTPS; the bench has no TLS, so the client plays the HTTPS browser.
    """

    def request(self, *args, **kwargs):
        response = super().request(*args, **kwargs)
        for cookie in self.cookies:
            cookie.secure = False
        return response


def log_in(base_url, username, password):
    """A session signed in through the admin's login form, CSRF token and all."""
    session = PlainHttpSession()
    login_url = urljoin(base_url, "/admin/login/")
    page = session.get(login_url, timeout=TIMEOUT)
    page.raise_for_status()
    fields = dict(form_fields(page.text, "login-form"))
    fields.update(username=username, password=password, next="/admin/")
    answer = session.post(login_url, data=fields, allow_redirects=False, timeout=TIMEOUT)
    if answer.status_code != 302:
        raise RuntimeError(f"login of {username} answered {answer.status_code}")
    return session


# What an expert saves: one section entry's change page (the "a draft section"),
# or the whole record page with its 21 section boxes and indicator values.
FORMS = {
    "section": ("entry", "sectionentry"),
    "record": ("record", "guidancesystem"),
}


def save_draft(session, base_url, expert, form="section"):
    """One save of the expert's change form; returns the POST's duration in ms."""
    key, model = FORMS[form]
    change_url = urljoin(base_url, f"/admin/guidance/{model}/{expert[key]}/change/")
    page = session.get(change_url, timeout=TIMEOUT)
    if page.status_code != 200:
        raise RuntimeError(f"change page answered {page.status_code}")
    fields = form_fields(page.text, f"{model}_form")
    fields = edit_first_written(fields, "body", MARKER, f"saved at {time.time():.3f}.")
    fields.append(("_continue", "Save and continue editing"))
    started = time.monotonic()
    answer = session.post(
        change_url,
        data=fields,
        headers={"Referer": change_url},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    elapsed_ms = (time.monotonic() - started) * 1000
    if answer.status_code != 302:
        raise RuntimeError(f"save answered {answer.status_code}")
    return elapsed_ms


def yield_to_the_server():
    """Lower this thread's CPU priority: the experts' browsers are not part of the system
    measured, and would be on other machines; here they share its two cores."""
    with contextlib.suppress(OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), CLIENT_NICENESS)


class Campaign:
    """Experts and the editor as threads, until `seconds` have passed."""

    def __init__(self, base_url, cast, seconds, form="section", in_review=None):
        self.base_url = base_url
        self.in_review = list(cast["in_review"] if in_review is None else in_review)
        self.form = form
        self.cast = cast
        self.seconds = seconds
        self.result = CampaignResult()
        self.lock = threading.Lock()
        self.stop_at = None
        self.threads = []
        self.sessions = {}

    def log_in(self):
        """Every expert logs in, before the measured stretch (a login hashes a password).

        Real campaigns spread the logins over the day; 40 at the same second would measure
        PBKDF2, not the saves.
        """
        threads = [
            threading.Thread(target=self._log_in, args=(expert,), daemon=True)
            for expert in self.cast["experts"]
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=4 * TIMEOUT)

    def _log_in(self, expert):
        try:
            session = log_in(self.base_url, expert["username"], self.cast["password"])
        except (requests.RequestException, RuntimeError, ValueError) as error:
            with self.lock:
                self.result.expert_error(f"{expert['username']}: {error}")
            return
        with self.lock:
            self.sessions[expert["username"]] = session

    def start(self):
        self.stop_at = time.monotonic() + self.seconds
        workers = [
            (self._expert, expert)
            for expert in self.cast["experts"]
            if expert["username"] in self.sessions
        ]
        workers.append((self._editor, self.cast["editor"]))
        for target, arg in workers:
            thread = threading.Thread(target=target, args=(arg,), daemon=True)
            thread.start()
            self.threads.append(thread)

    def join(self):
        for thread in self.threads:
            thread.join(timeout=self.seconds + 2 * TIMEOUT)
        return self.result

    def _sleep_until(self, moment):
        time.sleep(max(0.0, min(moment, self.stop_at) - time.monotonic()))
        return time.monotonic() < self.stop_at

    def _expert(self, expert):
        """Saves every EXPERT_INTERVAL s from a random offset, so the experts spread out."""
        yield_to_the_server()
        session = self.sessions[expert["username"]]
        next_save = time.monotonic() + random.uniform(0, EXPERT_INTERVAL)
        while self._sleep_until(next_save):
            next_save += EXPERT_INTERVAL
            try:
                elapsed = save_draft(session, self.base_url, expert, self.form)
            except (requests.RequestException, RuntimeError, ValueError) as error:
                with self.lock:
                    self.result.expert_error(f"{expert['username']}: {error}")
                continue
            with self.lock:
                self.result.saves += 1
                self.result.save_ms.append(elapsed)

    def _editor(self, editor):
        """Publishes the records in review, one a minute, the first half a minute in."""
        yield_to_the_server()
        session = requests.Session()
        session.headers["Authorization"] = f"Token {editor['token']}"
        waiting = list(self.in_review)
        next_publish = time.monotonic() + min(PUBLISH_INTERVAL, self.seconds) / 2
        while waiting and self._sleep_until(next_publish):
            next_publish += PUBLISH_INTERVAL
            record = waiting.pop(0)
            url = urljoin(
                self.base_url,
                f"/api/v1/countries/{record['country']}/systems/{self.cast['year']}/publish/",
            )
            try:
                answer = session.post(url, timeout=TIMEOUT)
                ok = answer.status_code == 200
            except requests.RequestException:
                ok = False
            with self.lock:
                self.result.publishes += ok
                self.result.editor_errors += not ok


def percentile(values, share):
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)

"""Survey submissions under concurrency: gunicorn on PostgreSQL, on loopback.

A bounded load: LOAD_LINKS different personal links (pending invitations of the generated
college), each filled once like a browser does it — GET /s/<token>/ (the form, the CSRF
cookie and token), then POST the answers — by LOAD_CLIENTS threads at once, until every link
is sent or LOAD_SECONDS pass. LOAD_DOUBLE links are sent twice by two clients at the same
moment (a double tap, two devices): the second must hear «уже заполнена», never store a
second response. Then gunicorn stops and the database is asked how many responses the
links got: exactly one each.

The client is http.client (no dependency); every submission is a new connection, as
gunicorn's sync workers close it after each response.

The floor, right after on the same gunicorn, database and client count: as many bare
one-row POSTs (/bench-floor/post/, served under the bench's settings only: no form, no CSRF,
one INSERT) as there were submissions. The figure's ratio is the floor's rate ÷ the
figure's — like every other ratio of the bench, how many times the floor's work one
submission costs.
"""

import http.client
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings

from . import config, databases
from .measure import Record, percentile

NAME = config.LOAD_NAME
FLOOR_NAME = config.LOAD_FLOOR_NAME
FLOOR_PATH = "/bench-floor/post/"
_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ALREADY_TEXT = "уже заполнена"


# --- in the database's process (manage.py bench --step load-…) -----------------------------


def _answers(questionnaire) -> dict[str, object]:
    """A plausible answer to every question, as the form posts it."""
    from mentorship.surveys.models import Question

    answers = {}
    for question in questionnaire.questions.prefetch_related("choices"):
        name = f"q_{question.pk}"
        if question.kind == Question.Kind.SCALE:
            answers[name] = "8"
        elif question.kind == Question.Kind.YES_NO:
            answers[name] = "yes"
        elif question.kind in Question.CHOICE_KINDS:
            first = question.choices.all()[:1]
            if first:
                answers[name] = [str(first[0].pk)]
        else:
            answers[name] = "Всё хорошо, спасибо."
    return answers


def _pending_links(count: int, payloads: dict) -> list[dict]:
    from mentorship.surveys.models import Invitation
    from mentorship.surveys.responses import SurveyError, invitation_check

    candidates = (
        Invitation.objects.filter(response__isnull=True)
        .select_related("wave__questionnaire", "person")
        .order_by("pk")
    )
    links = []
    for invitation in candidates.iterator(chunk_size=500):
        try:
            invitation_check(invitation=invitation)
        except SurveyError:
            continue
        questionnaire = invitation.wave.questionnaire
        if str(questionnaire.pk) not in payloads:
            payloads[str(questionnaire.pk)] = _answers(questionnaire)
        links.append({"token": invitation.token, "questionnaire": questionnaire.pk})
        if len(links) >= count:
            break
    return links


def links_prepare(count: int) -> dict:
    """Up to `count` links that accept an online response today, with the answers to post.
    When the college has fewer open links, new waves are opened for its current
    participants as the curator would (the load runs on a scratch copy)."""
    import datetime as dt

    from django.utils import timezone

    from accounts.roles import Role
    from mentorship.people.models import Person
    from mentorship.surveys.models import Questionnaire
    from mentorship.surveys.waves import wave_open

    from .pages import office_user

    payloads: dict[str, dict] = {}
    links = _pending_links(count, payloads)
    opened = 0
    if len(links) < count:
        curator = office_user(Role.CURATOR)
        today = timezone.localdate()
        questionnaires = Questionnaire.objects.filter(is_active=True).exclude(
            audience=Questionnaire.Audience.CURATOR
        )
        for questionnaire in questionnaires.order_by("pk"):
            wave_open(
                questionnaire=questionnaire,
                title=f"Замер нагрузки: {questionnaire.title}"[:200],
                closes_on=today + dt.timedelta(days=14),
                by=curator,
            )
            opened += 1
            links = _pending_links(count, payloads)
            if len(links) >= count:
                break
    return {"size": Person.objects.count(), "links": links, "payloads": payloads, "opened": opened}


def responses_count(tokens: list[str]) -> dict:
    from mentorship.bench.models import FloorPost
    from mentorship.surveys.models import Response

    stored = Response.objects.filter(invitation__token__in=tokens)
    per_link = Counter(stored.values_list("invitation__token", flat=True))
    return {
        "tokens": len(set(tokens)),
        "stored": sum(per_link.values()),
        "links_with_response": len(per_link),
        "links_with_more_than_one": sum(1 for n in per_link.values() if n > 1),
        "floor_rows": FloorPost.objects.count(),
    }


# --- the client -----------------------------------------------------------------------------


@dataclass
class Outcome:
    token: str
    kind: str  # "stored", "already", "error"
    total_ms: float
    post_ms: float | None = None
    detail: str = ""


def _request(port: int, method: str, path: str, body: bytes | None = None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        conn.close()


def _cookie(headers, name: str) -> str | None:
    for key, value in headers:
        if key.lower() == "set-cookie" and value.startswith(name + "="):
            return value.split(";", 1)[0].split("=", 1)[1]
    return None


def submit(port: int, token: str, answers: dict) -> Outcome:
    """One person: open the link, send the form."""
    path = f"/s/{token}/"
    started = time.perf_counter()
    try:
        status, headers, body = _request(port, "GET", path)
        if status != 200:
            return Outcome(token, "error", 0, detail=f"GET {status}")
        page = body.decode()
        if ALREADY_TEXT in page:
            return Outcome(token, "already", (time.perf_counter() - started) * 1000)
        csrf_cookie = _cookie(headers, "csrftoken")
        found = _CSRF_INPUT.search(page)
        if not csrf_cookie or not found:
            return Outcome(token, "error", 0, detail="нет CSRF в форме")
        form = urlencode({**answers, "csrfmiddlewaretoken": found.group(1)}, doseq=True)
        post_started = time.perf_counter()
        status, headers, body = _request(
            port,
            "POST",
            path,
            form.encode(),
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={csrf_cookie}",
            },
        )
        now = time.perf_counter()
        location = dict((k.lower(), v) for k, v in headers).get("location", "")
        if status == 302 and location.endswith(f"/s/{token}/done/"):
            kind, detail = "stored", ""
        elif status == 200 and ALREADY_TEXT in body.decode():
            kind, detail = "already", ""
        else:
            kind, detail = "error", f"POST {status}"
        return Outcome(
            token, kind, (now - started) * 1000, (now - post_started) * 1000, detail=detail
        )
    except (OSError, http.client.HTTPException) as error:
        return Outcome(token, "error", 0, detail=f"{type(error).__name__}: {error}")


def post_one_row(port: int, number: int) -> Outcome:
    """The floor's request: one bare POST that stores one row."""
    started = time.perf_counter()
    body = urlencode({"text": f"строка {number}"}).encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    try:
        status, _headers, _body = _request(port, "POST", FLOOR_PATH, body, headers)
    except (OSError, http.client.HTTPException) as error:
        return Outcome(str(number), "error", 0, detail=f"{type(error).__name__}: {error}")
    took = (time.perf_counter() - started) * 1000
    if status != 200:
        return Outcome(str(number), "error", took, detail=f"POST {status}")
    return Outcome(str(number), "stored", took, took)


def run_floor(port: int, count: int, *, clients: int, seconds: float):
    """count one-row POSTs by `clients` threads, until done or `seconds` pass."""

    def send(port, number, _answers):
        return post_one_row(port, int(number))

    jobs = [(str(number), {}) for number in range(count)]
    return run_clients(port, jobs, clients=clients, seconds=seconds, send=send)


def run_clients(
    port: int, jobs: list[tuple[str, dict]], *, clients: int, seconds: float, send=None
):
    """jobs run by `clients` threads, in order, until done or `seconds` pass; each job is
    sent by `send(port, token, answers)` (a survey submission unless told)."""
    send = send or submit
    outcomes: list[Outcome] = []
    lock = threading.Lock()
    position = 0
    deadline = time.monotonic() + seconds

    def worker():
        nonlocal position
        while time.monotonic() < deadline:
            with lock:
                if position >= len(jobs):
                    return
                token, answers = jobs[position]
                position += 1
            outcome = send(port, token, answers)
            with lock:
                outcomes.append(outcome)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes, time.perf_counter() - started, len(jobs) - position


# --- gunicorn -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# The options of the README's production command («Запуск приложения») beside --bind and
# --workers: the bench serves the load the way a college's server does. --preload imports
# the application once, in gunicorn's master, before it forks the workers, instead of once
# in each (~0.7 s of CPU). The load does not start before a worker answers, and alternating
# runs with and without it showed no difference in submissions per second beyond the
# machine's own spread.
PRODUCTION_OPTIONS = ("--preload",)


def gunicorn_command(port: int, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "mentorship.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        *PRODUCTION_OPTIONS,
        "--log-level",
        "warning",
    ]


class Gunicorn:
    def __init__(self, database_url: str, *, workers: int):
        self.port = free_port()
        self.log = config.bench_dir() / "gunicorn.log"
        command = gunicorn_command(self.port, workers)
        self.log_file = self.log.open("wb")
        self.process = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=databases.process_env(database_url),
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn не запустился, см. {self.log}")
            try:
                status, _headers, _body = _request(self.port, "GET", "/login/")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn не ответил за {timeout:.0f} с, см. {self.log}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log_file.close()


# --- the whole load step (in the orchestrating process) -----------------------------------------


def measure_load(database_url: str) -> list[Record]:
    """The load against a PostgreSQL database that already holds the college (it writes),
    then its floor on the same server: [the load, the floor]."""
    prepared = databases.step_json("load-prepare", database_url, str(config.LOAD_LINKS))
    links = prepared["links"]
    size = prepared["size"]
    if not links:
        error = "в базе нет ни одной открытой ссылки опроса"
        return [Record(NAME, "postgresql", size, error=error)]
    payloads = prepared["payloads"]
    # The doubled links first and side by side: two clients take them at the same moment.
    double = links[: config.LOAD_DOUBLE]
    order = [link for link in double for _twice in (1, 2)] + links[len(double) :]
    jobs = [(link["token"], payloads[str(link["questionnaire"])]) for link in order]
    server = Gunicorn(database_url, workers=config.LOAD_WORKERS)
    try:
        server.wait_ready()
        outcomes, wall, not_sent = run_clients(
            server.port, jobs, clients=config.LOAD_CLIENTS, seconds=config.LOAD_SECONDS
        )
        floor_outcomes, floor_wall, floor_not_sent = run_floor(
            server.port, len(outcomes), clients=config.LOAD_CLIENTS, seconds=config.LOAD_SECONDS
        )
    finally:
        server.stop()
    tokens_file = config.bench_dir() / "load-tokens.json"
    sent_tokens = sorted({o.token for o in outcomes})
    tokens_file.write_text(json.dumps(sent_tokens))
    counted = databases.step_json("load-count", database_url, str(tokens_file))
    kinds = Counter(o.kind for o in outcomes)
    stored_ok = kinds["stored"]
    timed = [o.total_ms for o in outcomes if o.kind == "stored"]
    posts = [o.post_ms for o in outcomes if o.kind == "stored" and o.post_ms is not None]
    errors = [o for o in outcomes if o.kind == "error"]
    record = Record(
        NAME,
        "postgresql",
        size,
        median_ms=round(statistics.median(timed), 1) if timed else None,
        p95_ms=round(percentile(timed, 0.95), 1) if timed else None,
        extra={
            "rate_per_s": round(stored_ok / wall, 1) if wall else None,
            "requests_per_s": round(2 * len(outcomes) / wall, 1) if wall else None,
            "submissions": len(outcomes),
            "stored_answers": stored_ok,
            "already": kinds["already"],
            "errors": len(errors),
            "error_samples": sorted({o.detail for o in errors})[:5],
            "not_sent": not_sent,
            "links": counted["tokens"],
            "responses_in_db": counted["stored"],
            "links_with_more_than_one": counted["links_with_more_than_one"],
            "post_p95_ms": round(percentile(posts, 0.95), 1) if posts else None,
            "links_asked": config.LOAD_LINKS,
            "waves_opened": prepared.get("opened", 0),
            "clients": config.LOAD_CLIENTS,
            "workers": config.LOAD_WORKERS,
            "seconds": round(wall, 1),
            "gunicorn_log": str(server.log),
        },
    )
    problems = []
    if errors:
        problems.append(f"ошибок: {len(errors)}")
    if counted["stored"] != counted["tokens"] or counted["links_with_more_than_one"]:
        problems.append(
            f"ссылок {counted['tokens']}, ответов в базе {counted['stored']}, ссылок с "
            f"несколькими ответами {counted['links_with_more_than_one']} "
            "(нужно ровно по одному ответу на ссылку)"
        )
    if not_sent:
        problems.append(f"не отправлено за {config.LOAD_SECONDS} с: {not_sent}")
    if problems:
        record.extra["problems"] = problems
    floor = floor_record(floor_outcomes, floor_wall, floor_not_sent, counted["floor_rows"], size)
    return [with_floor(record, floor), floor]


def floor_record(outcomes: list[Outcome], wall: float, not_sent: int, rows: int, size) -> Record:
    """The floor's record: POSTs per second, their latency, and the rows they stored."""
    stored = [o.total_ms for o in outcomes if o.kind == "stored"]
    errors = [o for o in outcomes if o.kind == "error"]
    record = Record(
        FLOOR_NAME,
        "postgresql",
        size,
        median_ms=round(statistics.median(stored), 1) if stored else None,
        p95_ms=round(percentile(stored, 0.95), 1) if stored else None,
        extra={
            "floor_of": NAME,
            "rate_per_s": round(len(stored) / wall, 1) if wall else None,
            "posts": len(outcomes),
            "errors": len(errors),
            "error_samples": sorted({o.detail for o in errors})[:5],
            "not_sent": not_sent,
            "rows_in_db": rows,
            "clients": config.LOAD_CLIENTS,
            "seconds": round(wall, 1),
        },
    )
    if errors or rows != len(stored):
        record.error = f"голый POST: ошибок {len(errors)}, строк в базе {rows} из {len(stored)}"
    return record


def with_floor(record: Record, floor: Record) -> Record:
    """The load's floor_ms is the bare POST's median; its ratio the floor's rate ÷ the
    load's (how many bare POSTs one submission costs)."""
    record.extra["floor"] = floor.name
    rate = record.extra.get("rate_per_s")
    floor_rate = floor.extra.get("rate_per_s")
    if floor.error or record.error or not rate or not floor_rate:
        return record
    record.floor_ms = floor.median_ms
    record.ratio = round(floor_rate / rate, 2)
    record.extra["floor_rate_per_s"] = floor_rate
    return record


def _cluster_env() -> dict[str, str]:
    return {
        **os.environ,
        "PG_ROOT": str(config.bench_dir() / "pg"),
        "PG_PORT": str(config.BENCH_PG_PORT),
    }


def bench_cluster_start() -> str:
    """A throw-away PostgreSQL cluster for the load when the bench itself runs on SQLite:
    .ci/pg.sh with its own directory and port, never the test suite's .pg/ and 54329."""
    result = subprocess.run(
        ["bash", str(Path(settings.BASE_DIR) / ".ci" / "pg.sh"), "start"],
        env=_cluster_env(),
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1]


def bench_cluster_stop() -> None:
    pg_sh = str(Path(settings.BASE_DIR) / ".ci" / "pg.sh")
    subprocess.run(["bash", pg_sh, "stop"], env=_cluster_env(), check=False)

"""Shared fixtures: real ``lexdigest-server`` processes on loopback, seed documents, DUC data.

``server(*args, env=...)`` starts ``python -m lexdigest.serve.main`` as a subprocess on
127.0.0.1 (port 0: the server picks a free port and logs it), waits until the gRPC health
check says SERVING, and returns a ``ServerProcess``. Teardown sends SIGTERM, waits, and kills
whatever is left of the process tree it started. Process trees are read from
``/proc/<pid>/task/*/children``, CPU time from ``/proc/<pid>/stat``.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing, suppress
from pathlib import Path
from typing import Any

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
DUC_CLUSTERS = (REPO.parent / "shared" / "bench" / "duc2004" / "clusters.jsonl").resolve()
SERVICE = "lexdigest.v1.DigestService"
START_TIMEOUT = 60.0
STOP_TIMEOUT = 40.0
CLK_TCK = os.sysconf("SC_CLK_TCK")


# ------------------------------------------------------------------------------ /proc helpers


def children(pid: int) -> list[int]:
    """Direct children of ``pid`` (all its threads), from /proc."""
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def descendants(pid: int) -> list[int]:
    """Every process below ``pid``, breadth first."""
    out: list[int] = []
    todo = [pid]
    while todo:
        kids = children(todo.pop(0))
        out += kids
        todo += kids
    return out


def _stat(pid: int) -> list[str]:
    """Fields 3 onward of ``/proc/<pid>/stat`` (after the command name); [] when it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return []


def cpu_ticks(pid: int) -> int:
    """utime + stime of ``pid`` in clock ticks (0 when it is gone)."""
    fields = _stat(pid)
    return int(fields[11]) + int(fields[12]) if fields else 0  # fields 14 and 15 of proc(5)


def rss_bytes(pid: int) -> int:
    """Resident set size of ``pid`` in bytes (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# ------------------------------------------------------------------------------ the server


def metric_sample(text: str, name: str, labels: dict[str, str] | None = None) -> float:
    """The value of one Prometheus sample in exposition ``text`` (0 when absent)."""
    for line in text.splitlines():
        if line.startswith("#") or not line.startswith(name):
            continue
        m = re.match(r"([a-zA-Z_:]+)(\{[^}]*\})?\s+(\S+)$", line)
        if not m or m.group(1) != name:
            continue
        got = dict(re.findall(r'(\w+)="([^"]*)"', m.group(2) or ""))
        if labels is None or all(got.get(k) == v for k, v in labels.items()):
            return float(m.group(3))
    return 0.0


class ServerProcess:
    """A running ``lexdigest-server`` subprocess and ways to look at it."""

    def __init__(self, proc: subprocess.Popen[bytes], log_path: Path,
                 metrics_port: int | None) -> None:
        self.proc = proc
        self.log_path = log_path
        self.metrics_port = metrics_port
        self.port = 0
        self.http_port = 0  # set when the server was started with --http-port
        self.host = "127.0.0.1"

    @property
    def pid(self) -> int:
        return self.proc.pid

    @property
    def target(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def http_url(self) -> str:
        """Base URL of the HTTP/JSON gateway (``--http-port``)."""
        assert self.http_port, "server started without --http-port"
        return f"http://{self.host}:{self.http_port}"

    # logs -----------------------------------------------------------------------------------
    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def log_records(self) -> list[dict[str, Any]]:
        """The JSON log lines written so far (other lines, such as tracebacks, skipped)."""
        out = []
        for line in self.log_text().splitlines():
            if line.startswith("{"):
                try:
                    out.append(json.loads(line))
                except ValueError:
                    continue
        return out

    def call_records(self, request_id: str | None = None) -> list[dict[str, Any]]:
        """The per-call log lines, optionally those of one ``x-request-id``."""
        return [r for r in self.log_records() if r.get("logger") == "lexdigest.calls"
                and (request_id is None or r.get("request_id") == request_id)]

    def wait_for_calls(self, count: int, request_id: str | None = None,
                       timeout: float = 10.0) -> list[dict[str, Any]]:
        """Wait until at least ``count`` call lines (of ``request_id``) are logged."""
        end = time.monotonic() + timeout
        while True:
            recs = self.call_records(request_id)
            if len(recs) >= count or time.monotonic() > end:
                return recs
            time.sleep(0.05)

    # processes ------------------------------------------------------------------------------
    def descendants(self) -> list[int]:
        return descendants(self.pid)

    def worker_pids(self) -> list[int]:
        """Engine worker processes: the forkserver's children (grandchildren of the server)."""
        direct = set(children(self.pid))
        return [p for p in self.descendants() if p not in direct]

    def forkserver_pid(self) -> int:
        """The process that starts every worker: the workers' parent."""
        return int(_stat(self.worker_pids()[0])[1])

    def cpu_ticks(self) -> int:
        """CPU ticks of the server and every process below it."""
        return sum(cpu_ticks(p) for p in [self.pid, *self.descendants()])

    def rss_bytes(self) -> int:
        return sum(rss_bytes(p) for p in [self.pid, *self.descendants()])

    def worker_ticks(self) -> dict[int, int]:
        """CPU ticks of each worker process."""
        return {p: cpu_ticks(p) for p in self.worker_pids()}

    def wait_workers_busy(self, before: dict[int, int], ticks: int = 5,
                          timeout: float = 30.0) -> int:
        """Wait until some worker used ``ticks`` more CPU ticks than in ``before`` (a call is
        being computed); returns that worker's pid."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for pid, t in before.items():
                if cpu_ticks(pid) - t >= ticks:
                    return pid
            time.sleep(0.01)
        raise AssertionError("no worker became busy")

    def metrics(self) -> str:
        """The Prometheus exposition text of ``--metrics-port``."""
        import urllib.request

        assert self.metrics_port, "server started without a metrics port"
        with urllib.request.urlopen(f"http://127.0.0.1:{self.metrics_port}/metrics",
                                    timeout=5) as resp:
            return str(resp.read().decode())

    def metric(self, name: str, labels: dict[str, str] | None = None) -> float:
        """The value of one Prometheus sample (0 when absent); ``labels`` must all match."""
        return metric_sample(self.metrics(), name, labels)

    # lifecycle ------------------------------------------------------------------------------
    def health(self, service: str = "", *, timeout: float = 2.0,
               credentials: grpc.ChannelCredentials | None = None,
               options: list[tuple[str, Any]] | None = None) -> str:
        """Health status name of ``service`` over a fresh channel."""
        opts = options or []
        channel = (grpc.secure_channel(self.target, credentials, options=opts) if credentials
                   else grpc.insecure_channel(self.target, options=opts))
        with channel:
            resp = health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(service=service), timeout=timeout)
        return str(health_pb2.HealthCheckResponse.ServingStatus.Name(resp.status))

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self, sig: int = signal.SIGTERM, timeout: float = STOP_TIMEOUT) -> int | None:
        """Send ``sig``, wait up to ``timeout``, then SIGKILL what is left. Returns the code."""
        tree = self.descendants()
        if self.alive():
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        # Worker processes normally leave with the server; make sure none stays behind.
        end = time.monotonic() + 5
        for pid in tree:
            while _alive(pid) and time.monotonic() < end:
                time.sleep(0.05)
            if _alive(pid):
                with suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
        return self.proc.returncode


def _alive(pid: int) -> bool:
    fields = _stat(pid)
    return bool(fields) and fields[0] not in ("Z", "X")


def start_server(log_dir: Path, *args: str, env: dict[str, str] | None = None,
                 metrics: bool = False, credentials: grpc.ChannelCredentials | None = None,
                 channel_options: list[tuple[str, Any]] | None = None,
                 workers: int | None = 1) -> ServerProcess:
    """Start ``lexdigest-server`` with ``args`` and wait for SERVING (see module docstring)."""
    argv = [sys.executable, "-m", "lexdigest.serve.main", "--host", "127.0.0.1",
            "--log-format", "json"]
    if "--port" not in args:
        argv += ["--port", "0"]
    if workers is not None and "--workers" not in args:
        argv += ["--workers", str(workers)]
    metrics_port = None
    if metrics:
        metrics_port = free_port()
        argv += ["--metrics-port", str(metrics_port)]
    argv += list(args)
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("LEXDIGEST_")}
    full_env.update(env or {})
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"server-{time.monotonic_ns()}.log"
    with open(log_path, "wb") as log_file:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log_file,
                                stderr=subprocess.STDOUT, env=full_env, cwd=REPO)
    srv = ServerProcess(proc, log_path, metrics_port)
    end = time.monotonic() + START_TIMEOUT
    try:
        while not srv.port:
            if not srv.alive():
                raise RuntimeError(f"lexdigest-server exited with {proc.returncode}:\n"
                                   f"{srv.log_text()[-3000:]}")
            if time.monotonic() > end:
                raise RuntimeError(f"lexdigest-server did not log its port:\n{srv.log_text()}")
            for rec in srv.log_records():
                if "port" in rec and rec.get("logger") == "lexdigest.server":
                    srv.port = int(rec["port"])
                    srv.http_port = int(rec.get("http_port", 0))
            time.sleep(0.05)
        while True:
            try:
                if srv.health(credentials=credentials, options=channel_options,
                              timeout=1.0) == "SERVING":
                    return srv
            except grpc.RpcError:
                pass
            if not srv.alive():
                raise RuntimeError(f"lexdigest-server exited with {proc.returncode}:\n"
                                   f"{srv.log_text()[-3000:]}")
            if time.monotonic() > end:
                raise RuntimeError("lexdigest-server did not become SERVING in "
                                   f"{START_TIMEOUT:.0f}s:\n{srv.log_text()[-3000:]}")
            time.sleep(0.1)
    except BaseException:
        srv.stop(signal.SIGKILL, timeout=5)
        raise


class ServerFactory:
    """Callable that starts servers and stops all of them on ``close()``."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.started: list[ServerProcess] = []

    def __call__(self, *args: str, **kwargs: Any) -> ServerProcess:
        srv = start_server(self.log_dir, *args, **kwargs)
        self.started.append(srv)
        return srv

    def close(self) -> None:
        for srv in reversed(self.started):
            srv.stop()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerFactory]:
    """Factory of ``lexdigest-server`` subprocesses, stopped when the test ends."""
    factory = ServerFactory(tmp_path / "logs")
    yield factory
    factory.close()


@pytest.fixture(scope="module")
def module_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerFactory]:
    """The same factory, for servers shared by the tests of one module."""
    factory = ServerFactory(tmp_path_factory.mktemp("logs"))
    yield factory
    factory.close()


@pytest.fixture(name="free_port")
def free_port_fixture() -> Callable[[], int]:
    """A function returning a free loopback TCP port."""
    return free_port


# ------------------------------------------------------------------------------ data


def load_seeds() -> list[dict[str, str]]:
    return [{"id": p.name, "text": p.read_text(encoding="utf-8")}
            for p in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="session")
def seeds() -> list[dict[str, str]]:
    """The five seed documents as ``{"id": file name, "text": ...}``."""
    docs = load_seeds()
    assert len(docs) == 5, f"expected 5 seed documents in {SEEDS}"
    return docs


def load_duc_clusters() -> list[dict[str, Any]] | None:
    if not DUC_CLUSTERS.is_file():
        return None
    with DUC_CLUSTERS.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="session")
def duc_clusters() -> list[dict[str, Any]]:
    """The DUC 2004 clusters (``{"id", "documents": [{"id", "text", ...}], ...}``), or skip."""
    clusters = load_duc_clusters()
    if clusters is None:
        pytest.skip(f"benchmark data not found: {DUC_CLUSTERS}")
    return clusters


_FUNCTION_WORDS = ("the", "a", "of", "to", "in", "and", "on", "for", "with", "after", "said",
                   "was", "were", "has", "had", "by", "from", "at", "that", "its")
_SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ba", "de", "gi", "po", "len",
              "mar", "tor", "vin", "sel", "dra", "qui", "zen", "fal", "hor", "pes", "cul")


def generated_documents(sentences: int, seed: int = 7,
                        per_doc: int = 40) -> list[dict[str, str]]:
    """Varied synthetic news-like text: ``sentences`` distinct sentences in documents.

    Content words come from a vocabulary of thousands of made-up words, so sentences share
    few terms, as real ones do (a small vocabulary would make every sentence similar to every
    other and the similarity graph dense)."""
    rng = random.Random(seed)
    vocabulary = sorted({"".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
                         for _ in range(6000)})
    docs: list[dict[str, str]] = []
    made = 0
    while made < sentences:
        body = []
        topic = rng.sample(vocabulary, 30)  # each document has a few words of its own
        for _ in range(min(per_doc, sentences - made)):
            words = [rng.choice(_FUNCTION_WORDS) if rng.random() < 0.35 else
                     rng.choice(topic) if rng.random() < 0.15 else rng.choice(vocabulary)
                     for _ in range(rng.randint(9, 22))]
            body.append(" ".join(words).capitalize() + ".")
            made += 1
        docs.append({"id": f"gen-{len(docs) + 1}", "text": " ".join(body)})
    return docs


def big_cluster(sentences: int) -> list[dict[str, str]]:
    """A cluster of about ``sentences`` sentences: DUC documents combined when available,
    else generated text. Ids are unique; each document stays under 1,000,000 characters."""
    clusters = load_duc_clusters()
    if clusters is None:
        return generated_documents(sentences)
    from lexdigest import split_sentences

    docs: list[dict[str, str]] = []
    seen_texts: set[str] = set()
    count = 0
    for c in clusters:
        for d in c["documents"]:
            if d["text"] in seen_texts:
                continue
            seen_texts.add(d["text"])
            docs.append({"id": f"{c['id']}/{d['id']}", "text": d["text"]})
            count += len(split_sentences(d["text"]))
            if count >= sentences:
                return docs
    # Not enough DUC text: top up with generated documents.
    return docs + generated_documents(sentences - count, per_doc=40)


@pytest.fixture(scope="session")
def make_big_cluster() -> Callable[[int], list[dict[str, str]]]:
    """``make_big_cluster(n)``: documents with about ``n`` sentences in all (cached)."""
    cache: dict[int, list[dict[str, str]]] = {}

    def make(n: int) -> list[dict[str, str]]:
        if n not in cache:
            cache[n] = big_cluster(n)
        return cache[n]

    return make

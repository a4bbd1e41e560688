"""The server under stress, over real server processes: it stays up, answers and frees its work.

Deadlines free the workers, load is shed with RESOURCE_EXHAUSTED + RetryInfo while health
still answers, SIGTERM drains concurrent calls, a killed worker costs only its call
(UNAVAILABLE) and is replaced, bearer-token auth, TLS and mutual TLS, memory caps, batch
cancellation, client retries, and property-based tests over the service and the engine.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import itertools
import os
import random
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import grpc
import lexdigest
import pytest
from conftest import CLK_TCK, cpu_ticks
from google.rpc import code_pb2, error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_status import rpc_status
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lexdigest.serve.workers import STOP_GRACE
from lexdigest_client import (
    AuthenticationError,
    DigestClient,
    InvalidInputError,
    UnavailableError,
)
from lexdigest_client.proto.lexdigest.v1 import digest_pb2 as pb
from lexdigest_client.proto.lexdigest.v1 import digest_pb2_grpc as pb_grpc

NO_RETRY = [("grpc.enable_retries", 0)]
IDLE_TICKS = 3  # CPU ticks (10 ms each at CLK_TCK 100) an idle server may use in 0.5 s


def request_of(docs: list[dict[str, str]], **options: Any) -> pb.SummarizeRequest:
    return pb.SummarizeRequest(documents=[pb.Document(id=d["id"], text=d["text"]) for d in docs],
                               options=pb.SummarizeOptions(**options))


def raw_stub(target: str) -> tuple[grpc.Channel, pb_grpc.DigestServiceStub]:
    """A stub on a channel without retries: every status is seen as the server sent it."""
    channel = grpc.insecure_channel(target, options=NO_RETRY)
    return channel, pb_grpc.DigestServiceStub(channel)


def retry_delay(err: grpc.RpcError) -> float | None:
    """Seconds of the ``google.rpc.RetryInfo`` detail of a failed call, if any."""
    status = rpc_status.from_call(err)  # type: ignore[arg-type]
    for detail in status.details if status else ():
        info = error_details_pb2.RetryInfo()
        if detail.Unpack(info):
            return info.retry_delay.seconds + info.retry_delay.nanos / 1e9
    return None


def pushback(err: grpc.RpcError) -> str | None:
    for key, value in err.trailing_metadata() or ():  # type: ignore[attr-defined]
        if key == "grpc-retry-pushback-ms":
            return str(value)
    return None


def idle_ticks(srv: Any, window: float = 0.5) -> int:
    """CPU ticks used by the server and all its processes during ``window`` seconds."""
    before = srv.cpu_ticks()
    time.sleep(window)
    return int(srv.cpu_ticks() - before)


# What a worker may spend on a call after it was abandoned: the pool's grace (its own CPU
# time, after which it is killed), and a little for the server's loop to act on it.
ABANDONED_TICKS = round((STOP_GRACE + 0.15) * CLK_TCK)


def assert_abandoned_work_stops(srv: Any, pids: list[int]) -> None:
    """From now on, each worker of ``pids`` (holding abandoned calls) spends at most
    ``ABANDONED_TICKS`` of CPU before it stops or is killed, and then the whole server is
    idle within 10 s (a killed worker's replacement starts meanwhile).

    CPU time, not the wall clock, bounds the work: on a machine busier than its cores an
    abandoned call reaches its next check late, and that is not work it did."""
    start = {p: cpu_ticks(p) for p in pids}
    last = dict(start)
    end = time.monotonic() + 10
    while time.monotonic() < end:
        time.sleep(0.25)
        now = {p: max(cpu_ticks(p), last[p]) for p in pids}  # a gone process reads 0
        settled = now == last
        last = now
        if settled:
            break
    spent = {p: last[p] - start[p] for p in pids}
    assert max(spent.values()) <= ABANDONED_TICKS, f"abandoned work went on: {spent} ticks"
    while (used := idle_ticks(srv)) > IDLE_TICKS:
        assert time.monotonic() < end, f"server still busy after the call ended: {used} ticks"


@pytest.fixture(scope="module")
def big10k(make_big_cluster: Any) -> pb.SummarizeRequest:
    return request_of(make_big_cluster(10_000))


@pytest.fixture(scope="module")
def big3k(make_big_cluster: Any) -> pb.SummarizeRequest:
    return request_of(make_big_cluster(3_000))


# ------------------------------------------------------------------------------ (a) deadlines


@pytest.mark.slow
def test_deadline_exceeded_frees_the_workers_at_once(server: Any, big10k: Any,
                                                     seeds: list[dict[str, str]]) -> None:
    srv = server("--workers", "2")
    channel, stub = raw_stub(srv.target)
    with channel:
        for attempt in range(2):  # both workers, one after the other
            started = time.monotonic()
            with pytest.raises(grpc.RpcError) as info:
                stub.Summarize(big10k, timeout=0.3, metadata=[("x-request-id", f"dl-{attempt}")])
            assert info.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
            assert time.monotonic() - started < 1.0
            assert_abandoned_work_stops(srv, srv.worker_pids())
            (line,) = srv.wait_for_calls(1, f"dl-{attempt}")
            assert line["status"] == "DEADLINE_EXCEEDED"
        # Workers are usable afterwards.
        assert stub.Summarize(request_of(seeds), timeout=30).stats.documents == 5
    assert len(srv.worker_pids()) == 2


# ------------------------------------------------------------------------------ (b) shedding


@pytest.mark.slow
def test_load_is_shed_at_once_and_health_answers_while_workers_are_busy(
        server: Any, big10k: Any) -> None:
    srv = server("--workers", "1", "--max-in-flight", "2")
    calls = 5
    barrier = threading.Barrier(calls)
    outcomes: list[tuple[str, float, grpc.RpcError | None]] = []
    lock = threading.Lock()
    channel, stub = raw_stub(srv.target)

    def one(i: int) -> None:
        barrier.wait()
        started = time.monotonic()
        try:
            stub.Summarize(big10k, timeout=60)
            result = ("OK", time.monotonic() - started, None)
        except grpc.RpcError as err:
            result = (err.code().name, time.monotonic() - started, err)
        with lock:
            outcomes.append(result)

    before = srv.worker_ticks()
    with channel, ThreadPoolExecutor(calls) as pool:
        futures = [pool.submit(one, i) for i in range(calls)]
        srv.wait_workers_busy(before)
        # Every worker is busy: health still answers, fast, on the busy channel and a new one.
        for check in range(3):
            started = time.monotonic()
            resp = health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(service="lexdigest.v1.DigestService"), timeout=1.0)
            assert resp.status == health_pb2.HealthCheckResponse.SERVING
            assert srv.health(timeout=1.0) == "SERVING"
            assert time.monotonic() - started < 1.0
            assert len(outcomes) < calls, "the calls ended before the health check " + str(check)
            time.sleep(0.1)
        for f in futures:
            f.result()
    codes = sorted(o[0] for o in outcomes)
    assert codes == ["OK", "OK"] + ["RESOURCE_EXHAUSTED"] * (calls - 2), outcomes
    for code, seconds, err in outcomes:
        if code == "RESOURCE_EXHAUSTED":
            assert err is not None
            assert seconds < 1.0, f"a shed call took {seconds:.2f}s"
            delay = retry_delay(err)
            assert delay is not None and 0 < delay <= 2
            hint = pushback(err)  # the same delay, for gRPC's own retry machinery
            assert hint is not None and abs(int(hint) - delay * 1000) <= 1


# ------------------------------------------------------------------------------ (c) drain


@pytest.mark.slow
def test_sigterm_during_eight_concurrent_calls(server: Any, big3k: Any) -> None:
    srv = server("--workers", "2", "--grace-seconds", "60")
    calls = 8
    channel, stub = raw_stub(srv.target)
    before = srv.worker_ticks()
    with channel, ThreadPoolExecutor(calls) as pool:
        futures = [pool.submit(stub.Summarize, big3k, timeout=120,
                               metadata=[("x-request-id", f"drain-{i}")]) for i in range(calls)]
        srv.wait_workers_busy(before)
        srv.proc.send_signal(signal.SIGTERM)
        # From now on the server is not taking work: health says so, or the port refuses.
        end = time.monotonic() + 5
        while True:
            try:
                state = srv.health(timeout=1.0)
            except grpc.RpcError as err:
                # Refused: no listener, or the stopping server cancels the new call.
                assert err.code() in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.CANCELLED,
                                      grpc.StatusCode.DEADLINE_EXCEEDED), err
                break
            if state == "NOT_SERVING":
                break
            assert time.monotonic() < end, "still SERVING 5 s after SIGTERM"
            time.sleep(0.05)
        results = [f.result() for f in futures]  # raises if any call failed
    assert all(r.stats.sentences >= 2500 for r in results)
    assert srv.proc.wait(60) == 0
    statuses = [srv.call_records(f"drain-{i}")[0]["status"] for i in range(calls)]
    assert statuses == ["OK"] * calls


# ------------------------------------------------------------------------------ (d) kill -9


@pytest.mark.slow
def test_killed_worker_costs_only_its_call_and_is_replaced(server: Any, big10k: Any,
                                                           seeds: list[dict[str, str]]) -> None:
    srv = server("--workers", "2")
    workers = srv.worker_pids()
    assert len(workers) == 2
    channel, stub = raw_stub(srv.target)
    held: dict[str, Any] = {}

    def long_call() -> None:
        try:
            held["response"] = stub.Summarize(big10k, timeout=60)
        except grpc.RpcError as err:
            held["error"] = err

    stop_load = threading.Event()
    load_errors: list[BaseException] = []
    load_done = [0]

    def background_load() -> None:
        # The server keeps answering other callers meanwhile, without retries: a call that
        # waited in the killed worker's socket behind the long call is sent to another.
        load_channel, load_stub = raw_stub(srv.target)
        with load_channel:
            while not stop_load.is_set():
                try:
                    load_stub.Summarize(request_of(seeds, max_sentences=2), timeout=30)
                    load_done[0] += 1
                except Exception as exc:
                    load_errors.append(exc)
                time.sleep(0.02)

    with channel:
        before = srv.worker_ticks()
        caller = threading.Thread(target=long_call)
        caller.start()
        victim = srv.wait_workers_busy(before, ticks=10)
        loader = threading.Thread(target=background_load)
        loader.start()
        time.sleep(0.1)
        os.kill(victim, signal.SIGKILL)
        caller.join(60)
        time.sleep(0.5)
        stop_load.set()
        loader.join(30)

        err = held.get("error")
        assert err is not None, "the killed worker's call did not fail"
        assert err.code() == grpc.StatusCode.UNAVAILABLE
        assert retry_delay(err) is not None  # retryable, with a hint
        assert not load_errors, load_errors
        assert load_done[0] > 0
        # A new worker replaced the killed one.
        end = time.monotonic() + 10
        while True:
            now = srv.worker_pids()
            if len(now) == 2 and victim not in now:
                break
            assert time.monotonic() < end, now
            time.sleep(0.05)
        assert set(now) - set(workers), "no new worker pid"
        # Both workers serve again: concurrent calls all succeed.
        with ThreadPoolExecutor(4) as pool:
            results = list(pool.map(lambda _: stub.Summarize(request_of(seeds), timeout=30),
                                    range(8)))
        assert all(r.stats.documents == 5 for r in results)
        assert stub.Summarize(big10k, timeout=60).stats.sentences >= 9000
    assert srv.alive()


@pytest.mark.slow
def test_a_call_waiting_behind_a_killed_worker_runs_on_its_replacement(
        server: Any, big10k: Any, seeds: list[dict[str, str]]) -> None:
    srv = server("--workers", "1")
    (victim,) = srv.worker_pids()
    channel, stub = raw_stub(srv.target)  # no retries: the server alone must save the call
    with channel, ThreadPoolExecutor(2) as pool:
        before = srv.worker_ticks()
        running = pool.submit(stub.Summarize, big10k, timeout=60)
        srv.wait_workers_busy(before, ticks=5)
        waiting = pool.submit(stub.Summarize, request_of(seeds), timeout=60)
        time.sleep(0.15)  # handed to the only worker, behind the running call
        assert not running.done(), "the long call ended too soon for this test"
        os.kill(victim, signal.SIGKILL)
        with pytest.raises(grpc.RpcError) as info:
            running.result(60)
        assert info.value.code() == grpc.StatusCode.UNAVAILABLE
        assert waiting.result(60).stats.documents == 5
    assert "sending the call again" in srv.log_text()
    assert victim not in srv.worker_pids()


@pytest.mark.slow
def test_calls_go_to_the_live_worker_while_a_dead_one_is_replaced(
        server: Any, seeds: list[dict[str, str]]) -> None:
    srv = server("--workers", "2")
    victim, survivor = srv.worker_pids()
    forkserver = srv.forkserver_pid()  # stopped, it can start no replacement
    channel, stub = raw_stub(srv.target)  # no retries: each call must succeed at once
    os.kill(forkserver, signal.SIGSTOP)
    try:
        os.kill(victim, signal.SIGKILL)  # idle: no call notices, the server must
        time.sleep(0.2)
        with channel:
            for _ in range(6):  # sequential calls would alternate between the two workers
                assert stub.Summarize(request_of(seeds), timeout=10).stats.documents == 5
    finally:
        os.kill(forkserver, signal.SIGCONT)
    end = time.monotonic() + 30
    while not ((now := srv.worker_pids()) and len(now) == 2 and victim not in now
               and "replaced by process" in srv.log_text()):
        assert time.monotonic() < end, (now, srv.log_text()[-2000:])
        time.sleep(0.05)
    assert survivor in now


# ------------------------------------------------------------------------------ (e) auth


def test_bearer_token_auth(server: Any, seeds: list[dict[str, str]]) -> None:
    srv = server("--workers", "1", env={"LEXDIGEST_AUTH_TOKEN": "secret"})
    for i, token in enumerate(("", "wrong", "secret2", "Secret")):
        with DigestClient(srv.target, timeout=10, token=token) as client, \
                pytest.raises(AuthenticationError) as info:
            client.summarize(seeds, request_id=f"auth-{i}")
        assert info.value.code == grpc.StatusCode.UNAUTHENTICATED
    channel, stub = raw_stub(srv.target)
    with channel:
        for metadata in ([], [("authorization", "secret")], [("authorization", "Basic secret")],
                         [("authorization", "Bearer wrong")]):
            with pytest.raises(grpc.RpcError) as raw:
                stub.Summarize(request_of(seeds), timeout=10, metadata=metadata)
            assert raw.value.code() == grpc.StatusCode.UNAUTHENTICATED
        with pytest.raises(grpc.RpcError) as batch:
            list(stub.SummarizeBatch(iter([pb.SummarizeBatchRequest(
                cluster_id="c", request=request_of(seeds))]), timeout=10))
        assert batch.value.code() == grpc.StatusCode.UNAUTHENTICATED
        ok = stub.Summarize(request_of(seeds), timeout=30,
                            metadata=[("authorization", "Bearer secret")])
        assert ok.stats.documents == 5
    with DigestClient(srv.target, timeout=30, token="secret") as client:
        assert client.summarize(seeds).sentences
    # Health needs no token.
    assert srv.health() == "SERVING"
    with DigestClient(srv.target, timeout=10, token="") as client:
        assert client.health() == "SERVING"
    # Refused calls are logged like any other call.
    (line,) = srv.wait_for_calls(1, "auth-1")
    assert line["status"] == "UNAUTHENTICATED"
    assert "secret" not in srv.log_text()


# ------------------------------------------------------------------------------ (f) TLS


def _pki(tmp: Path) -> dict[str, Path]:
    """A throwaway CA, a server certificate (127.0.0.1, localhost), a client certificate it
    signed, and a client certificate of another, untrusted CA: PEM files in ``tmp``."""
    crypto = pytest.importorskip("cryptography")
    del crypto
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = dt.datetime.now(dt.UTC)
    out: dict[str, Path] = {}

    def name(cn: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])

    def write(label: str, key: Any, cert: x509.Certificate) -> None:
        out[f"{label}.key"] = tmp / f"{label}.key"
        out[f"{label}.key"].write_bytes(key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()))
        out[f"{label}.pem"] = tmp / f"{label}.pem"
        out[f"{label}.pem"].write_bytes(cert.public_bytes(serialization.Encoding.PEM))

    def ca(label: str) -> tuple[Any, x509.Certificate]:
        key = ec.generate_private_key(ec.SECP256R1())
        cert = (x509.CertificateBuilder().subject_name(name(label)).issuer_name(name(label))
                .public_key(key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(now - dt.timedelta(minutes=5))
                .not_valid_after(now + dt.timedelta(days=1))
                .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                .add_extension(x509.KeyUsage(
                    digital_signature=True, key_cert_sign=True, crl_sign=True,
                    content_commitment=False, key_encipherment=False, data_encipherment=False,
                    key_agreement=False, encipher_only=False, decipher_only=False),
                    critical=True)
                .sign(key, hashes.SHA256()))
        write(label, key, cert)
        return key, cert

    def leaf(label: str, issuer: tuple[Any, x509.Certificate], server_side: bool) -> None:
        key = ec.generate_private_key(ec.SECP256R1())
        builder = (x509.CertificateBuilder().subject_name(name(label))
                   .issuer_name(issuer[1].subject).public_key(key.public_key())
                   .serial_number(x509.random_serial_number())
                   .not_valid_before(now - dt.timedelta(minutes=5))
                   .not_valid_after(now + dt.timedelta(days=1))
                   .add_extension(x509.BasicConstraints(ca=False, path_length=None),
                                  critical=True)
                   .add_extension(x509.ExtendedKeyUsage(
                       [ExtendedKeyUsageOID.SERVER_AUTH if server_side
                        else ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False))
        if server_side:
            builder = builder.add_extension(x509.SubjectAlternativeName([
                x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                critical=False)
        write(label, key, builder.sign(issuer[0], hashes.SHA256()))

    trusted = ca("ca")
    leaf("server", trusted, server_side=True)
    leaf("client", trusted, server_side=False)
    rogue = ca("rogue-ca")
    leaf("rogue-client", rogue, server_side=False)
    return out


def _creds(pki: dict[str, Path], client: str | None = None) -> grpc.ChannelCredentials:
    return grpc.ssl_channel_credentials(
        root_certificates=pki["ca.pem"].read_bytes(),
        private_key=pki[f"{client}.key"].read_bytes() if client else None,
        certificate_chain=pki[f"{client}.pem"].read_bytes() if client else None)


def test_tls(server: Any, tmp_path: Path, seeds: list[dict[str, str]]) -> None:
    pki = _pki(tmp_path)
    srv = server("--workers", "1", "--tls-cert", str(pki["server.pem"]), "--tls-key",
                 str(pki["server.key"]), credentials=_creds(pki))
    with DigestClient(srv.target, timeout=30, root_certificates=str(pki["ca.pem"])) as client:
        assert client.summarize(seeds).sentences
        assert client.health() == "SERVING"
    # A plaintext client cannot talk to it.
    with DigestClient(srv.target, timeout=5) as plain, pytest.raises(UnavailableError):
        plain.summarize(seeds)
    # Nor a TLS client that does not trust its CA.
    rogue_root = grpc.ssl_channel_credentials(root_certificates=pki["rogue-ca.pem"].read_bytes())
    with grpc.secure_channel(srv.target, rogue_root) as channel, \
            pytest.raises(grpc.RpcError) as info:
        pb_grpc.DigestServiceStub(channel).Summarize(request_of(seeds), timeout=5)
    assert info.value.code() == grpc.StatusCode.UNAVAILABLE


def test_mutual_tls(server: Any, tmp_path: Path, seeds: list[dict[str, str]]) -> None:
    pki = _pki(tmp_path)
    srv = server("--workers", "1", "--tls-cert", str(pki["server.pem"]), "--tls-key",
                 str(pki["server.key"]), "--tls-client-ca", str(pki["ca.pem"]),
                 credentials=_creds(pki, "client"))
    with DigestClient(srv.target, timeout=30, root_certificates=str(pki["ca.pem"]),
                      client_cert=str(pki["client.pem"]),
                      client_key=str(pki["client.key"])) as client:
        assert client.summarize(seeds).sentences
    for who in ("rogue-client", None):  # a certificate of another CA, or none at all
        with grpc.secure_channel(srv.target, _creds(pki, who)) as channel, \
                pytest.raises(grpc.RpcError) as info:
            pb_grpc.DigestServiceStub(channel).Summarize(request_of(seeds), timeout=5)
        assert info.value.code() == grpc.StatusCode.UNAVAILABLE, who
    assert srv.health(credentials=_creds(pki, "client")) == "SERVING"


# ------------------------------------------------------------------------------ memory cap


def test_a_cluster_too_big_for_memory_fails_fast_and_is_not_retried(
        server: Any, seeds: list[dict[str, str]], make_big_cluster: Any) -> None:
    # A worker capped well below what a 30,000-sentence cluster needs (within the request
    # limits; the engine's memory grows linearly, so a smaller cluster may fit): the
    # MemoryError in the worker becomes RESOURCE_EXHAUSTED without retry advice, and the
    # worker lives on.
    # The cap is set 100 MiB above what a started worker occupies on this machine (its
    # address space depends on the libraries loaded and their thread pools): below that, the
    # server refuses to start.
    probe = server("--workers", "1", "--worker-memory-mb", "0")
    (pid,) = probe.worker_pids()
    vm_mb = next(int(ln.split()[1]) // 1024 for ln in Path(f"/proc/{pid}/status").read_text()
                 .splitlines() if ln.startswith("VmSize:"))
    probe.stop()
    srv = server("--workers", "1", "--worker-memory-mb", str(vm_mb + 100))
    with DigestClient(srv.target, timeout=60) as client:
        docs = make_big_cluster(30_000)
        started = time.monotonic()
        with pytest.raises(UnavailableError) as info:
            client.summarize(docs, request_id="too-big")
        assert info.value.code == grpc.StatusCode.RESOURCE_EXHAUSTED
        assert time.monotonic() - started < 20
        assert client.summarize(seeds).sentences  # the worker lives on
    assert len(srv.call_records("too-big")) == 1  # pushback -1: the client did not retry


# ------------------------------------------------------------------------------ batch cancel


@pytest.mark.slow
def test_batch_cancelled_mid_stream_stops_its_work(server: Any, big10k: Any,
                                                   seeds: list[dict[str, str]]) -> None:
    srv = server("--workers", "2", metrics=True)

    def threads() -> int:
        for line in Path(f"/proc/{srv.pid}/status").read_text().splitlines():
            if line.startswith("Threads:"):
                return int(line.split()[1])
        return 0

    channel, stub = raw_stub(srv.target)
    with channel:
        stub.Summarize(request_of(seeds), timeout=30)  # warm the channel and the server
        baseline = threads()
        for round_ in range(2):
            def items() -> Any:
                yield pb.SummarizeBatchRequest(cluster_id="small", request=request_of(seeds))
                for i in range(8):
                    yield pb.SummarizeBatchRequest(cluster_id=f"big-{i}", request=big10k)

            call = stub.SummarizeBatch(items(), timeout=60,
                                       metadata=[("x-request-id", f"batch-{round_}")])
            first = next(call)
            assert first.cluster_id == "small"
            time.sleep(0.2)
            pids = srv.worker_pids()
            call.cancel()
            assert_abandoned_work_stops(srv, pids)
            (line,) = srv.wait_for_calls(1, f"batch-{round_}")
            assert line["status"] == "CANCELLED"
        assert stub.Summarize(request_of(seeds), timeout=30).stats.documents == 5
        end = time.monotonic() + 5
        while threads() > baseline and time.monotonic() < end:
            time.sleep(0.1)
        assert threads() <= baseline, "batch threads left behind"
    text = srv.metrics()
    assert 'lexdigest_calls_total{code="CANCELLED",method="SummarizeBatch"} 2.0' in text
    assert "lexdigest_calls_in_flight 0.0" in text


_SYLLABLES = ["ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "de", "fa", "gu", "bi", "ho",
              "je", "ve", "zu"]
_VOCABULARY = ["".join(p) for p in itertools.product(_SYLLABLES, repeat=3)]


def wordy_cluster(i: int) -> pb.SummarizeBatchRequest:
    """A batch item whose digest is about 140 kB: long sentences of words drawn at random,
    none redundant, so the digest takes as many as max_words allows."""
    rnd = random.Random(i)
    text = " ".join(" ".join(rnd.choices(_VOCABULARY, k=150)).capitalize() + "."
                    for _ in range(100))
    return pb.SummarizeBatchRequest(cluster_id=f"c{i}", request=pb.SummarizeRequest(
        documents=[pb.Document(id=f"d{i}", text=text)],
        options=pb.SummarizeOptions(max_sentences=100, max_words=10_000,
                                    max_sentence_words=1_000)))


def test_batch_holds_few_results_for_a_caller_that_stops_reading(server: Any) -> None:
    """A batch caller that stops reading must not make the server compute (and hold) every
    cluster it sent: past a budget of unread results, the server reads more clusters only
    as results are taken."""
    srv = server("--workers", "2", metrics=True)
    clusters = 300  # about 42 MB of results
    channel, stub = raw_stub(srv.target)
    with channel:
        call = stub.SummarizeBatch((wordy_cluster(i) for i in range(clusters)), timeout=180)
        # The caller reads nothing until the server has stopped computing for a second.
        done, steady_since, end = -1.0, time.monotonic(), time.monotonic() + 90
        while time.monotonic() - steady_since < 1.0:
            assert time.monotonic() < end, "the server kept computing"
            time.sleep(0.1)
            now = srv.metric("lexdigest_documents_total")
            if now != done:
                done, steady_since = now, time.monotonic()
        # The server's 8 MiB budget, what the transports' flow-control windows hold (a few
        # MB) and a few clusters per worker: nowhere near all of them.
        assert 0 < done <= clusters * 0.6, done
        results = list(call)  # reading again, the caller gets every cluster's digest
    assert sorted(r.cluster_id for r in results) == sorted(f"c{i}" for i in range(clusters))
    assert all(len(r.response.sentences) > 50 for r in results)


def test_batch_caller_that_sends_everything_before_reading(server: Any) -> None:
    """Writing every cluster, then reading: fine while the results fit the unread budget."""
    srv = server("--workers", "2")
    clusters = 80  # about 11 MB of results: more than the flow-control windows hold

    async def send_all_then_read() -> list[pb.SummarizeBatchResponse]:
        async with grpc.aio.insecure_channel(srv.target, options=NO_RETRY) as channel:
            call = pb_grpc.DigestServiceStub(channel).SummarizeBatch(timeout=60)
            for i in range(clusters):
                await call.write(wordy_cluster(i))
            await call.done_writing()
            return [r async for r in call]

    results = asyncio.run(send_all_then_read())
    assert sorted(r.cluster_id for r in results) == sorted(f"c{i}" for i in range(clusters))
    assert all(len(r.response.sentences) > 50 for r in results)


# ------------------------------------------------------------------------------ client retries


@pytest.mark.slow
@pytest.mark.parametrize("method", ["summarize", "summarize_stream"])
def test_client_retries_a_shed_call_until_capacity_frees(server: Any, big3k: Any,
                                                         seeds: list[dict[str, str]],
                                                         method: str) -> None:
    # A stream is consumed by its first send: the resend must carry the documents again.
    srv = server("--workers", "1", "--max-in-flight", "1")
    channel, stub = raw_stub(srv.target)
    with channel, ThreadPoolExecutor(1) as pool:
        before = srv.worker_ticks()
        hog = pool.submit(stub.Summarize, big3k, timeout=60)
        srv.wait_workers_busy(before)
        with DigestClient(srv.target, timeout=30) as client:
            digest = getattr(client, method)(seeds, request_id="retried")
        assert digest.sentences
        hog.result()
    lines = srv.wait_for_calls(2, "retried")
    statuses = [r["status"] for r in lines]
    assert statuses[-1] == "OK"
    assert statuses[:-1] and set(statuses[:-1]) == {"RESOURCE_EXHAUSTED"}, statuses


def test_client_does_not_retry_invalid_argument(server: Any) -> None:
    srv = server("--workers", "1")
    with DigestClient(srv.target, timeout=30) as client, pytest.raises(InvalidInputError):
        client.summarize([{"id": "x", "text": "   "}], request_id="invalid-once")
    time.sleep(0.5)  # a retry would have been logged by now
    assert [r["status"] for r in srv.call_records("invalid-once")] == ["INVALID_ARGUMENT"]


# ------------------------------------------------------------------------------ (g) properties

_PUNCT = list('.!?…‽;:,"\'“”‘’«»„‹›()[]{}-–—*_/\\|~^`#@&%$')
_QUOTES = list('"\'“”‘’«»„‹›`')

_unicode_text = st.text(max_size=3000)
_huge_token = st.builds(lambda c, n, sep: (c * n + sep) * 3,
                        st.characters(blacklist_categories=("Cs", "Cc")),
                        st.integers(1000, 200_000), st.sampled_from(["", " ", ". ", "\n"]))
_punct_runs = st.lists(
    st.one_of(st.builds(lambda c, n: c * n, st.sampled_from(_PUNCT), st.integers(1, 5000)),
              st.builds(lambda c, n: c * n, st.sampled_from(_QUOTES), st.integers(1, 5000)),
              st.sampled_from(["word", "Word", " ", "\n", "\n\n", "Mr", "U.S", "1.", "e.g",
                               "The council met. ", "a"])),
    min_size=1, max_size=60).map("".join)
_megabyte_line = st.builds(lambda chunk, n: (chunk * (n // max(1, len(chunk)) + 1))[:n],
                           st.text(alphabet=st.characters(blacklist_categories=("Cs", "Zs",
                                                                                "Zl", "Zp",
                                                                                "Cc")),
                                   min_size=1, max_size=40),
                           st.integers(200_000, 990_000))
_word = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
                min_size=1, max_size=12)
_sentence = st.builds(lambda words, end: " ".join(words) + end,
                      st.lists(_word, min_size=1, max_size=25),
                      st.sampled_from([".", "!", "?", "...", "。", ".\"", "?»", "", ";", "\n\n"]))
_prose = st.lists(_sentence, min_size=1, max_size=300).map(" ".join)
# Repeats stay in the hundreds: thousands of copies of one sentence make the engine's
# similarity graph dense (see the memory-cap test).
_repeats = st.builds(lambda sentence, n: (sentence + " ") * n, _sentence, st.integers(2, 400))
PROPERTY_DEADLINE = 30.0


@pytest.fixture(scope="module")
def prop_server(module_server: Any) -> Any:
    return module_server("--workers", "2")


@pytest.fixture(scope="module")
def prop_stub(prop_server: Any) -> Any:
    channel = grpc.insecure_channel(prop_server.target, options=NO_RETRY)
    yield pb_grpc.DigestServiceStub(channel)
    channel.close()


def _service_call(srv: Any, stub: Any, texts: list[str], max_words: int) -> None:
    """One call: OK with exact citations, or INVALID_ARGUMENT with a BadRequest; in time."""
    docs = {f"d{i}": t for i, t in enumerate(texts)}
    request = pb.SummarizeRequest(documents=[pb.Document(id=k, text=v) for k, v in docs.items()],
                                  options=pb.SummarizeOptions(max_words=max_words))
    started = time.monotonic()
    try:
        response = stub.Summarize(request, timeout=PROPERTY_DEADLINE)
    except grpc.RpcError as err:
        assert err.code() == grpc.StatusCode.INVALID_ARGUMENT, (err.code(), err.details())
        status = rpc_status.from_call(err)
        assert status is not None and status.code == code_pb2.INVALID_ARGUMENT
        assert status.details, "INVALID_ARGUMENT without a BadRequest detail"
    else:
        for s in response.sentences:
            c = s.citation
            assert docs[c.document_id][c.char_start:c.char_end] == s.text
            for sup in s.supporting:
                assert docs[sup.document_id][sup.char_start:sup.char_end].strip()
    assert time.monotonic() - started < PROPERTY_DEADLINE + 1
    assert srv.alive()


def _service_property(strategy: st.SearchStrategy[str], examples: int) -> Any:
    @pytest.mark.slow
    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                     HealthCheck.function_scoped_fixture])
    @given(texts=st.lists(strategy, min_size=1, max_size=3),
           max_words=st.sampled_from([0, 0, 30, 100]))
    def test(prop_server: Any, prop_stub: Any, texts: list[str], max_words: int) -> None:
        _service_call(prop_server, prop_stub, texts, max_words)

    return test


test_property_service_arbitrary_unicode = _service_property(_unicode_text, 40)
test_property_service_huge_tokens = _service_property(_huge_token, 12)
test_property_service_punctuation_and_quote_runs = _service_property(_punct_runs, 40)
test_property_service_megabyte_lines = _service_property(_megabyte_line, 8)
test_property_service_unicode_prose = _service_property(_prose, 30)
test_property_service_repeated_sentences = _service_property(_repeats, 15)
test_property_service_mixed = _service_property(
    st.one_of(_unicode_text, _huge_token, _punct_runs, _prose), 20)


@settings(max_examples=80, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(texts=st.lists(st.one_of(
    _unicode_text, _punct_runs, _huge_token, _prose, _repeats,
    st.builds(lambda c, n: c * n, st.characters(), st.integers(1, 20_000))),
    min_size=0, max_size=3),
       options=st.fixed_dictionaries({}, optional={
           "max_sentences": st.integers(-5, 200), "max_words": st.integers(-5, 20_000),
           "max_similarity": st.floats(allow_nan=True), "language": st.sampled_from(
               ["en", "de", "xx", "", "EN", "pt-BR"]),
           "ordering": st.sampled_from(["score", "source", "chronological", "bogus"])}))
def test_property_engine_raises_only_value_error(texts: list[str], options: dict[str, Any]
                                                 ) -> None:
    try:
        digest = lexdigest.summarize(texts, **options)
    except ValueError:
        return
    for s in digest.sentences:
        index = int(s.citation.document_id.removeprefix("doc-")) - 1
        assert texts[index][s.citation.char_start:s.citation.char_end] == s.text

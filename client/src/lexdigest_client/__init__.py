"""Client library of the lexdigest service: cited digests of several documents.

    >>> from lexdigest_client import DigestClient
    >>> with DigestClient("localhost:50051") as client:  # doctest: +SKIP
    ...     digest = client.summarize(["First article ...", "Second article ..."])
    ...     print(digest.render("markdown"))

``client.stories(pile)`` splits a pile of documents about many stories into ``Stories``, each
``Story`` with its headline, dates and digest. ``AsyncDigestClient`` has the same methods for
asyncio. Results are typed dataclasses
(``Digest``, ``DigestSentence``, ``Citation``, ...) with ``to_dict()``; ``Digest.render()``
gives text, Markdown, JSON or a self-contained HTML page. Errors are ``LexdigestError``
subclasses carrying the gRPC status and the server's field violations. ``read_documents``
reads files, folders, globs and stdin into documents the way the ``lexdigest`` command does;
``MAX_MESSAGE_BYTES`` is the largest message a client sends or accepts by default.
"""

import os as _os

# gRPC documents ERROR as its default log level, but its C core prints INFO lines (such as a
# failed TLS handshake) to stderr when the variable is unset. Keep the documented default
# unless the caller chose a level, so that the lexdigest command's errors stay one line.
_os.environ.setdefault("GRPC_VERBOSITY", "ERROR")

from ._channel import MAX_MESSAGE_BYTES
from ._client import AsyncDigestClient, DigestClient
from ._errors import (
    AuthenticationError,
    DeadlineExceededError,
    FieldViolation,
    InvalidInputError,
    LexdigestError,
    ServerError,
    UnavailableError,
)
from ._inputs import read_documents
from ._messages import DocumentLike
from ._models import (
    BatchResult,
    Citation,
    Digest,
    DigestSentence,
    Explanation,
    Source,
    Stats,
    Stories,
    Story,
    StoryTitle,
)
from .proto.lexdigest.v1.digest_pb2 import Document

__all__ = [
    "MAX_MESSAGE_BYTES",
    "AsyncDigestClient",
    "AuthenticationError",
    "BatchResult",
    "Citation",
    "DeadlineExceededError",
    "Digest",
    "DigestClient",
    "DigestSentence",
    "Document",
    "DocumentLike",
    "Explanation",
    "FieldViolation",
    "InvalidInputError",
    "LexdigestError",
    "ServerError",
    "Source",
    "Stats",
    "Stories",
    "Story",
    "StoryTitle",
    "UnavailableError",
    "read_documents",
]

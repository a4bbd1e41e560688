"""Client library of the lexdigest service: cited digests of several documents.

    >>> from lexdigest_client import DigestClient
    >>> with DigestClient("localhost:50051") as client:  # doctest: +SKIP
    ...     digest = client.summarize(["First article ...", "Second article ..."])
    ...     print(digest.render("markdown"))
"""

from ._client import AsyncDigestClient, BatchResult, DigestClient
from ._errors import (
    AuthenticationError,
    DeadlineExceededError,
    FieldViolation,
    InvalidInputError,
    LexdigestError,
    ServerError,
    UnavailableError,
)
from ._models import Citation, Digest, DigestSentence, Explanation, Source, Stats
from ._proto.lexdigest.v1.digest_pb2 import Document

__all__ = [
    "AsyncDigestClient",
    "AuthenticationError",
    "BatchResult",
    "Citation",
    "DeadlineExceededError",
    "Digest",
    "DigestClient",
    "DigestSentence",
    "Document",
    "Explanation",
    "FieldViolation",
    "InvalidInputError",
    "LexdigestError",
    "ServerError",
    "Source",
    "Stats",
    "UnavailableError",
]

"""Equal integer keys grouped by one sort: the order that groups them, ids in order of
first appearance, and the distinct keys with their counts."""

from __future__ import annotations

import numpy as np


def first_seen_ids(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ids of ``keys`` numbered in order of first appearance, and the distinct keys in that
    order (one sort)."""
    if not len(keys):
        return keys, keys
    perm, ordered = sort_order(keys)
    fresh = np.empty(len(keys), dtype=bool)
    fresh[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=fresh[1:])
    starts = np.flatnonzero(fresh)
    first = perm.take(starts)  # positions ascend within a run of equal keys
    order = np.argsort(first)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order), dtype=np.int64)
    ids = np.empty(len(keys), dtype=np.int64)
    ids[perm] = rank.take(np.cumsum(fresh) - 1)
    return ids, ordered.take(starts.take(order))


# ``sort_order`` sorts a hash of each key with its position in the low bits: numpy's sort of
# plain integers is vectorized, its argsort is not (~13x slower at 200k keys here).
_ORDER_MIX = np.uint64(0x9E3779B97F4A7C15)


def sort_order(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A permutation of ``keys`` (int64) that puts equal keys together, each run in order of
    position (the runs in no particular order), and the keys in that order. Keys are grouped
    by a hash; if two keys ever share one (checked), by ``np.argsort(kind="stable")``."""
    bits = max(int(len(keys) - 1).bit_length(), 1)
    if bits > 40:
        perm = np.argsort(keys, kind="stable")
        return perm, keys.take(perm)
    hashed = keys.view(np.uint64) * _ORDER_MIX  # a bijection of 64-bit integers
    hashed &= np.uint64(~((1 << bits) - 1) & ((1 << 64) - 1))
    hashed |= np.arange(len(keys), dtype=np.uint64)
    hashed.sort()
    perm = (hashed & np.uint64((1 << bits) - 1)).view(np.int64)
    hashed >>= np.uint64(bits)
    ordered = keys.take(perm)
    if bool(np.any((hashed[1:] == hashed[:-1]) != (ordered[1:] == ordered[:-1]))):
        perm = np.argsort(keys, kind="stable")  # two keys share a hash
        return perm, keys.take(perm)
    return perm, ordered


def distinct_counts(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(keys, return_counts=True)`` by one sort, with no boolean mask (applying a
    mask of mixed density costs several times a sort's share per entry here)."""
    ordered = np.sort(keys)
    if not ordered.size:
        return ordered, np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(ordered[1:] != ordered[:-1]) + 1
    bounds = np.concatenate([[0], starts, [ordered.size]])
    return ordered.take(bounds[:-1]), np.diff(bounds)


"""Connected components of an undirected graph given as arrays of edges.

The sentence graph's near-duplicate groups and the copy sets of a pile of documents are
both the components of a few strong links. Done here with numpy alone, it spares the
engine ``scipy.sparse.csgraph``, whose import loads all of ``scipy.linalg`` (0.3 s at the
start of every one-shot run and worker, and memory a worker under a tight cap may not
have when a pile first needs it).
"""

from __future__ import annotations

import numpy as np


def components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected components of the undirected graph with edges ``a[i] - b[i]`` on ``n`` nodes.

    Each component is labelled by its smallest node. Min-label hooking of roots with pointer
    jumping (Shiloach & Vishkin 1982), vectorized: every round halves the distance to the
    roots, so a few array passes over the edges suffice.
    """
    label = np.arange(n)
    while a.size:
        la, lb = label[a], label[b]
        low = np.minimum(la, lb)
        if np.array_equal(la, lb):
            break
        np.minimum.at(label, la, low)
        np.minimum.at(label, lb, low)
        while True:  # pointer jumping until every node points at its root
            jumped = label[label]
            if np.array_equal(jumped, label):
                break
            label = jumped
    return label

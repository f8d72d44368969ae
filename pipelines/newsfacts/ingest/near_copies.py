"""Near-copies: articles whose texts are nearly the same (wire copy syndicated with another headline or
boilerplate, a lightly edited update), found with MinHash over word 2-shingles (pairs of words) and LSH (datasketch).

A signature is 128 32-bit minima (512 bytes), kept in article_texts.minhash, so each batch is compared
with the whole corpus without reading a text again. Two articles are near-copies when the estimated
Jaccard similarity of their shingle sets is at least THRESHOLD: editing 5% of the words of a text
changes about 10% of its word pairs (similarity ~0.8), while two outlets' own reports of one event
share few pairs of words in a row (ECB+ articles of one topic: well under THRESHOLD).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from datasketch import LeanMinHash

# datasketch is imported only where signatures are compared: it imports scipy, a second of every start.
# A signature is computed here the way datasketch's MinHash(scheme="affine32") computes it (the test
# checks the bytes against datasketch), so a run with nothing to compare never imports it.

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch 2's 32-bit scheme: signatures of 512 bytes
SHINGLE_WORDS = 2
THRESHOLD = 0.6
MIN_SHINGLES = 20  # a text shorter than ~22 words is too short to call a copy of another
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(text: str) -> bytes | None:
    """The MinHash signature of a text's word 2-shingles, None for a text too short to compare."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    hashes = _fmix32(
        np.fromiter((int.from_bytes(hashlib.sha1(g).digest()[:4], "little") for g in grams), np.uint32, len(grams))
    )
    a, b = _permutations()
    minima = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    for start in range(0, len(hashes), _ROWS_AT_ONCE):  # shingles x permutations, a block at a time
        block = hashes[start : start + _ROWS_AT_ONCE, None] * a + b  # wraps: arithmetic modulo 2^32
        minima = np.minimum(minima, block.min(axis=0))
    return minima.astype("<u4").tobytes()


_ROWS_AT_ONCE = 8192


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutations h -> a*h + b (a odd) for SEED, drawn in its order."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, which datasketch applies to each hash before permuting it."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def _minhash(sig: bytes) -> LeanMinHash:
    from datasketch import LeanMinHash

    return LeanMinHash(seed=SEED, hashvalues=np.frombuffer(sig, dtype="<u4"), scheme=SCHEME)


def find_near_copies(
    batch: Mapping[str, bytes], corpus: Mapping[str, bytes], order: Mapping[str, str]
) -> dict[str, tuple[str, float]]:
    """article_id -> (the article it is a near-copy of, estimated similarity), for articles of `batch`.

    An article is a copy of one published before it (any of `corpus`) or of one of its batch that
    comes first in `order` (paths); of several, the most similar (then the first in order). So the
    first of a family is never marked, and no two articles mark each other."""
    if not batch or len({**corpus, **batch}) < 2:
        return {}  # nothing to compare with (a first run of one article)
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    hashes = {aid: _minhash(sig) for aid, sig in {**corpus, **batch}.items()}
    with lsh.insertion_session() as session:
        for aid, m in hashes.items():
            session.insert(aid, m)
    found: dict[str, tuple[str, float]] = {}
    for aid in batch:
        m = hashes[aid]
        best: tuple[float, str, str] | None = None
        for other in lsh.query(m):
            if other == aid:
                continue
            earlier = other in corpus or (order.get(other, ""), other) < (order.get(aid, ""), aid)
            if not earlier:
                continue
            sim = float(m.jaccard(hashes[other]))
            rank = (-sim, order.get(other, ""), other)
            if sim >= THRESHOLD and (best is None or rank < best):
                best = rank
        if best is not None:
            found[aid] = (best[2], round(-best[0], 4))
    return found

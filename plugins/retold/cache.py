"""Results of the expensive stages, kept by a hash of everything they depend on.

Parsing depends on one seed; linking a version depends on it, the base version, the glossary
and the matcher's settings. Editing one seed therefore recomputes only that seed's parse and
its links (or everything, when the base itself changes). Keys include a hash of this
package's source, so a code change never serves a stale result. The cache lives in memory
for `mkdocs serve` and, for repeated `python build.py` runs, in a folder of pickles.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


@cache
def code_hash() -> str:
    """A hash of the package's own source files."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def key(*parts: object) -> str:
    """A cache key from the reprs of `parts` (dataclasses give complete, stable reprs)."""
    digest = hashlib.sha256(code_hash().encode())
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


class Cache:
    """A memory cache with an optional folder behind it; never a source of errors."""

    def __init__(self, folder: Path | None = None, *, limit: int = 4096) -> None:
        self.folder = folder
        self.limit = limit
        self.memory: dict[str, object] = {}
        self.hits = 0
        self.misses = 0
        self.used: set[str] = set()

    def get(self, name: str, compute: Callable[[], T]) -> T:
        self.used.add(name)
        if name in self.memory:
            self.hits += 1
            return self.memory[name]  # type: ignore[return-value]
        value = self._load(name)
        if value is None:
            self.misses += 1
            value = compute()
            self._store(name, value)
        else:
            self.hits += 1
        if len(self.memory) >= self.limit:
            self.memory.clear()
        self.memory[name] = value
        return value  # type: ignore[return-value]

    def _load(self, name: str) -> object | None:
        if self.folder is None:
            return None
        try:
            with (self.folder / f"{name}.pickle").open("rb") as fh:
                return pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            return None

    def _store(self, name: str, value: object) -> None:
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.folder / f"{name}.pickle")
        except OSError:
            pass  # a cache that cannot be written only costs time

    def prune(self) -> None:
        """Delete stored results that this build did not use (older seeds, older code)."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.glob("*.pickle"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)

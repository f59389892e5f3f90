"""Retold: cut retellings of one article into claims, align them, and publish the comparison."""

from retold.errors import RetoldError
from retold.model import ClaimGroup, Corpus, Rendering, Sentence, Version, VersionMeta
from retold.pipeline import build_corpus

__all__ = [
    "ClaimGroup",
    "Corpus",
    "Rendering",
    "RetoldError",
    "Sentence",
    "Version",
    "VersionMeta",
    "build_corpus",
]

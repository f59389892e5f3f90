"""Find the seed files of a corpus, decode them, and read their metadata from `seeds.yml`.

A seed is a regular `*.txt` or `*.md` file directly in the seeds folder. Anything else that
could lead the build to another file (a symbolic link, a manifest `file:` with a folder in it)
is skipped with a warning and never read: whatever a seed holds is published. Problems with
one seed (unreadable, empty, binary, not UTF-8 or UTF-16, too large) skip that seed with a
warning; problems with the manifest stop the build, because silently dropping metadata would
mislabel the site.
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from retold.errors import RetoldError
from retold.files.yamlnodes import compose, mapping, scalar, sequence
from retold.files.yamlnodes import line as yaml_line
from retold.model import RELATIONS, VersionMeta
from retold.text.slugs import ID_PATTERN, MAX_ID, RESERVED_IDS, cap_slug, slugify

SEED_SUFFIXES = (".txt", ".md")
SEEDS_YML = "seeds.yml"
MAX_SEED_BYTES = 5 * 1024 * 1024
VERSION_KEYS = ("file", "id", "title", "outlet", "url", "language", "relation", "date")
TOP_KEYS = ("base", "versions")


@dataclass(frozen=True)
class Seed:
    """A decoded seed file with its metadata."""

    path: Path
    text: str
    meta: VersionMeta


@dataclass(frozen=True)
class Manifest:
    """What `seeds.yml` says: metadata per file name, and the base version's id."""

    entries: dict[str, VersionMeta]
    base: str | None
    lines: dict[str, int]


# UTF-32 first: its little-endian BOM begins with UTF-16's
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_seed(path: Path, data: bytes) -> str:
    """Decode a seed as UTF-8 with an optional BOM (or UTF-16/32 with their BOM, as Windows
    editors save "Unicode" text), or raise an error naming the bad byte."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                data = data.decode(encoding).encode("utf-8")
            except UnicodeDecodeError as exc:
                raise RetoldError(
                    path, f"is not valid {encoding.upper()} (byte {exc.start}).", hint="Re-save the file as UTF-8."
                ) from None
            break
    if not data.strip():
        raise RetoldError(path, "the seed is empty.", hint="Add the article's text or remove the file.")
    if b"\x00" in data:
        raise RetoldError(
            path,
            "looks like a binary file (it contains NUL bytes).",
            byte=data.index(b"\x00"),
            hint="Seeds must be UTF-8 text.",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise RetoldError(
            path,
            f"is not valid UTF-8 (byte {exc.start}, line {line}).",
            hint="Re-save the file as UTF-8.",
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


TITLE_CHARS = 80
"""Longest inferred title: it names the version in the navigation, on its pages and in every list."""


def infer_title(text: str) -> str:
    """Title of a seed without metadata: its first Markdown heading, else its first line, cut at
    a word with an ellipsis when long (a version whose archive kept no headline starts with its
    first sentence, and a title cut inside a word reads as a mistake).

    >>> infer_title("# Labs in Beijing")
    'Labs in Beijing'
    >>> infer_title("German fashion group Hugo Boss reported better-than-expected first-quarter results on Tuesday.")
    'German fashion group Hugo Boss reported better-than-expected first-quarter…'
    """
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    first = next((ln for ln in lines if ln.startswith("#")), lines[0] if lines else "")
    title = first.lstrip("#").strip() or first
    if len(title) <= TITLE_CHARS:
        return title
    cut = title[: TITLE_CHARS + 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > TITLE_CHARS // 2 else cut[:TITLE_CHARS]).rstrip(" ,;:-–—") + "…"


def read_manifest(path: Path) -> Manifest:
    """Parse `seeds.yml`, keeping line numbers so every error can point at its line."""
    root = compose(path)
    if root is None:
        return Manifest({}, None, {})
    base: str | None = None
    entries: dict[str, VersionMeta] = {}
    lines: dict[str, int] = {}
    ids: dict[str, int] = {}
    for key, value, _ in mapping(path, root, "The manifest", TOP_KEYS):
        if key == "base":
            base = scalar(path, value, key)
            continue
        for item in sequence(path, value, key):
            meta, item_line = _version_entry(path, item)
            if meta.file in entries:
                raise RetoldError(path, f"file '{meta.file}' is listed twice.", line=item_line)
            if meta.id in ids:
                raise RetoldError(
                    path,
                    f"duplicate id '{meta.id}' (first used on line {ids[meta.id]}).",
                    line=item_line,
                    hint="Give each version its own id.",
                )
            ids[meta.id] = item_line
            entries[meta.file] = meta
            lines[meta.file] = item_line
    return Manifest(entries, base, lines)


def _version_entry(path: Path, node: yaml.Node) -> tuple[VersionMeta, int]:
    line = yaml_line(node)
    values: dict[str, Any] = {}
    for key, value, _ in mapping(path, node, "A version entry", VERSION_KEYS):
        values[key] = scalar(path, value, key)
    file = values.get("file")
    if not file:
        raise RetoldError(path, "a version entry has no 'file'.", line=line)
    relation = values.get("relation")
    if relation is not None and relation not in RELATIONS:
        raise RetoldError(
            path,
            f"relation '{relation}' is not one of {', '.join(RELATIONS)}.",
            line=line,
        )
    version_id = values.get("id") or slugify(Path(file).stem)
    if not ID_PATTERN.fullmatch(version_id):
        raise RetoldError(
            path,
            f"id '{version_id}' must be lower-case letters, digits and hyphens.",
            line=line,
        )
    if len(version_id) > MAX_ID or version_id in RESERVED_IDS:
        raise RetoldError(
            path,
            f"id '{version_id}' is {'reserved for an index page' if version_id in RESERVED_IDS else 'too long'}.",
            line=line,
            hint=f"Choose another id of at most {MAX_ID} characters.",
        )
    meta = VersionMeta(
        id=version_id,
        file=file,
        title=values.get("title") or "",
        outlet=values.get("outlet"),
        url=values.get("url"),
        language=values.get("language"),
        relation=relation,
        date=values.get("date"),
    )
    return meta, line


def load_seeds(seeds_dir: Path, warnings: list[str], notes: list[str] | None = None) -> tuple[list[Seed], str | None]:
    """Read every seed of a folder with its metadata; return them and the base version's id.

    `warnings` gets what the user should fix (skipped seeds); `notes`, what is normal use but
    worth knowing (a seed with no manifest entry)."""
    if not seeds_dir.is_dir():
        raise RetoldError(seeds_dir, "is not a folder.", hint="Pass the folder that holds the seed files.")
    manifest_path = seeds_dir / SEEDS_YML
    manifest = read_manifest(manifest_path) if manifest_path.is_file() else Manifest({}, None, {})
    candidates = sorted(p for p in seeds_dir.iterdir() if p.suffix.lower() in SEED_SUFFIXES)
    links = {p.name for p in candidates if p.is_symlink()}
    for name in sorted(links):
        warnings.append(
            f"{seeds_dir / name}: skipped: a symbolic link is never read (a seed is published). "
            "Copy the file into the seeds folder instead."
        )
    paths = [p for p in candidates if p.name not in links and p.is_file()]
    names = {p.name for p in paths}
    for file, line in manifest.lines.items():
        if file in links:
            continue
        if Path(file).name != file or file in (".", "..") or "\\" in file:
            warnings.append(
                f"{manifest_path}:{line}: ignored: '{file}' is not a file name in the seeds folder, "
                "and nothing outside it is ever read. List the file's name only."
            )
        elif file not in names:
            raise RetoldError(
                manifest_path,
                f"lists '{file}', which is not a seed in {seeds_dir}.",
                line=line,
                hint="Fix the file name or remove the entry.",
            )
    seeds: list[Seed] = []
    used_ids = {m.id for m in manifest.entries.values()} | RESERVED_IDS
    for path in paths:
        try:
            text = decode_seed(path, read_seed(path))
        except RetoldError as exc:
            warnings.append(f"{exc} Skipped.")
            continue
        meta = manifest.entries.get(path.name)
        if meta is None:
            meta = _inferred_meta(path, text, used_ids)
            used_ids.add(meta.id)
            if notes is not None:
                notes.append(
                    f"{path}: not listed in {manifest_path.name}; using id '{meta.id}', name '{meta.name}' (from "
                    f"the file name) and title '{meta.title}'. Add an entry to set its metadata."
                )
        elif not meta.title:
            meta = VersionMeta(**{**meta.__dict__, "title": infer_title(text)})
        seeds.append(Seed(path, text, meta))
    if not seeds:
        raise RetoldError(seeds_dir, "holds no usable seed (*.txt or *.md).", hint="Add article versions.")
    if manifest.base is not None and manifest.base not in {s.meta.id for s in seeds}:
        raise RetoldError(
            manifest_path,
            f"'base' names '{manifest.base}', which is not the id of any version.",
            hint=f"Use one of: {', '.join(s.meta.id for s in seeds)}.",
        )
    return seeds, manifest.base


def read_seed(path: Path) -> bytes:
    """A seed's bytes, read only if it is still a regular file (not a link swapped in since the
    folder was listed) within the size limit; an error saying why not, otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise RetoldError(path, f"cannot read it ({exc.strerror}).", hint="Check its permissions.") from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise RetoldError(path, "is not a regular file.")
        if info.st_size > MAX_SEED_BYTES:
            raise RetoldError(path, f"{info.st_size} bytes is over the limit of {MAX_SEED_BYTES} bytes per seed.")
        try:
            return fh.read(MAX_SEED_BYTES + 1)
        except OSError as exc:
            raise RetoldError(path, f"cannot read it ({exc.strerror}).") from None


def _inferred_meta(path: Path, text: str, used: set[str]) -> VersionMeta:
    base_id = cap_slug(slugify(path.stem)) or "version"
    version_id, n = base_id, 2
    while version_id in used:
        version_id, n = f"{base_id}-{n}", n + 1
    return VersionMeta(id=version_id, file=path.name, title=infer_title(text), inferred=True)

"""Write generated files into a folder all at once, and never touch what is not ours.

Everything is rendered in memory first. The files that changed are then staged in a hidden
folder inside the output folder, a journal listing them is written (the commit point), and
only then are they moved into place, stale files removed and `claims.lock` updated. A build
killed before the journal exists leaves the old output as it was; one killed after it is
finished by the next run (`recover`). Either way pages and `claims.lock` agree.

Only files this tool wrote may be removed: the manifest records a hash of each, and a listed
file is removed only if it lies inside the output folder, is no link, and still holds exactly
what was written. Anything else in that list is left alone with a warning, since the manifest
is just a file that anyone could edit. Files are written with the mode the umask asks for, and
one build at a time holds a lock on the output folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Container, Iterator, Mapping
from pathlib import Path

from retold.errors import RetoldError

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; builds into one folder are not serialised there
    fcntl = None  # type: ignore[assignment]

MANIFEST = ".retold-generated.json"
MANIFEST_SCHEMA = 1
STAGE = ".retold-stage"
JOURNAL = "journal.json"
BUILD_LOCK = ".retold-build.lock"
_TMP = re.compile(r"\..+\.[A-Za-z0-9_]{8}\.tmp")
"""Names `write_atomic` gives its temporary files (mkstemp's eight random characters)."""


def file_mode() -> int:
    """The mode a new file gets under this process's umask, as `open()` would give it
    (`mkstemp` alone would give 0600, unreadable to the web server that publishes the site)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step: readers see the old file or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), file_mode())
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def build_lock(out_dir: Path, lock_path: Path, warnings: list[str]) -> Iterator[None]:
    """Hold the output folder's lock (concurrent builds into one folder run one after another),
    having first finished what a stopped build left (`recover`): before this build reads its
    seeds, so it starts from the claims.lock that agrees with the pages in `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / BUILD_LOCK).open("a") as fh:  # closing it releases the lock
        if fcntl is not None:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                print(f"retold: waiting for another build into {out_dir} to finish", file=sys.stderr)
                fcntl.flock(fh, fcntl.LOCK_EX)
        recover(out_dir, lock_path, warnings)
        yield


def inside(out_dir: Path, rel: object) -> Path | None:
    """`out_dir / rel` when `rel` names a place inside the output folder (through no link and
    not in the staging folder); None otherwise."""
    if not isinstance(rel, str) or not rel or "\\" in rel or "\0" in rel:
        return None
    parts = Path(rel).parts
    if Path(rel).is_absolute() or ".." in parts or parts[0] in (STAGE, MANIFEST, BUILD_LOCK):
        return None
    path = out_dir / rel
    root = out_dir.resolve()
    if path.parent.resolve() != root and root not in path.parent.resolve().parents:
        return None
    return path


def recorded(out_dir: Path, warnings: list[str]) -> dict[str, str]:
    """What the previous build says it wrote: relative path -> sha256 of the bytes."""
    manifest = out_dir / MANIFEST
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        warnings.append(f"{manifest}: unreadable ({exc}); no earlier file is removed.")
        return {}
    files = data.get("files") if isinstance(data, dict) and data.get("schema") == MANIFEST_SCHEMA else None
    if not isinstance(files, dict):
        warnings.append(
            f"{manifest}: not a manifest this version wrote; no earlier file is removed. "
            "Delete stale generated files by hand if any are left."
        )
        return {}
    return {rel: h for rel, h in files.items() if isinstance(rel, str) and isinstance(h, str)}


def _ours(out_dir: Path, rel: str, digest: str) -> Path | None:
    """The path of a listed file if removing it is safe: inside, a regular file, unchanged."""
    path = inside(out_dir, rel)
    if path is None:
        return None
    try:
        if not stat.S_ISREG(path.lstat().st_mode) or sha256(path.read_bytes()) != digest:
            return None
    except OSError:
        return None
    return path


def _unchanged(path: Path, data: bytes) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode) and path.read_bytes() == data
    except OSError:
        return False


def stale(out_dir: Path, keep: Container[str], warnings: list[str]) -> dict[str, str]:
    """The files an earlier build wrote into `out_dir` that are not in `keep` and still hold
    exactly what it wrote (relative path -> sha256): what a build may remove, and what the
    plugin leaves out of a site it builds over that folder. A listed file that is not ours
    (outside, a link, changed since) goes to `warnings` instead."""
    out: dict[str, str] = {}
    for rel, digest in sorted(recorded(out_dir, warnings).items()):
        if rel in keep:
            continue
        if _ours(out_dir, rel, digest) is not None:
            out[rel] = digest
        elif inside(out_dir, rel) is None or (out_dir / rel).exists() or (out_dir / rel).is_symlink():
            warnings.append(
                f"{out_dir / MANIFEST}: lists '{rel}', which is not a file this build wrote "
                "(outside the folder, a link, or changed since); left alone."
            )
    return out


def write_tree(
    out_dir: Path,
    files: Mapping[str, str | bytes],
    *,
    lock: tuple[Path, str] | None = None,
    warnings: list[str] | None = None,
) -> tuple[int, int]:
    """Write `files` (relative path -> text, or bytes for pictures) under `out_dir`, and `lock` (path, text) with them,
    all or nothing; remove files an earlier build wrote that are no longer generated. Called
    inside `build_lock`, which has finished any stopped build.

    Returns (written, removed); what was listed but not ours to remove goes to `warnings`."""
    warnings = [] if warnings is None else warnings
    encoded = {rel: c if isinstance(c, bytes) else c.encode("utf-8") for rel, c in files.items()}
    changed: list[str] = []
    for rel, data in sorted(encoded.items()):
        path = inside(out_dir, rel)
        if path is None:
            raise RetoldError(out_dir / rel, "would be written outside the output folder.")
        if not _unchanged(path, data):
            changed.append(rel)
    remove = stale(out_dir, encoded, warnings)
    manifest = json.dumps({"schema": MANIFEST_SCHEMA, "files": {r: sha256(d) for r, d in sorted(encoded.items())}})
    if not changed and not remove and lock is None and _unchanged(out_dir / MANIFEST, manifest.encode()):
        return 0, 0
    stage = out_dir / STAGE
    shutil.rmtree(stage, ignore_errors=True)
    (stage / "files").mkdir(parents=True)
    for n, rel in enumerate(changed):
        write_atomic(stage / "files" / str(n), encoded[rel])
    if lock is not None:
        write_atomic(stage / "lock", lock[1].encode("utf-8"))
    journal = {
        "write": changed,
        "remove": remove,
        "lock": str(lock[0].resolve()) if lock else None,
        "manifest": manifest,
    }
    write_atomic(stage / JOURNAL, json.dumps(journal).encode("utf-8"))  # the commit point
    _apply(out_dir, lock[0] if lock else None, journal, warnings)
    return len(changed), len(remove)


def recover(out_dir: Path, lock_path: Path, warnings: list[str]) -> None:
    """Finish a build that was stopped after its commit point, with the claims.lock it
    committed if that is `lock_path` (this build's); drop one stopped before it, and temporary
    files that a stopped write left behind."""
    stage = out_dir / STAGE
    try:
        journal = json.loads((stage / JOURNAL).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        journal = None
    if isinstance(journal, dict):
        warnings.append(f"{out_dir}: finished writing the output of a build that was stopped.")
        _apply(out_dir, lock_path, journal, warnings)
    shutil.rmtree(stage, ignore_errors=True)
    leftovers = [*out_dir.rglob(".*.tmp"), *lock_path.parent.glob(f".{lock_path.name}.*.tmp")]
    for tmp in leftovers:
        if _TMP.fullmatch(tmp.name) and tmp.is_file() and not tmp.is_symlink():
            tmp.unlink(missing_ok=True)


def _apply(out_dir: Path, lock_path: Path | None, journal: dict[str, object], warnings: list[str]) -> None:
    """Carry out a journal; safe to repeat, and checks every path again (a journal is a file too)."""
    stage = out_dir / STAGE
    write, remove = journal.get("write"), journal.get("remove")
    for n, rel in enumerate(write if isinstance(write, list) else []):
        path, staged = inside(out_dir, rel), stage / "files" / str(n)
        if path is not None and staged.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, path)
    for rel, digest in (remove if isinstance(remove, dict) else {}).items():
        path = _ours(out_dir, rel, digest) if isinstance(digest, str) else None
        if path is not None:
            path.unlink()
            parent = path.parent
            while parent != out_dir and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
    staged_lock = stage / "lock"
    if staged_lock.is_file():
        if lock_path is not None and journal.get("lock") == str(lock_path.resolve()):
            write_atomic(lock_path, staged_lock.read_bytes())
        else:
            warnings.append(f"{out_dir}: a stopped build's claims.lock was for another seeds folder; not written.")
        staged_lock.unlink()
    manifest = journal.get("manifest")
    if isinstance(manifest, str):
        write_atomic(out_dir / MANIFEST, manifest.encode("utf-8"))
    shutil.rmtree(stage, ignore_errors=True)

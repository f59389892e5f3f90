"""`seeds/claims.lock`: every claim id and sentence anchor issued so far, and the one module
that reads, compares and writes it.

The build reads the lock (`read_lock`), carries its ids over (`retold.match.identity`) and hands the
updated lock back to its caller (`retold.pipeline.Build.lock`, only when it differs from the
file: `pending_lock`). `mkdocs build` writes it with `write_lock` once the site has built;
`python build.py` switches it in together with the pages (`retold.files.output.write_tree`). Either
way `check_writable` first refuses a lock the user made read-only.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from retold.errors import RetoldError, refuse_link
from retold.files.output import write_atomic
from retold.text.slugs import ID_PATTERN, MAX_ID, RESERVED_IDS

LOCK = "claims.lock"
LOCK_SCHEMA = 1


@dataclass(frozen=True)
class Issued:
    """One id as the lock records it."""

    version: str
    text: str
    gone: bool = False
    moved_to: str | None = None


@dataclass(frozen=True)
class Lock:
    """Every claim id and sentence anchor issued so far."""

    claims: dict[str, Issued] = field(default_factory=dict)
    anchors: dict[str, dict[str, str]] = field(default_factory=dict)

    def dumps(self) -> str:
        """Deterministic JSON, one entry per line, so diffs of the lock stay readable."""
        lines = ['{"lock": 1,', ' "claims": {']
        items = sorted(self.claims.items())
        for n, (cid, e) in enumerate(items):
            entry: dict[str, object] = {"version": e.version, "text": e.text}
            if e.gone:
                entry["gone"] = True
                entry["moved_to"] = e.moved_to
            comma = "," if n + 1 < len(items) else ""
            lines.append(f"  {json.dumps(cid)}: {json.dumps(entry, ensure_ascii=False)}{comma}")
        lines.append(" },")
        lines.append(' "anchors": {')
        versions = sorted(self.anchors.items())
        for n, (vid, anchors) in enumerate(versions):
            lines.append(f"  {json.dumps(vid)}: {{")
            rows = sorted(anchors.items(), key=lambda kv: (len(kv[0]), kv[0]))
            for k, (a, text) in enumerate(rows):
                comma = "," if k + 1 < len(rows) else ""
                lines.append(f"   {json.dumps(a)}: {json.dumps(text, ensure_ascii=False)}{comma}")
            lines.append("  }" + ("," if n + 1 < len(versions) else ""))
        lines.append(" }")
        lines.append("}")
        return "\n".join(lines) + "\n"


def read_lock(path: Path) -> Lock:
    """The lock at `path` (an empty one when there is none), or an error naming what is wrong."""
    refuse_link(path)
    if not path.is_file():
        return Lock()
    hint = "Restore it from version control, or delete it to issue new ids (old URLs would then break)."
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RetoldError(path, f"cannot read it ({exc.strerror}).", hint="Check its permissions.") from None
    except UnicodeDecodeError:
        raise RetoldError(path, "is not UTF-8 text.", hint=hint) from None
    except json.JSONDecodeError as exc:
        raise RetoldError(
            path, f"is not valid JSON ({exc.msg}, column {exc.colno}).", line=exc.lineno, hint=hint
        ) from None
    if not isinstance(data, dict) or data.get("lock") != LOCK_SCHEMA:
        raise RetoldError(path, f'is not a claims lock of schema {LOCK_SCHEMA} (expected "lock": 1).', hint=hint)
    claims: dict[str, Issued] = {}
    raw_claims = data.get("claims", {})
    if not isinstance(raw_claims, dict):
        raise RetoldError(path, "'claims' must be an object.", hint=hint)
    for cid, e in raw_claims.items():
        if not (
            isinstance(e, dict)
            and isinstance(e.get("version"), str)
            and isinstance(e.get("text"), str)
            and isinstance(e.get("gone", False), bool)
            and (e.get("moved_to") is None or isinstance(e.get("moved_to"), str))
            and ID_PATTERN.fullmatch(cid)
        ):
            raise RetoldError(path, f"claim entry '{cid}' is malformed.", line=_line_of(path, cid), hint=hint)
        if cid in RESERVED_IDS or len(cid) > MAX_ID:
            raise RetoldError(
                path,
                f"claim id '{cid}' would name {'an index page' if cid in RESERVED_IDS else 'a file too long'}.",
                line=_line_of(path, cid),
                hint="Rename the id, or delete the entry to issue a new one.",
            )
        claims[cid] = Issued(e["version"], e["text"], e.get("gone", False), e.get("moved_to"))
    anchors: dict[str, dict[str, str]] = {}
    raw_anchors = data.get("anchors", {})
    if not isinstance(raw_anchors, dict):
        raise RetoldError(path, "'anchors' must be an object.", hint=hint)
    for vid, table in raw_anchors.items():
        if not isinstance(table, dict) or not all(
            isinstance(t, str) and re.fullmatch(r"s\d+", a) for a, t in table.items()
        ):
            raise RetoldError(
                path, f"the anchors of version '{vid}' are malformed.", line=_line_of(path, vid), hint=hint
            )
        anchors[vid] = dict(table)
    return Lock(claims, anchors)


def _line_of(path: Path, name: str) -> int | None:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if json.dumps(name) in line:
            return n
    return None


def pending_lock(seeds_dir: Path, lock: Lock) -> str | None:
    """The text of `lock` when it differs from the lock in the seeds folder, else None."""
    text = lock.dumps()
    try:
        current = (seeds_dir / LOCK).read_text(encoding="utf-8")
    except FileNotFoundError:
        current = ""
    except OSError as exc:
        raise RetoldError(seeds_dir / LOCK, f"cannot read it ({exc.strerror}).", hint="Check permissions.") from None
    return None if current == text else text


def check_writable(seeds_dir: Path) -> None:
    """Refuse, before anything is written, to replace a lock the user made read-only (renaming
    over it would succeed), or one in a folder where the new lock cannot be created."""
    path = seeds_dir / LOCK
    hint = "Make it writable to record them, or build with --frozen to leave claims.lock as it is."
    if path.exists() and (not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222):
        raise RetoldError(path, "is read-only, and this build issues new claim ids.", hint=hint)
    if not os.access(seeds_dir, os.W_OK | os.X_OK):
        raise RetoldError(seeds_dir, f"is read-only, and this build issues new claim ids for {LOCK}.", hint=hint)


def write_lock(seeds_dir: Path, text: str) -> None:
    """Replace the seeds folder's lock with `text` (from `pending_lock`) in one step."""
    check_writable(seeds_dir)
    write_atomic(seeds_dir / LOCK, text.encode("utf-8"))

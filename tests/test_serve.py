"""`mkdocs serve`: one edit of a seed causes exactly one rebuild, and the edit is served."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .test_site import write_config


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(predicate, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_one_seed_edit_one_rebuild(seeds_copy: Path, tmp_path: Path) -> None:
    cfg = write_config(seeds_copy, tmp_path)
    port = _free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "-f",
                str(cfg),
                "-a",
                f"127.0.0.1:{port}",
                "--livereload",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        builds = lambda: log.read_text().count("Documentation built")  # noqa: E731
        assert _wait_for(lambda: "Serving on" in log.read_text(), 90), log.read_text()
        assert builds() == 1
        seed = seeds_copy / "001_47a91e972499c6ba.txt"
        seed.write_text(seed.read_text(encoding="utf-8") + "\nA freshly added zebracorn sentence.\n", encoding="utf-8")
        assert _wait_for(lambda: builds() >= 2, 60), log.read_text()
        time.sleep(4)  # a rebuild loop would show up as further builds here
        assert builds() == 2, log.read_text()
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/versions/gigazine/", timeout=10).read().decode()
        assert "zebracorn" in page
    finally:
        proc.terminate()
        proc.wait(timeout=20)

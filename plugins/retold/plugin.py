"""The `retold` MkDocs plugin: `mkdocs build` and `mkdocs serve` run the build step themselves.

Hooks, in the order MkDocs calls them:

- `on_startup`: marks the plugin persistent across `mkdocs serve` rebuilds, so the parsed and
  aligned corpus is cached and recomputed only when a seed's bytes change.
- `on_config`: builds (or reuses) the corpus from the seeds folder and renders every page in
  memory; sets the navigation in reading order when mkdocs.yml has no `nav`. Bad input stops
  the build here with a message naming the file, before MkDocs touches `site_dir`.
- `on_files`: adds the generated pages and `export/corpus.json` as virtual files
  (`File.generated`), replacing stale copies a `python build.py` run may have left in `docs/`.
  Nothing is written into `docs_dir`, so serving causes no rebuild loop.
- `on_serve`: watches the seeds folder, so one edit of a seed triggers one rebuild.
- `on_post_build`: after a successful `mkdocs build`, records newly issued claim ids in
  `seeds/claims.lock` (not while serving: the lock is written by the builds you publish).
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from retold.cache import Cache
from retold.config import RetoldConfig
from retold.errors import RetoldError
from retold.identity import LOCK, update_lock
from retold.model import Corpus
from retold.pages import Site, render_site
from retold.pipeline import build_corpus

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


def fingerprint(seeds_dir: Path) -> str:
    """A hash of every file directly in the seeds folder: names and bytes."""
    digest = hashlib.sha256()
    if seeds_dir.is_dir():
        for path in sorted(p for p in seeds_dir.iterdir() if p.is_file()):
            digest.update(path.name.encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


class RetoldPlugin(BasePlugin[RetoldConfig]):
    """Generate Retold's claim, version and list pages from the seeds folder."""

    def __init__(self) -> None:
        self._key: str | None = None
        self._site: Site | None = None
        self._warnings: tuple[str, ...] = ()
        self.seeds_dir = Path("seeds")
        self.command = "build"
        self.cache = Cache()
        self._corpus: Corpus | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Presence of this hook keeps one plugin instance (and its cache) across rebuilds."""
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.seeds_dir = (Path(config.config_file_path).parent / self.config.seeds).resolve()
        key = fingerprint(self.seeds_dir)
        if key != self._key or self._site is None:
            try:
                corpus = build_corpus(self.seeds_dir, cache=self.cache)
            except RetoldError as exc:
                raise PluginError(f"retold: {exc}") from None
            self._site, self._key, self._warnings, self._corpus = render_site(corpus), key, corpus.warnings, corpus
        for warning in self._warnings:
            log.warning(warning)
        if self.config.nav and not config.nav:
            config.nav = self._site.nav
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self._site is not None
        for path, content in self._site.files.items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, path, content=content))
        return files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.command != "serve" and self._corpus is not None and update_lock(self.seeds_dir, self._corpus):
            log.info(f"retold: updated {self.seeds_dir / LOCK}; commit it with the seeds")

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
        server.watch(str(self.seeds_dir))
        return server

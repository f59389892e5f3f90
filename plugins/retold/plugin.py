"""The `retold` MkDocs plugin: `mkdocs build` and `mkdocs serve` run the build step themselves.

Hooks, in the order MkDocs calls them:

- `on_startup`: marks the plugin persistent across `mkdocs serve` rebuilds, so the parsed and
  aligned corpus is cached and recomputed only when a seed's bytes change.
- `on_config`: runs the build sequence (`retold.pipeline.Builds`: the corpus and every page,
  in memory, reused while the seeds folder is unchanged), adds a search page when
  `pagefind: true`; sets the navigation in reading order when mkdocs.yml has no `nav`; puts the plugin's
  `theme/` (one template: Material's script bundle deferred) before the theme's own
  templates. Bad input stops the build here with a message naming the file, before MkDocs
  touches `site_dir`; under `mkdocs serve`, once a site has been built, bad input keeps that
  site instead (a failed rebuild leaves every request waiting) and logs the error.
- `on_page_content`: while the site shown is an older one, says so at the top of each page.
- `on_files`: adds the generated pages and `export/corpus.json` as virtual files
  (`File.generated`), replacing stale copies a `python build.py` run may have left in `docs/`;
  the files such a run wrote that this build no longer generates (the pages of a removed seed)
  are left out of the site, with an info message naming them, and never deleted.
  Pages left out of the navigation on purpose (pages at the addresses of vanished claims; the
  version pages of a large corpus) are marked not-in-nav, so a strict build does not fail on them.
  Nothing is written into `docs_dir`, so serving causes no rebuild loop. Under
  `mkdocs serve --dirty`, a file whose content is the same as in the last build says it is
  unmodified (`retold.render.dirty`), so MkDocs re-renders only the pages an edit changed.
- `on_nav`: under `--dirty`, gives the pages MkDocs will not read this time the titles they
  rendered with last time, so the navigation of the re-rendered pages is complete.
- `on_page_context`: records each rendered page's title for the next dirty build.
- `on_serve`: watches the seeds folder, so one edit of a seed triggers one rebuild.
- `on_post_build`: with `pagefind: true`, indexes the written site with Pagefind (see
  `retold.render.pagefind`); marks the build as done.
- `on_build_error`: a build that failed after all (MkDocs fails a strict build on a warning
  only after `on_post_build`) is not done.
- `on_shutdown`: after a `mkdocs build` that is done, records newly issued claim ids in
  `seeds/claims.lock` (never while serving: the lock is written by the builds you publish).
"""

from __future__ import annotations

import logging
from html import escape as escape_html
from pathlib import Path
from typing import Literal, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from retold.config import THEME, RetoldConfig
from retold.errors import RetoldError, printable
from retold.files.lock import LOCK, write_lock
from retold.files.output import stale
from retold.pipeline import Build, Builds
from retold.render import pagefind
from retold.render.dirty import DirtyBuilds
from retold.render.pages import Site

log = logging.getLogger(f"mkdocs.plugins.{__name__}")
_NAMED = 10
"""Stale files named in the log; more are counted."""


class GeneratedFile(File):
    """A generated file that knows whether its content changed since the last build.

    MkDocs asks `is_modified()` only in dirty builds; a plain generated file always says yes.
    """

    changed: bool = True

    def is_modified(self) -> bool:
        return self.changed


class RetoldPlugin(BasePlugin[RetoldConfig]):
    """Generate Retold's claim, version and list pages from the seeds folder."""

    def __init__(self) -> None:
        self.command = "build"
        self.builds = Builds()
        self.dirty = DirtyBuilds()
        self._build: Build | None = None
        self._site: Site | None = None
        self._failure: str | None = None
        self._done = False

    @property
    def seeds_dir(self) -> Path:
        return Path(self.config.seeds).resolve()

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Presence of this hook keeps one plugin instance (and its cache) across rebuilds."""
        self.command = command
        self.dirty.enabled = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._done = False
        try:
            self._build = self.builds.get(self.seeds_dir, publishing=self.command != "serve")
        except (RetoldError, OSError) as exc:
            message = str(exc) if isinstance(exc, RetoldError) else f"cannot read {exc.filename}: {exc.strerror}."
            if self.command != "serve" or self._build is None:
                raise PluginError(printable(f"retold: {message}")) from None
            # serving: keep the last good site (a failed build would leave every request
            # waiting) and say what is wrong, in the log and on every page
            self._failure = printable(message)
            log.error(f"retold: {self._failure} The site shows the last version that built.")
        else:
            self._failure = None
            for note in self._build.corpus.notes:
                log.info(printable(note))
            for warning in self._build.corpus.warnings:
                log.warning(printable(warning))
        site = self._build.site
        self._site = pagefind.with_search_page(site, config.use_directory_urls) if self.config.pagefind else site
        if str(THEME) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        if self.config.nav and not config.nav:
            config.nav = self._site.nav
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self._site is not None
        self._leave_out_stale(files, Path(config.docs_dir))
        unchanged = self.dirty.unchanged(self._site)
        for path, content in self._site.files.items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            inclusion = InclusionLevel.NOT_IN_NAV if path in self._site.hidden else InclusionLevel.UNDEFINED
            file = cast(GeneratedFile, GeneratedFile.generated(config, path, content=content, inclusion=inclusion))
            file.changed = path not in unchanged
            files.append(file)
        return files

    def _leave_out_stale(self, files: Files, docs_dir: Path) -> None:
        """Leave out of the site the pages an earlier `python build.py` wrote into `docs_dir`
        that this build does not generate (a removed seed's version page, a vanished claim's
        page): published, they would show a corpus that no longer exists. They stay on disk,
        since only build.py's own output step removes files, and only ones still as it wrote
        them: a listed file someone has changed since is theirs, and is published as it is."""
        assert self._site is not None
        notes: list[str] = []
        listed = [files.get_file_from_path(rel) for rel in stale(docs_dir, self._site.files, notes)]
        left_out = [f for f in listed if f is not None and not f.inclusion.is_excluded()]  # not .gitignore
        for file in left_out:
            files.remove(file)
        if left_out:
            more = len(left_out) - _NAMED
            shown = ", ".join(f.src_uri for f in left_out[:_NAMED]) + (f" and {more} more" if more > 0 else "")
            log.info(
                printable(
                    f"retold: left out of the site {len(left_out)} files an earlier build.py wrote into {docs_dir} "
                    f"that the seeds no longer give: {shown}. python build.py removes them, or delete them by hand."
                )
            )
        for note in notes:  # nothing is removed here, so a file not ours to remove is no warning
            log.info(printable(f"retold: {note}"))

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        for page in nav.pages:
            title = self.dirty.title(page.file.src_uri)
            if isinstance(page.file, GeneratedFile) and not page.file.changed and title is not None:
                page.title = title
        return nav

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if page.title is not None:
            self.dirty.rendered(page.file.src_uri, page.title)
        return context

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """While serving a site whose seeds no longer build, say so at the top of every page."""
        if self._failure is None:
            return html
        notice = escape_html(self._failure)
        return f'<p class="rt-build-error" role="alert"><strong>The last rebuild failed:</strong> {notice}</p>\n{html}'

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self._site is not None
        self.dirty.built(self._site)
        if self.config.pagefind:
            try:
                pagefind.index_site(Path(config.site_dir))
            except RetoldError as exc:
                raise PluginError(f"retold: {exc}") from None
        self._done = True

    def on_build_error(self, *, error: Exception) -> None:
        self._done = False

    def on_shutdown(self) -> None:
        """Record the new claim ids of a published build that succeeded, strict checks included."""
        if not self._done or self.command == "serve" or self._build is None or self._build.lock is None:
            return
        try:
            write_lock(self.seeds_dir, self._build.lock)
        except (RetoldError, OSError) as exc:
            raise PluginError(printable(f"retold: {exc}")) from None
        log.info(f"retold: updated {self.seeds_dir / LOCK}; commit it with the seeds")

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
        server.watch(str(self.seeds_dir))
        return server

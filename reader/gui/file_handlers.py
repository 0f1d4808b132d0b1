"""The commands for getting articles in and out: import, paste, drag and drop, export,
backup, restore and copy (named in the action table; main_window.py wires them)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from reader.gui.article_controller import ArticleController
from reader.gui.clipboard import copy_annotations
from reader.gui.errors import show_error
from reader.gui.events import LibraryEvents
from reader.gui.file_tasks import FileTasks
from reader.gui.import_flow import ImportFlow, local_paths, web_addresses
from reader.gui.resources import sample_files
from reader.gui.widgets.library_pane import LibraryPane
from reader.model import ImportStatus, ImportSummary, Scope


def file_filter() -> str:
    """The Import Files dialog's filter: every suffix the importers read (PDF, Word and
    e-mail too), so that it cannot go stale."""
    from reader.library import Library

    return f"Articles ({' '.join('*' + s for s in Library.import_suffixes())});;All files (*)"


class FileHandlers(QObject):
    def __init__(
        self,
        events: LibraryEvents,
        imports: ImportFlow,
        tasks: FileTasks,
        articles: ArticleController,
        pane: LibraryPane,
        status: Callable[[str, int], None],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.events = events
        self.library = events.library
        self.imports = imports
        self.tasks = tasks
        self.articles = articles
        self.view = articles.view
        self.pane = pane
        self.status = status
        self.window = window
        self.writable = not self.library.readonly
        imports.finished.connect(self._imported)

    # -- importing -----------------------------------------------------------------------------

    def import_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self.window, "Import articles", "", file_filter())
        self.imports.import_paths([Path(f) for f in files])

    def toggle_import_attachments(self) -> None:
        """File → Import E-mail Attachments: remembered, used by every later import."""
        on = self.window.actions_by_id["import_attachments"].isChecked()
        self.imports.attachments = on
        self.window.settings.set_import_attachments(on)
        self.status(
            "E-mails' PDF and Word attachments will be imported as articles."
            if on
            else "E-mail attachments are left out of imports.",
            5000,
        )

    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, "Import a folder of articles")
        if folder:
            self.imports.import_paths([Path(folder)])

    def open_samples(self) -> None:
        files = sample_files()
        if not files:
            show_error(self.window, "The sample articles are not installed.")
            return
        self.imports.import_paths(files)

    def paste_article(self) -> None:
        self.imports.paste(QApplication.clipboard().mimeData())

    def accepts(self, mime: QMimeData | None) -> bool:
        """Whether a drag brings files or web addresses to import (and the library is
        writable)."""
        if not self.writable or mime is None:
            return False
        return bool(local_paths(mime) or web_addresses(mime))

    def drop(self, mime: QMimeData | None) -> bool:
        if not self.accepts(mime):
            return False
        assert mime is not None
        if paths := local_paths(mime):
            self.imports.import_paths(paths)
        else:  # a link dragged from a browser: the page is fetched
            self.imports.import_urls(web_addresses(mime))
        return True

    def _imported(self, summary: ImportSummary) -> None:
        """The worker wrote on its own connection: the views hear of it as from another
        program; then the article it brought (if one) opens."""
        if not summary.outcomes:
            return
        self.events.check_outside()
        opened = [
            o.article_id
            for o in summary.outcomes
            if o.status in (ImportStatus.IMPORTED, ImportStatus.DUPLICATE) and o.article_id
        ]
        if opened:
            self.articles.open_and_select(opened[0])
        self.status(summary.line().capitalize(), 8000)

    # -- file tasks and copying (reader/gui/file_tasks.py does the work) ------------------------

    def export_annotations(self) -> None:
        article = self.view.article
        self.tasks.export_dialog(
            (article.id, article.title) if article else None, self.pane.scope()
        )

    def export_articles(self) -> None:
        self.tasks.export_articles()

    def backup_library(self) -> None:
        self.tasks.backup()

    def restore_backup(self) -> None:
        self.tasks.restore()

    def merge_library(self) -> None:
        self.tasks.merge()

    def copy_annotations_csv(self) -> int:
        return self._copy_annotations("csv")

    def copy_annotations_markdown(self) -> int:
        return self._copy_annotations("markdown")

    def _copy_annotations(self, fmt: str) -> int:
        article = self.view.article
        if article is None:
            return 0
        rows = self.library.annotation_rows(Scope(article_ids=(article.id,)))
        count = copy_annotations(rows, fmt)
        if count:
            name = "CSV" if fmt == "csv" else "Markdown"
            unit = "annotation" if count == 1 else "annotations"
            self.status(f"Copied {count} {unit} as {name}.", 5000)
        else:
            self.status("This article has no annotations to copy.", 5000)
        return count

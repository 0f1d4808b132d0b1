"""The window's handlers for getting articles in and out: import, paste, drag and drop,
export, backup, restore and copy. Mixed into `MainWindow` (main_window.py wires them)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from reader.gui.clipboard import copy_annotations
from reader.gui.errors import show_error
from reader.gui.import_flow import local_paths
from reader.gui.resources import sample_files
from reader.model import ImportStatus, ImportSummary, Scope

FILE_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm);;All files (*)"


class FileHandlers:
    """Expects the MainWindow's `library`, `imports`, `tasks`, `view`, `pane`, `model`."""

    # -- importing -----------------------------------------------------------------------------

    def import_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Import articles", "", FILE_FILTER)
        self.imports.import_paths([Path(f) for f in files])

    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import a folder of articles")
        if folder:
            self.imports.import_paths([Path(folder)])

    def open_samples(self) -> None:
        files = sample_files()
        if not files:
            show_error(self, "The sample articles are not installed.")
            return
        self.imports.import_paths(files)

    def paste_article(self) -> None:
        self.imports.paste(QApplication.clipboard().mimeData())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._writable and local_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: ANN001 - Qt signature
        if self._writable and local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_paths(event.mimeData()) if self._writable else []
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.imports.import_paths(paths)

    def _imported(self, summary: ImportSummary) -> None:
        """Refresh what an import changed, and open the article it brought (if one)."""
        if not summary.outcomes:
            return
        self._seen_version = self.library.data_version()
        self._refresh_filters()
        self.model.refresh()
        self.annotations_changed()  # new articles: new counts
        opened = [
            o.article_id
            for o in summary.outcomes
            if o.status in (ImportStatus.IMPORTED, ImportStatus.DUPLICATE) and o.article_id
        ]
        if opened:
            target = opened[0]
            if self.open_article(target, quiet=True):
                self.pane.select_article(target, emit=False)
        self.statusBar().showMessage(summary.line().capitalize(), 8000)

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
            self.statusBar().showMessage(f"Copied {count} {unit} as {name}.", 5000)
        else:
            self.statusBar().showMessage("This article has no annotations to copy.", 5000)
        return count

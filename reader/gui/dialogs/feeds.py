"""File → Feeds → Add Feed…: the address, an optional name, and whether to fetch each
item's page (full text)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class AddFeedDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, url: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("addFeedDialog")
        self.setWindowTitle("Add Feed")
        self.url = QLineEdit(url, self)
        self.url.setObjectName("feedUrl")
        self.url.setPlaceholderText("https://news.example.org/rss.xml")
        self.name = QLineEdit(self)
        self.name.setObjectName("feedName")
        self.name.setPlaceholderText("the address's host")
        self.full_text = QCheckBox("Fetch each item's &web page (full text)", self)
        self.full_text.setObjectName("feedFullText")
        self.full_text.setToolTip(
            "Import the page an item links to, not the text the feed carries (slower)"
        )
        form = QFormLayout()
        form.addRow("&Address:", self.url)
        form.addRow("&Name:", self.name)
        form.addRow("", self.full_text)
        hint = QLabel(
            "RSS or Atom. The feed is fetched now and each time feeds are updated "
            "(Ctrl+Shift+U); only new items are imported.",
            self,
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Add")
        self.ok.setEnabled(bool(url.strip()))
        self.url.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def values(self) -> tuple[str, str | None, bool]:
        """(address, name or None, full text)."""
        return self.url.text().strip(), self.name.text().strip() or None, self.full_text.isChecked()

"""File → Import E-mail Attachments: the window's way to the CLI's `--attachments`."""

from __future__ import annotations

import io
from email.message import EmailMessage

import docx

from reader.gui.main_window import MainWindow
from reader.gui.settings import Settings


def _mail_with_docx(path) -> None:
    d = docx.Document()
    d.core_properties.title = "Ferry Timetable"
    d.add_paragraph("Boats leave every two hours from the north pier.")
    out = io.BytesIO()
    d.save(out)
    msg = EmailMessage()
    msg["Subject"] = "Ferry Line Opens in April"
    msg["From"] = "Press Office <press@transport.example.org>"
    msg["Date"] = "Thu, 27 Feb 2025 09:30:00 +0700"
    msg.set_content("The ministry announced on Monday that the new ferry line opens in April.")
    msg.add_attachment(
        out.getvalue(),
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename="timetable.docx",
    )
    path.write_bytes(msg.as_bytes())


def _import(qtbot, window, path) -> None:
    with qtbot.waitSignal(window.imports.summaryShown, timeout=15000) as shown:
        assert window.imports.import_paths([path])
    shown.args[0].close()


def test_attachments_are_imported_only_when_the_menu_says_so(qtbot, window, tmp_path):
    action = window.actions_by_id["import_attachments"]
    assert action.isCheckable() and not action.isChecked()  # off, as on the command line
    assert action in window.menuBar().actions()[0].menu().actions()  # in the File menu
    mail = tmp_path / "release.eml"
    _mail_with_docx(mail)
    _import(qtbot, window, mail)
    assert [a.title for a in window.library.list_articles()] == ["Ferry Line Opens in April"]
    action.setChecked(True)
    assert window.settings.import_attachments() is True
    _import(qtbot, window, mail)  # the message is a duplicate, its attachment is new
    articles = [window.library.article(a.id) for a in window.library.list_articles()]
    assert sorted((a.title, a.text) for a in articles) == [
        (
            "Ferry Line Opens in April",
            "The ministry announced on Monday that the new ferry line opens in April.",
        ),
        ("Ferry Timetable", "Boats leave every two hours from the north pier."),
    ]


def test_the_choice_is_remembered(qtbot, lib, settings):
    settings.set_import_attachments(True)
    window = MainWindow(lib, settings)
    qtbot.addWidget(window)
    assert window.actions_by_id["import_attachments"].isChecked()
    assert window.imports.attachments is True
    assert isinstance(window.settings, Settings)

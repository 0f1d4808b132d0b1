"""Attributes in the window: edited in the Entities window (one or many entities), on the
article (Article → Attributes…), and grouped by in the Statistics window."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit

from reader.gui.dialogs.attributes_dialog import MIXED, AttributesDialog
from reader.model import ParsedArticle
from reader.text.canonical import paragraphs_to_markdown

from .test_stats_view import listed, open_statistics

TEXTS = {
    "Wire": ["“We agree,” Sergey Lavrov said. “It is good,” said Siti Rahma."],
    "Daily": ["“Soon,” Maria Zakharova said. “Later,” Sergey Lavrov said."],
}


def corpus(lib) -> dict[str, int]:
    ids = {}
    for source, paras in TEXTS.items():
        parsed = ParsedArticle(source, paragraphs_to_markdown(paras), source=source)
        ids[source] = lib.add_article(parsed)[1]
    people = {}
    for name in ("Sergey Lavrov", "Siti Rahma", "Maria Zakharova"):
        people[name] = lib.tag_entity(name, "PERSON").entity_id
    for source in TEXTS:
        text = lib.article(ids[source]).text
        for words, speaker in (
            ("We agree,", "Sergey Lavrov"),
            ("It is good,", "Siti Rahma"),
            ("Soon,", "Maria Zakharova"),
            ("Later,", "Sergey Lavrov"),
        ):
            if words in text:
                start = text.index(words)
                lib.annotate(
                    ids[source], "quote", start, start + len(words), speaker_id=people[speaker]
                )
    lib.define_attribute("gender", "entity", "choice", ["female", "male"])
    lib.define_attribute("party", "entity", "text")
    lib.define_attribute("outlet_type", "article", "choice", ["wire", "daily"])
    return ids | people


def dialog_of(window) -> AttributesDialog:
    return window.findChild(AttributesDialog, "attributesDialog")


def test_entities_window_sets_attributes_of_a_selection_in_one_step(window, lib, qtbot):
    ids = corpus(lib)
    lib.set_attribute("party", "A", entities=[ids["Siti Rahma"]])
    window.views.show_entities()
    w = window.views.entities_window
    rows = [
        r for r in range(w.proxy.rowCount())
        if w.proxy.index(r, 0).data() in ("Siti Rahma", "Maria Zakharova")
    ]  # fmt: skip
    w._select_rows(rows)
    assert w.buttons["attributes"].isEnabled()
    w.edit_attributes()
    dialog = w.attributes_dialog
    gender = dialog.findChild(QComboBox, "attribute-gender")
    party = dialog.findChild(QLineEdit, "attribute-party")
    assert dialog.original == {"gender": "", "party": MIXED}
    assert party.text() == "" and party.placeholderText().startswith("(mixed")
    gender.setCurrentIndex(gender.findData("female"))
    dialog.accept()
    assert lib.attribute_values(entity_id=ids["Siti Rahma"]) == {"gender": "female", "party": "A"}
    assert lib.attribute_values(entity_id=ids["Maria Zakharova"]) == {"gender": "female"}
    assert lib.undo_name == "Set attributes of 2 entities"
    shown = {w.proxy.index(r, 0).data(): w.proxy.index(r, 6).data() for r in range(3)}
    assert shown["Siti Rahma"] == "gender: female · party: A"
    assert shown["Sergey Lavrov"] == ""
    lib.undo()
    assert lib.attribute_values(entity_id=ids["Maria Zakharova"]) == {}


def test_a_bad_value_keeps_the_dialog_open(window, lib, qtbot, monkeypatch):
    ids = corpus(lib)
    lib.define_attribute("age", "entity", "number")
    shown = []
    monkeypatch.setattr("reader.gui.events.show_error", lambda parent, e: shown.append(str(e)))
    window.views.show_entities()
    w = window.views.entities_window
    w.select_entity(ids["Siti Rahma"])
    w.edit_attributes()
    dialog = w.attributes_dialog
    dialog.findChild(QLineEdit, "attribute-age").setText("many")
    dialog.accept()
    assert shown == ["age: 'many' is not a number (such as 42 or 3.5)"]
    assert dialog.isVisible()
    assert lib.attribute_values(entity_id=ids["Siti Rahma"]) == {}


def test_new_attribute_from_the_dialog(window, lib, qtbot, monkeypatch):
    ids = corpus(lib)
    window.views.show_entities()
    w = window.views.entities_window
    w.select_entity(ids["Siti Rahma"])
    w.edit_attributes()
    dialog = w.attributes_dialog
    monkeypatch.setattr(
        "reader.gui.dialogs.attributes_dialog.ask_definition",
        lambda parent, on: ("role", "choice", ["official", "citizen"]),
    )
    dialog.new_button.click()
    role = dialog.findChild(QComboBox, "attribute-role")
    assert [role.itemText(i) for i in range(role.count())] == ["", "official", "citizen"]
    role.setCurrentIndex(2)
    dialog.accept()
    assert lib.attribute_values(entity_id=ids["Siti Rahma"]) == {"role": "citizen"}


def test_article_attributes_from_the_article_menu(window, lib, qtbot):
    ids = corpus(lib)
    assert window.articles.open_article(ids["Daily"])
    action = window.actions_by_id["edit_attributes"]
    assert action.isEnabled() and action.shortcut().toString() == "Ctrl+Shift+T"
    action.trigger()
    dialog = dialog_of(window)
    assert dialog.windowTitle() == "Attributes — Daily"
    outlet = dialog.findChild(QComboBox, "attribute-outlet_type")
    outlet.setCurrentIndex(outlet.findData("daily"))
    dialog.accept()
    assert lib.attribute_values(article_id=ids["Daily"]) == {"outlet_type": "daily"}
    assert lib.undo_name == "Set attributes of Daily"


def test_statistics_group_by_speaker_gender_per_source_and_click(qtbot, window, lib):
    ids = corpus(lib)
    lib.set_attribute("gender", "male", entities=[ids["Sergey Lavrov"]])
    lib.set_attribute("gender", "female", entities=[ids["Siti Rahma"], ids["Maria Zakharova"]])
    stats = open_statistics(qtbot, window)
    groups = stats.groups
    items = [groups.first.itemData(i) for i in range(groups.first.count())]
    assert items == ["speaker.gender", "speaker.party", "article.outlet_type", "speaker.type"]
    groups.choose("speaker.gender", "source")
    assert groups.by() == ("source", "speaker.gender")
    assert "groups" not in stats.result.tables  # counted only while its tab is shown
    stats.tabs.setCurrentWidget(groups)
    qtbot.waitUntil(lambda: "groups" in stats.result.tables, timeout=10000)
    stats.compute_now()
    table = stats.result.tables["groups"]
    assert table.rows == [
        ("Daily", "female", 1, 50.0, 1, 50.0, 1),
        ("Daily", "male", 1, 50.0, 1, 50.0, 1),
        ("Wire", "female", 1, 50.0, 1, 50.0, 1),
        ("Wire", "male", 1, 50.0, 1, 50.0, 1),
    ]
    assert groups.categories == ["Daily", "Wire"] and groups.stacks == ["female", "male"]
    female = groups.sets[0]
    assert [female.at(i) for i in range(female.count())] == [1.0, 1.0]
    female.clicked.emit(0)  # bottom-up: the last category, Wire
    assert listed(window) == [ids["Wire"]]
    assert window.pane.chip.text() == "Quoted: speaker gender female, source Wire  ✕"
    assert window.pane.scope().attributes == (("speaker.gender", "female"),)
    assert window.pane.scope().sources == ("Wire",)


def test_statistics_tab_says_what_to_do_without_attributes(qtbot, window, lib):
    stats = open_statistics(qtbot, window)
    stats.tabs.setCurrentWidget(stats.groups)
    qtbot.waitUntil(lambda: "groups" in stats.result.tables, timeout=10000)
    assert stats.groups.panel.is_empty()
    assert "reader attributes define" in stats.groups.panel.empty.text()

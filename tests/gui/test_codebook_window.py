"""The Codebook window (issue #20): the label tree, its edits one undo step each through
the library, the quick filter L (Tag with Label…), and the labels' notes as tooltips."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from reader.gui.annotate.labels import entity_keys
from reader.model import ParsedArticle

TEXT = "The minister spoke. An expert disagreed. A citizen shrugged."


def _tree(w) -> list[tuple[int, str]]:
    """(depth, name) of every row of the window's tree, in order."""
    out = []

    def walk(item, depth):
        out.append((depth, item.text(0)))
        for i in range(item.childCount()):
            walk(item.child(i), depth + 1)

    for i in range(w.tree.topLevelItemCount()):
        walk(w.tree.topLevelItem(i), 0)
    return out


def _drop(w, name: str, onto: str) -> None:
    """What dropping the label `name` on the label `onto` does."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDropEvent

    assert w.select(name)
    item = w.tree.currentItem()
    target = next(i for i in w._items() if i.text(0) == onto)
    w.tree.scrollToItem(target)
    point = QPointF(w.tree.visualItemRect(target).center())
    mime = w.tree.mimeData([item])
    event = QDropEvent(
        point, Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    w.tree.dropEvent(event)


def _codebook(window):
    window.views.show_codebook()
    return window.views.codebook


def _sources(lib) -> dict[str, int]:
    sources = lib.add_code("Sources", "highlight", colour="#336699", definition="Who speaks")
    ids = {"Sources": sources.id}
    for name in ("Official", "Expert"):
        ids[name] = lib.add_code(name, "highlight", sources.id).id
    return ids


def test_the_tree_and_every_edit_is_one_undo_step(window, lib):
    ids = _sources(lib)
    w = _codebook(window)
    assert w.windowTitle() == "Codebook — Reader" and w.isVisible()
    assert _tree(w)[7:] == [
        (0, "Quotes"),
        (1, "QUOTE"),
        (0, "Highlights"),
        (1, "important"),
        (1, "evidence"),
        (1, "question"),
        (1, "background"),
        (1, "Sources"),
        (2, "Official"),
        (2, "Expert"),
    ]
    assert _tree(w)[:2] == [(0, "Entities"), (1, "PERSON")]

    # add a child: the window follows what the library announces
    assert w.select("Sources")
    assert w.path.text() == "Sources" and w.definition.toPlainText() == "Who speaks"
    w.ask_text = lambda title, prompt, value: "Citizen"
    w.buttons["child"].click()
    assert _tree(w)[-1] == (2, "Citizen")
    assert w.current_label().name == "Citizen" and w.path.text() == "Sources/Citizen"
    assert lib.undo_name == "Add label: Citizen"

    # rename, with the marks following
    _, article = lib.add_article(ParsedArticle("A", TEXT))
    lib.annotate(article, "highlight", 0, 18, "Official")
    w.select("Official")
    w.ask_text = lambda title, prompt, value: "Government"
    w.buttons["rename"].click()
    assert [a.label for a in lib.annotations(article)] == ["Government"]
    assert (2, "Government") in _tree(w)

    # move to the top, by the button and by dropping on another label
    w.select("Expert")
    w.ask_item = lambda title, prompt, items: items[0]
    w.buttons["move"].click()
    assert _tree(w)[-3:] == [(2, "Government"), (2, "Citizen"), (1, "Expert")]
    _drop(w, "Expert", "Sources")  # dragged onto Sources: its child again
    assert _tree(w)[-1] == (2, "Expert")
    assert lib.undo_name == "Move label: Expert"
    _drop(w, "Expert", "PERSON")  # onto another kind: nothing happens
    assert _tree(w)[-1] == (2, "Expert")

    # merge Citizen into Government
    w.select("Citizen")
    w.ask_item = lambda title, prompt, items: "Sources/Government"
    w.buttons["merge"].click()
    assert "Citizen" not in {lb.name for lb in lib.labels()}
    assert lib.undo_name == "Merge labels: Citizen → Government"

    # colour and notes
    w.select("Government")
    w.ask_colour = lambda colour: "#00ff00"
    w.buttons["colour"].click()
    assert next(lb.colour for lb in lib.labels() if lb.name == "Government") == "#00ff00"
    w.select("Government")
    w.definition.setPlainText("A person in office")
    w.inclusion.setText("ministers")
    w.example.setText("the minister said")
    w.save.click()
    gov = next(lb for lb in lib.labels() if lb.name == "Government")
    assert (gov.definition, gov.inclusion, gov.exclusion, gov.example) == (
        "A person in office",
        "ministers",
        "",
        "the minister said",
    )
    assert lib.undo_name == "Edit label: Government"
    window.commands.undo()
    assert next(lb.definition for lb in lib.labels() if lb.name == "Government") == ""
    assert w.current_label().name == "Government" and w.definition.toPlainText() == ""

    # a cycle is refused with the one error dialog, nothing changes
    errors = []
    import reader.gui.events as events_module

    original = events_module.show_error
    events_module.show_error = lambda parent, e: errors.append(str(e))
    try:
        w.select("Sources")
        w._move_to(ids["Sources"], ids["Expert"])
    finally:
        events_module.show_error = original
    assert errors == ["'Expert' is inside the label: that would be a cycle"]


def test_preferences_opens_it(window, qtbot):
    """(Esc and Ctrl+W close it: tests/gui/test_window_keys.py.)"""
    window.commands.preferences()
    dialog = window.commands.preferences_dialog
    dialog.findChild(QPushButton, "openCodebook").click()
    assert window.views.codebook is not None and window.views.codebook.isVisible()
    dialog.reject()


def test_tag_with_label_filters_and_tags_the_selection(window, lib, qtbot):
    _sources(lib)
    _, article = lib.add_article(ParsedArticle("A", TEXT))
    window.pane.select_article(article)
    window.view.setFocus()
    start = TEXT.index("An expert disagreed")
    window.view.select_range(start, start + len("An expert disagreed"))
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    dialog = window.commands.quick_tag
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.field, "sources ex")
    assert dialog.shown_paths() == ["Sources/Expert  ·  Highlights"]
    dialog.field.clear()
    qtbot.keyClicks(dialog.field, "o")
    assert dialog.shown_paths() == [
        "PERSON  ·  Entities",
        "ORG  ·  Entities",
        "LOCATION  ·  Entities",
        "important  ·  Highlights",
        "question  ·  Highlights",
        "background  ·  Highlights",
        "Sources  ·  Highlights",
        "Sources/Official  ·  Highlights",
        "Sources/Expert  ·  Highlights",
        "QUOTE  ·  Quotes",
    ]
    qtbot.keyClick(dialog.field, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    marks = lib.annotations(article)
    assert [(a.kind, a.label, a.exact) for a in marks] == [("entity", "ORG", "An expert disagreed")]


def test_labels_notes_show_as_tooltips(window, lib):
    ids = _sources(lib)
    lib.edit_label(ids["Expert"], definition="A specialist", exclusion="pundits")
    _, article = lib.add_article(ParsedArticle("A", TEXT))
    start = TEXT.index("An expert")
    lib.annotate(article, "highlight", start, start + 9, "Expert", note="check")
    window.pane.select_article(article)
    model = window.commands.annotate.model
    tip = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Sources/Expert\nA specialist\nExclude: pundits\n\nNote: check"
    annotate = window.commands.annotate
    assert annotate.tips == {
        ("highlight", "Sources"): "Sources\nWho speaks",
        ("highlight", "Expert"): "Sources/Expert\nA specialist\nExclude: pundits",
    }
    # hovering the mark in the article: the mark, then what its label means
    view = window.view
    QApplication.processEvents()
    cursor = view.textCursor()
    cursor.setPosition(view.positions.offset_to_doc(start + 2))
    point = view.cursorRect(cursor).center()
    assert annotate.tooltip_at(point) == (
        "Expert: An expert — check\n\nSources/Expert\nA specialist\nExclude: pundits"
    )


def test_digit_keys_follow_the_tree_order(lib):
    person = next(lb for lb in lib.labels("entity") if lb.name == "PERSON")
    lib.add_code("Politician", "entity", person.id)
    keys = {n: lb.name for n, lb in entity_keys(lib.labels()).items()}
    # the defaults keep their digits; the child takes the first free one
    assert keys == {
        1: "PERSON",
        2: "ORG",
        3: "LOCATION",
        4: "EVENT",
        5: "DATE",
        6: "MISC",
        7: "Politician",
    }

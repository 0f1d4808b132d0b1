"""The contract of `Library.subscribe` (no Qt): every public write announces exactly what
it changed — compared with a before/after snapshot of the tables — and none announces
nothing. A new public method of `Library` must be listed here as a read or a write."""

# ruff: noqa: E501 - the table of cases reads best one case a line
from __future__ import annotations

import inspect
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from reader.library import Library
from reader.model import Changes, EntityCandidate, ParsedArticle, Scope
from reader.text.canonical import paragraphs_to_markdown

FIRST = [
    "Sergey Lavrov met Antony Blinken in Riyadh on Tuesday.",
    "“We agreed on a plan,” Lavrov said after the talks.",
    "Rusia and Amerika will meet again in Istanbul.",
]
SECOND = ["Blinken flew home to Washington.", "Nobody else said anything new."]
PAGE = (
    "<html><head><title>A page</title></head><body><article><h1>A page</h1>"
    + "".join(
        f"<p>Paragraph {n} of a page about the talks in Riyadh, long enough to keep.</p>"
        for n in range(6)
    )
    + "</article></body></html>"
)

FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
    b"<item><title>Talks end</title><guid>w1</guid><description>The talks ended.</description>"
    b"</item><item><title>First</title><guid>w2</guid><description>Known already.</description>"
    b"</item></channel></rss>"
)

READS = {
    "interrupt",  # stops a running statement of this connection: writes nothing
    "annotation",
    "agreement",
    "annotation_rows",
    "annotations_as_text",
    "atomic_file",
    "write_statistic",
    "annotations",
    "article",
    "all_attribute_values",
    "attribute",
    "attribute_values",
    "attributes",
    "backup",
    "blocks",
    "check",
    "checked_on_open",
    "close",
    "count_annotations",
    "count_articles",
    "count_export",
    "data_version",
    "entities",
    "entity",
    "entity_summaries",
    "feeds",
    "import_suffixes",
    "export_annotations",
    "export_articles",
    "export_codebook",
    "export_labels",
    "label_family",
    "export_project",
    "find_article_id",
    "find_entity",
    "find_entity_ids",
    "grouped_statistic",
    "find_in_article",
    "iter_article_rows",
    "labels",
    "languages",
    "learn_entities",  # writes only the derived entity model (table `models`), shown nowhere
    "learner",
    "list_articles",
    "mentions",
    "open_default",
    "redo_name",
    "rejections",
    "schema_version",
    "search",
    "search_notes",
    "search_spans",
    "sources",
    "snap_to_words",  # pure: offsets of a given text
    "tag_in_second_process",  # a process setting: where the model tags, writes nothing
    "step_by_word",  # pure: offsets of a given text
    "statistic",
    "subscribe",
    "trimmed",
    "suggest_entities",
    "suggest_quotes",
    "undo_name",
    "undo_group",  # a frame for writes: tested below
    "check_for_outside_changes",  # announces what others wrote: tested below
    "annotators",
    "disagreements",
    "last_undo_step",
    # takes over an undo step another connection committed (a worker's merge): writes nothing
    "adopt_undo_step",
}


@dataclass
class Ctx:
    lib: Library
    first: int
    second: int
    tmp: object

    def find(self, article_id: int, word: str) -> tuple[int, int]:
        text = self.lib.article(article_id).text
        start = text.index(word)
        return start, start + len(word)


def _nothing(c: Ctx) -> None:
    return None


def _tag(c: Ctx, word: str, label: str, article: int | None = None):
    return c.lib.annotate(article or c.first, "entity", *c.find(article or c.first, word), label)


def _quote(c: Ctx):
    return c.lib.annotate(c.first, "quote", *c.find(c.first, "We agreed on a plan"))


def _accepted_entity(c: Ctx) -> EntityCandidate:
    start, end = c.find(c.first, "Antony Blinken")
    return EntityCandidate("Antony Blinken", start, end, "PERSON", "pattern")


def _exported(c: Ctx) -> None:
    _tag(c, "Riyadh", "LOCATION")
    c.lib.export_annotations("jsonl", c.tmp / "marks.jsonl")
    for a in c.lib.annotations(c.first):
        c.lib.delete_annotation(a.id)


def _project(c: Ctx) -> None:
    _tag(c, "Riyadh", "LOCATION")
    c.lib.export_project("qdpx", c.tmp / "work.qdpx")
    for a in c.lib.annotations(c.first):
        c.lib.delete_annotation(a.id)


def _foreign_project(c: Ctx) -> object:
    from .test_refi_qda import foreign_qdpx

    return foreign_qdpx(c.tmp / "foreign.qdpx")


def _stale_original(c: Ctx) -> None:
    outcome = c.lib.import_html(PAGE, url="https://example.org/page")
    c.page = outcome.article_id
    c.lib._store.db["articles"].update(c.page, {"text": "An older extraction."})


def _label_id(c: Ctx, name: str) -> int:
    return next(lb.id for lb in c.lib.labels() if lb.name == name)


def _two_people(c: Ctx) -> None:
    c.a = _tag(c, "Sergey Lavrov", "PERSON").entity_id
    c.b = _tag(c, "Antony Blinken", "PERSON").entity_id


def _other_coder(c: Ctx) -> None:
    """Another coder's library: the first article marked, and an article not here."""
    with Library(c.tmp / "other.db", annotator="other") as other:
        _, first = other.add_article(ParsedArticle("First", paragraphs_to_markdown(FIRST)))
        start = other.article(first).text.index("Riyadh")
        other.annotate(first, "entity", start, start + len("Riyadh"), "LOCATION")
        _, third = other.add_article(ParsedArticle("Third", "Only the other coder has it."))
        other.annotate(third, "highlight", 0, 4)


def _gender(c: Ctx) -> None:
    c.lib.define_attribute("gender", "entity", "choice", ["female", "male"])
    c.a = c.lib.create_entity("Sergey Lavrov", "PERSON").id


def _gendered(c: Ctx) -> None:
    _gender(c)
    c.lib.set_attribute("gender", "male", entities=[c.a])


def _two_coders(c: Ctx) -> None:
    """Ana and Budi agree on Riyadh and disagree on Lavrov."""
    for who, label in (("ana", "PERSON"), ("budi", "ORG")):
        c.lib.annotator = who
        _tag(c, "Riyadh", "LOCATION")
        c.lavrov = _tag(c, "Lavrov said", label)
    c.lib.annotator = "me"


def _write_file(c: Ctx, name: str, paragraphs: list[str]) -> object:
    path = c.tmp / name
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


@dataclass(frozen=True)
class Case:
    method: str
    act: Callable[[Ctx], object]
    setup: Callable[[Ctx], object] = _nothing
    reset: bool = False  # the write announces a reset (restore, re-extraction)


CASES = [
    Case("annotate", lambda c: c.lib.annotate(c.first, "highlight", *c.find(c.first, "plan"))),
    Case("annotate", lambda c: _tag(c, "Riyadh", "LOCATION")),  # creates the entity
    Case("annotate", lambda c: _tag(c, "Lavrov said", "PERSON"), lambda c: _tag(c, "Sergey Lavrov", "PERSON")),
    Case("annotate", lambda c: _tag(c, "Lavrov", "PERSON", c.first), lambda c: c.lib.create_entity("Sergey Lavrov", "PERSON")),
    Case("update_annotation", lambda c: c.lib.update_annotation(c.q.id, note="n"), lambda c: setattr(c, "q", _quote(c))),
    Case("update_annotation", lambda c: c.lib.update_annotation(c.q.id, speaker_id=None), lambda c: (setattr(c, "q", _quote(c)), c.lib.update_annotation(c.q.id, speaker_id=c.lib.resolve_speaker("Lavrov")))),
    Case("resize_annotation", lambda c: c.lib.resize_annotation(c.t.id, *c.find(c.first, "Sergey Lavrov")), lambda c: setattr(c, "t", _tag(c, "Lavrov", "PERSON", c.first))),
    Case("delete_annotation", lambda c: c.lib.delete_annotation(c.q.id), lambda c: setattr(c, "q", _quote(c))),
    Case("delete_annotation", lambda c: c.lib.delete_annotation(c.t.id), lambda c: setattr(c, "t", _tag(c, "Rusia", "LOCATION"))),
    Case("add_label", lambda c: c.lib.add_label("TOPIC", "highlight", "#abcdef")),
    Case("update_label", lambda c: c.lib.update_label(c.label, name="PLACE"), lambda c: (setattr(c, "label", next(lb.id for lb in c.lib.labels("entity") if lb.name == "LOCATION")), _tag(c, "Riyadh", "LOCATION"))),
    Case("update_label", lambda c: c.lib.update_label(c.lib.labels()[0].id, colour="#000000")),
    Case("add_code", lambda c: c.lib.add_code("Sources", "highlight", definition="Who speaks")),
    Case("add_code", lambda c: c.lib.add_code("Politician", "entity", _label_id(c, "PERSON"))),
    Case("edit_label", lambda c: c.lib.edit_label(_label_id(c, "ORG"), colour="#000000", example="UN")),
    Case("rename_label", lambda c: c.lib.rename_label(_label_id(c, "LOCATION"), "PLACE"), lambda c: _tag(c, "Riyadh", "LOCATION")),
    Case("move_label", lambda c: c.lib.move_label(_label_id(c, "ORG"), _label_id(c, "MISC"))),
    Case("merge_labels", lambda c: c.lib.merge_labels(_label_id(c, "LOCATION"), _label_id(c, "MISC")), lambda c: _tag(c, "Riyadh", "LOCATION")),
    Case("merge_labels", lambda c: c.lib.merge_labels(_label_id(c, "evidence"), _label_id(c, "important")), lambda c: c.lib.annotate(c.first, "highlight", *c.find(c.first, "plan"), "evidence")),
    Case("import_codebook", lambda c: c.lib.import_codebook("csv", _write_file(c, "c.csv", ["path,kind\nPERSON/Politician,entity\nSources/Official,"]))),
    Case("set_read", lambda c: c.lib.set_read(c.first)),
    Case("set_starred", lambda c: c.lib.set_starred(c.second)),
    Case("edit_article", lambda c: c.lib.edit_article(c.first, title="Riyadh talks", language="en")),
    Case("edit_article", lambda c: c.lib.edit_article(c.second, url="https://example.org/x", author="")),
    Case("delete_article", lambda c: c.lib.delete_article(c.second)),
    Case("delete_article", lambda c: c.lib.delete_article(c.first), lambda c: (_tag(c, "Riyadh", "LOCATION"), _quote(c))),
    Case("add_article", lambda c: c.lib.add_article(ParsedArticle("New", "A new text."))),
    Case("add_articles", lambda c: c.lib.add_articles([ParsedArticle("A", "One."), ParsedArticle("B", "Two.")])),
    Case("import_text", lambda c: c.lib.import_text("A pasted title\n\nA pasted body of text.")),
    Case("import_html", lambda c: c.lib.import_html(PAGE)),
    Case("import_file", lambda c: c.lib.import_file(_write_file(c, "one.txt", ["A file", "Its body."]))),
    Case("import_paths", lambda c: c.lib.import_paths([_write_file(c, "a.txt", ["A", "One body."]), _write_file(c, "b.txt", ["B", "Other body."])])),
    Case("import_urls", lambda c: c.lib.import_urls([_serve_page(PAGE.encode())])),
    Case("add_feed", lambda c: c.lib.add_feed("https://example.org/feed.xml", name="Example")),
    Case("rename_feed", lambda c: c.lib.rename_feed("Example", "Other"), lambda c: c.lib.add_feed("https://example.org/feed.xml", name="Example")),
    Case("remove_feed", lambda c: c.lib.remove_feed("Example"), lambda c: c.lib.add_feed("https://example.org/feed.xml", name="Example")),
    Case("update_feeds", lambda c: c.lib.update_feeds(), lambda c: c.lib.add_feed(_serve_page(FEED, "application/rss+xml"), name="Feed")),
    Case("update_feeds", lambda c: c.lib.update_feeds(["Feed"]), lambda c: c.lib.add_feed(_serve_page(b"<rss><channel>"), name="Feed")),
    Case("restore", lambda c: c.lib.restore(c.tmp / "copy.db"), lambda c: (c.lib.backup(c.tmp / "copy.db"), c.lib.set_read(c.first)), reset=True),
    Case("reextract", lambda c: c.lib.reextract([c.page]), _stale_original, reset=True),
    Case("undo", lambda c: c.lib.undo(), lambda c: _tag(c, "Riyadh", "LOCATION")),
    Case("redo", lambda c: c.lib.redo(), lambda c: (_tag(c, "Riyadh", "LOCATION"), c.lib.undo())),
    Case("tag_entity", lambda c: c.lib.tag_entity("Blinken", "PERSON")),
    Case("tag_entity", lambda c: c.lib.tag_entity("Lavrov", "PERSON", ["Sergey Lavrov"]), lambda c: c.lib.create_entity("Lavrov", "PERSON")),
    Case("create_entity", lambda c: c.lib.create_entity("Joe Biden", "PERSON")),
    Case("update_entity", lambda c: c.lib.update_entity(c.a, name="Sergei Lavrov"), _two_people),
    Case("merge_entities", lambda c: c.lib.merge_entities(c.a, c.b), _two_people),
    Case("delete_entity", lambda c: c.lib.delete_entity(c.a), _two_people),
    Case("delete_entities", lambda c: c.lib.delete_entities([c.a, c.b]), _two_people),
    Case("resolve_speaker", lambda c: c.lib.resolve_speaker("Maria Zakharova")),
    Case("accept_entity", lambda c: c.lib.accept_entity(c.first, _accepted_entity(c))),
    Case("accept_quote", lambda c: c.lib.accept_quote(c.first, c.lib.suggest_quotes(c.first)[0])),
    Case("accept_all", lambda c: c.lib.accept_all(c.first, "entities")),
    Case("reject_suggestion", lambda c: c.lib.reject_suggestion(c.first, "entity", *c.find(c.first, "Antony Blinken"), "PERSON")),
    Case("undo", lambda c: c.lib.undo(), lambda c: c.lib.reject_suggestion(c.first, "quote", *c.find(c.first, "We agreed on a plan"))),
    Case("import_annotations", lambda c: c.lib.import_annotations(c.tmp / "marks.jsonl"), _exported),
    Case("import_project", lambda c: c.lib.import_project(c.tmp / "work.qdpx"), _project),
    Case("import_project", lambda c: c.lib.import_project(c.tmp / "foreign.qdpx"), _foreign_project),
    Case("merge", lambda c: c.lib.merge(c.tmp / "other.db"), _other_coder),
    Case("curate_agreed", lambda c: c.lib.curate_agreed(["ana", "budi"]), _two_coders),
    Case("curate_marks", lambda c: c.lib.curate_marks([c.lavrov.id], into="gold"), _two_coders),
    Case("merge", lambda c: c.lib.merge(c.tmp / "other.db", annotator="third"), lambda c: (_other_coder(c), c.lib.merge(c.tmp / "other.db"))),
    Case("define_attribute", lambda c: c.lib.define_attribute("wave", "article", "number")),
    Case("delete_attribute", lambda c: c.lib.delete_attribute("gender"), _gendered),
    Case("set_attribute", lambda c: c.lib.set_attribute("gender", "male", entities=[c.a]), _gender),
    Case("set_attribute", lambda c: c.lib.set_attribute("gender", "", entities=[c.a]), _gendered),
    Case("import_attributes", lambda c: c.lib.import_attributes(_write_file(c, "a.csv", ["entity,gender\nSergey Lavrov,male"])), _gender),
]  # fmt: skip


def _snapshot(lib: Library) -> dict[str, dict[int, tuple]]:
    db = lib._store.db
    return {
        "articles": {
            r[0]: r[1:] for r in db.execute("SELECT id, read, starred FROM articles").fetchall()
        },
        "annotations": {r[0]: r for r in db.execute("SELECT * FROM annotations").fetchall()},
        "entities": {r[0]: r for r in db.execute("SELECT * FROM entities").fetchall()},
        "labels": {r[0]: r for r in db.execute("SELECT * FROM labels").fetchall()},
        "rejections": {r[0]: r for r in db.execute("SELECT * FROM rejections").fetchall()},
        "attributes": (
            db.execute("SELECT * FROM attributes").fetchall(),
            db.execute("SELECT * FROM attribute_values").fetchall(),
        ),
        "feeds": {
            r[0]: r
            for r in db.execute(
                "SELECT f.*, group_concat(i.guid || '=' || coalesce(i.article_id, ''))"
                " FROM feeds f LEFT JOIN feed_items i ON i.feed_id = f.id GROUP BY f.id"
            ).fetchall()
        },
        "metadata": {
            r[0]: r[1:]
            for r in db.execute(
                "SELECT id, title, subtitle, author, source, published, language, url FROM articles"
            ).fetchall()
        },
    }


def _expected(before: dict, after: dict) -> Changes:
    """What changed between two snapshots, as the `Changes` a write must announce."""
    old, new = before["articles"], after["articles"]
    removed = frozenset(set(old) - set(new))
    marks_old, marks_new = before["annotations"], after["annotations"]
    changed = {i for i in set(marks_old) | set(marks_new) if marks_old.get(i) != marks_new.get(i)}
    article_of = {i: (marks_new.get(i) or marks_old[i])[1] for i in changed}
    changed = {i for i in changed if article_of[i] not in removed}
    no_old, no_new = before["rejections"], after["rejections"]
    rejected = {
        (no_new.get(i) or no_old[i])[1]
        for i in set(no_old) | set(no_new)
        if no_old.get(i) != no_new.get(i)
    }
    return Changes(
        rejections=frozenset(rejected - removed),
        articles=frozenset(article_of[i] for i in changed),
        annotations=frozenset(changed),
        flags=frozenset(i for i in set(old) & set(new) if old[i] != new[i]),
        removed=removed,
        added=bool(set(new) - set(old)),
        entities=before["entities"] != after["entities"],
        labels=before["labels"] != after["labels"],
        attributes=before["attributes"] != after["attributes"],
        feeds=before["feeds"] != after["feeds"],
        metadata=frozenset(
            i
            for i in set(before["metadata"]) & set(after["metadata"])
            if before["metadata"][i] != after["metadata"][i]
        ),
    )


@pytest.fixture
def ctx(lib, tmp_path):
    _, first = lib.add_article(ParsedArticle("First", paragraphs_to_markdown(FIRST)))
    _, second = lib.add_article(ParsedArticle("Second", paragraphs_to_markdown(SECOND)))
    return Ctx(lib, first, second, tmp_path)


def _serve_page(body: bytes, kind: str = "text/html; charset=utf-8") -> str:
    """A server on 127.0.0.1 that answers one request with `body` (HTML); its URL."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    class One(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = HTTPServer(("127.0.0.1", 0), One)
    threading.Thread(
        target=lambda: (server.handle_request(), server.server_close()), daemon=True
    ).start()
    return f"http://127.0.0.1:{server.server_address[1]}/page"


def _label(case: Case) -> str:
    return case.method


@pytest.mark.parametrize("case", CASES, ids=[_label(c) for c in CASES])
def test_every_write_announces_exactly_what_it_changed(ctx, case):
    lib = ctx.lib
    case.setup(ctx)
    heard: list[Changes] = []
    unsubscribe = lib.subscribe(heard.append)
    before = _snapshot(lib)
    case.act(ctx)
    after = _snapshot(lib)
    unsubscribe()
    assert heard, f"{case.method} announced nothing"
    assert all(heard), "an empty announcement"
    union = Changes()
    for changes in heard:
        union = union | changes
    if case.reset:
        assert union.reset
        return
    assert before != after, "the case must change something"
    assert union == _expected(before, after)


def test_every_public_method_is_a_read_or_a_tested_write():
    public = {name for name, _ in inspect.getmembers(Library) if not name.startswith("_")}
    writes = {c.method for c in CASES}
    assert public == READS | writes, "classify new Library methods here (and test writes)"
    assert not READS & writes


def test_a_write_that_changes_nothing_announces_nothing(ctx):
    lib = ctx.lib
    heard: list[Changes] = []
    lib.subscribe(heard.append)
    lib.set_read(ctx.first, False)  # already unread
    lib.add_article(ParsedArticle("First", paragraphs_to_markdown(FIRST)))  # a duplicate
    assert lib.undo() is None and lib.redo() is None
    assert heard == []


def test_a_group_announces_once_what_all_its_writes_changed(ctx):
    lib = ctx.lib
    heard: list[Changes] = []
    lib.subscribe(heard.append)
    with lib.undo_group("Two marks"):
        a = _tag(ctx, "Riyadh", "LOCATION")
        b = lib.annotate(ctx.second, "highlight", *ctx.find(ctx.second, "Washington"))
        lib.set_starred(ctx.first)
    assert heard == [
        Changes(
            frozenset({ctx.first, ctx.second}),
            frozenset({a.id, b.id}),
            flags=frozenset({ctx.first}),
            entities=True,
        )
    ]
    assert lib.undo_name == "Two marks"


def test_a_failed_group_announces_nothing(ctx):
    lib = ctx.lib
    heard: list[Changes] = []
    lib.subscribe(heard.append)
    with pytest.raises(RuntimeError), lib.undo_group("Broken"):
        _tag(ctx, "Riyadh", "LOCATION")
        raise RuntimeError("stop")
    assert heard == [] and lib.annotations(ctx.first) == [] and lib.entities() == []


def test_unsubscribe_stops_the_announcements(ctx):
    heard: list[Changes] = []
    unsubscribe = ctx.lib.subscribe(heard.append)
    ctx.lib.set_read(ctx.first)
    unsubscribe()
    unsubscribe()  # twice is harmless
    ctx.lib.set_read(ctx.second)
    assert heard == [Changes(flags=frozenset({ctx.first}))]


def test_a_write_by_another_program_is_announced_as_a_reset(ctx, db_path):
    heard: list[Changes] = []
    ctx.lib.subscribe(heard.append)
    assert ctx.lib.check_for_outside_changes() is False
    other = sqlite3.connect(db_path)
    with other:
        other.execute("UPDATE articles SET starred = 1 WHERE id = ?", [ctx.first])
    other.close()
    assert ctx.lib.check_for_outside_changes() is True
    assert ctx.lib.check_for_outside_changes() is False
    assert heard == [Changes(reset=True)]


def test_scope_is_unchanged_by_announcements(ctx):
    # a read with a scope writes nothing and announces nothing
    heard: list[Changes] = []
    ctx.lib.subscribe(heard.append)
    ctx.lib.count_articles(Scope(query="Riyadh"))
    ctx.lib.statistic("sources")
    assert heard == []

#!/usr/bin/env python3
"""Screenshots of the window for the README, made offscreen on a temporary library.

    .venv/bin/python scripts/screenshot.py [--out docs/screenshots]
        [--sizes 1600,1024] [--themes light,dark]

For each window size (1600×1000, 1024×700) and theme it writes welcome.png (the
first-run screen), library.png (the library with an article open), article-rtl.png
(an Arabic article), article-cjk.png (the Japanese sample), annotated.png (the sample
press release with quotes, nested entities, a highlight with a note, the selection
toolbar and the annotations panel) and review.png (review mode), with "-1024" and
"-dark" in the name for the small size and the dark theme (library-1024-dark.png); dark.png
is library-dark.png under the name the README used first. Then entities.png,
shortcuts.png (Help → Keyboard Shortcuts) and, on the samples annotated by
`annotate_samples`, statistics.png, statistics-cooccurrence.png and
statistics-dark.png; agreement.png (three coders' copies of those marks, varied);
feeds.png, the Feeds section over the list (feeds served by a server the script starts
on 127.0.0.1); curation.png (Annotate → Curate… on the Indonesian sample coded by two
coders); statistics-attributes.png (the By attribute tab: quotes by speaker gender per
outlet, on a made-up corpus); codebook.png and codebook-1024.png (View → Codebook…, a
code tree with definitions). `--only agreement`, `--only curation`, `--only attributes`
or `--only codebook` makes just that one. Never touches the user's library or settings.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def annotate_sample(library, article_id: int) -> None:  # noqa: ANN001
    """Quotes with the speaker's name inside, entities, a highlight with a note."""
    text = library.article(article_id).text

    def mark(kind: str, needle: str, label: str | None = None, nth: int = 0, **kw) -> None:
        start = -1
        for _ in range(nth + 1):
            start = text.index(needle, start + 1)
        library.annotate(article_id, kind, start, start + len(needle), label=label, **kw)

    mark("entity", "Sergey Lavrov", "PERSON")
    mark("entity", "Rusia", "LOCATION")
    mark("entity", "Istanbul", "LOCATION")
    mark("entity", "Doha, Qatar", "LOCATION")
    mark("entity", "27 Februari", "DATE")
    mark("quote", "“cepat dan efektif kita dapat bergerak maju,”", note="on the Istanbul talks")
    mark("quote", "“masalah sistemik”")
    quote = (
        "“tindakan melanggar hukum pemerintahan AS sebelumnya untuk menciptakan hambatan buatan”"
    )
    mark("quote", quote)
    mark("entity", "AS sebelumnya", "ORG")
    mark("entity", "AS", "LOCATION", nth=1)
    sentence = "Rusia dan AS memiliki sejarah panjang ketegangan diplomatik"
    mark("highlight", sentence, "background", note="context: expulsions since 2016")
    mark("entity", "Barack Obama", "PERSON")
    mark("entity", "Joe Biden", "PERSON")
    mark("entity", "Kementerian Luar Negeri Rusia", "ORG")
    mark("entity", "Maria Zakharova", "PERSON")
    mark("entity", "RIA Novosti", "ORG")


# (language of the sample, name, type, forms to tag)
SAMPLE_ENTITIES = [
    ("id", "Sergey Lavrov", "PERSON", ["Lavrov"]),
    ("id", "Maria Zakharova", "PERSON", []),
    ("id", "Joe Biden", "PERSON", ["Biden"]),
    ("id", "Barack Obama", "PERSON", []),
    ("id", "Anatoly Antonov", "PERSON", []),
    ("id", "Istanbul", "LOCATION", []),
    ("id", "Doha", "LOCATION", []),
    ("id", "Washington", "LOCATION", []),
    ("id", "RIA Novosti", "ORG", []),
    ("en", "Ines Kalvo", "PERSON", []),
    ("en", "Tomas Reyne", "PERSON", []),
    ("en", "Westmere", "LOCATION", []),
    ("ar", "سلمى الراشد", "PERSON", []),
    ("ar", "مدينة النخيل", "LOCATION", []),
    ("ja", "潮見鉄道", "ORG", []),  # no word boundaries in Japanese: marked by offsets
    ("ja", "潮見市", "LOCATION", []),
]
# (language, speaker, words of the quote)
SAMPLE_QUOTES = [
    ("id", "Sergey Lavrov", "cepat dan efektif kita dapat bergerak maju,"),
    ("id", "Sergey Lavrov", "masalah sistemik"),
    ("id", "Sergey Lavrov", "membersihkan warisan"),
    ("id", "Maria Zakharova", "Moskow telah mengajukan seorang kandidat"),
    ("en", "Ines Kalvo", "We listened to the people who cross every day to work"),
    ("en", "Tomas Reyne", "publish the ferry operator's passenger counts"),
    ("ar", "سلمى الراشد", "نريد أن يكون المعرض مكاناً"),
    ("ja", "潮見鉄道", "駅の利用者アンケートで最も多かった要望に応えた"),
]


def annotate_samples(library) -> None:  # noqa: ANN001 - a Library
    """Tag the sample articles' people, places and organisations, and a few quotes."""
    from reader.model import Scope

    ids = {a.language: a.id for a in library.list_articles()}
    entity = {}
    for lang, name, type_, forms in SAMPLE_ENTITIES:
        if lang == "ja":
            entity[name] = library.create_entity(name, type_).id
            text = library.article(ids[lang]).text
            at = text.find(name)
            while at >= 0:
                library.annotate(ids[lang], "entity", at, at + len(name), type_,
                                 entity_id=entity[name])  # fmt: skip
                at = text.find(name, at + len(name))
        else:
            scope = Scope(article_ids=(ids[lang],))
            entity[name] = library.tag_entity(name, type_, forms, scope=scope).entity_id
    for lang, speaker, words in SAMPLE_QUOTES:
        text = library.article(ids[lang]).text
        start = text.find(words)
        if start < 0:
            raise SystemExit(f"quote not found in the {lang} sample: {words!r}")
        library.annotate(ids[lang], "quote", start, start + len(words), speaker_id=entity[speaker])


SIZES = {"1600": (1600, 1000), "1024": (1024, 700)}
THEMES = ("light", "dark")


FEED_ITEMS = [
    ("Harbour pier opens in spring", "The new pier will open in the spring, after two years "
     "of work, the harbour master said on Tuesday."),
    ("Ferry timetable changes", "Ferries to the islands will leave every forty minutes from "
     "December, the port authority announced."),
    ("Storm warning for the coast", "A storm is expected on Friday night; boats should stay "
     "in the harbour, the coastguard said."),
    ("Fish market moves indoors", "The Saturday fish market moves into the old customs hall "
     "for the winter, the council decided."),
]  # fmt: skip


def serve_feeds() -> tuple[object, str]:
    """A server on 127.0.0.1 with two feeds (RSS 2.0, Atom) and a broken one; its base URL."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    items = "".join(
        f"<item><title>{t}</title><guid isPermaLink='false'>h{i}</guid>"
        f"<description>&lt;p&gt;{b}&lt;/p&gt;</description>"
        f"<pubDate>Mon, {30 - i:02} Nov 2026 08:00:00 GMT</pubDate></item>"
        for i, (t, b) in enumerate(FEED_ITEMS)
    )
    feeds = {
        "/gazette.xml": f"<rss version='2.0'><channel><title>Harbour Gazette</title>{items}"
        "</channel></rss>",
        "/quay.atom": "<feed xmlns='http://www.w3.org/2005/Atom'><title>Atom Quay</title>"
        "<entry><title>Lighthouse repainted</title><id>urn:l1</id>"
        "<updated>2026-11-28T10:00:00Z</updated><content type='html'>&lt;p&gt;The lighthouse "
        "was repainted red and white this week.&lt;/p&gt;</content></entry></feed>",
        "/broken.xml": "<rss><channel><title>Broken",
    }

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # noqa: ANN002
            pass

        def do_GET(self) -> None:
            data = feeds.get(self.path, "").encode()
            self.send_response(200 if data else 404)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def suffix(size: str, theme: str) -> str:
    """File name suffix: none for the README's main size and theme."""
    return ("" if size == "1600" else f"-{size}") + ("" if theme == "light" else "-dark")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument(
        "--sizes", default="1600,1024", help="window sizes to shoot: 1600 (×1000), 1024 (×700)"
    )
    parser.add_argument("--themes", default="light,dark", help="light, dark or both")
    parser.add_argument(
        "--only",
        choices=["agreement", "curation", "attributes", "codebook"],
        help="make only this screenshot",
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    themes = [t.strip() for t in args.themes.split(",") if t.strip()]
    if not set(sizes) <= set(SIZES) or not set(themes) <= set(THEMES):
        parser.error(f"sizes are {', '.join(SIZES)}; themes are {', '.join(THEMES)}")

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from reader.gui.app import make_app

    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        app = make_app(["reader"])
        if args.only == "agreement":
            agreement(app, Path(tmp), args.out)
            return 0
        if args.only == "curation":
            curation(app, Path(tmp), args.out)
            QApplication.processEvents()
            return 0
        if args.only == "attributes":
            attributes(app, Path(tmp), args.out)
            return 0
        if args.only == "codebook":
            codebook(app, Path(tmp), args.out)
            return 0
        for size in sizes:
            for theme in themes:
                code = shoot_set(app, Path(tmp), args.out, SIZES[size], theme, suffix(size, theme))
                if code:
                    return code
        if (args.out / "library-dark.png").exists():  # the README's first dark shot
            shutil.copyfile(args.out / "library-dark.png", args.out / "dark.png")
        extras(app, Path(tmp), args.out)
        agreement(app, Path(tmp), args.out)
        curation(app, Path(tmp), args.out)
        attributes(app, Path(tmp), args.out)
        codebook(app, Path(tmp), args.out)
        QApplication.processEvents()
    return 0


def settle(app) -> None:  # noqa: ANN001
    for _ in range(6):
        app.processEvents()


def save(app, widget, path: Path) -> None:  # noqa: ANN001
    widget.show()
    settle(app)
    widget.grab().save(str(path))
    print(path)


def shoot_set(app, tmp: Path, out: Path, size: tuple[int, int], theme: str, end: str) -> int:  # noqa: ANN001
    """The main window's screenshots at one size in one theme, on fresh libraries."""
    from reader.gui.main_window import MainWindow
    from reader.gui.resources import sample_files
    from reader.gui.settings import Settings
    from reader.library import Library
    from reader.model import Scope

    Settings().q.clear()  # every set starts as a first run: no remembered layout

    def window_on(library):  # noqa: ANN001, ANN202
        window = MainWindow(library, Settings())
        window.resize(*size)
        window.views.set_theme(theme)
        window.show()
        settle(app)
        return window

    name = f"{size[0]}-{theme}"
    with Library(tmp / f"empty-{name}.db") as empty:
        window = window_on(empty)
        save(app, window, out / f"welcome{end}.png")
        window.close()

    with Library(tmp / f"library-{name}.db") as library:
        summary = library.import_paths(sample_files())
        if summary.failed:
            print(summary.line(), file=sys.stderr)
            return 1
        window = window_on(library)
        ids = {a.language: a.id for a in library.list_articles()}
        library.set_read(ids["id"])
        library.set_starred(ids["id"])
        window.model.refresh()
        window.pane.select_article(ids["en"])
        save(app, window, out / f"library{end}.png")
        window.pane.select_article(ids["ar"])
        save(app, window, out / f"article-rtl{end}.png")
        window.pane.select_article(ids["ja"])
        save(app, window, out / f"article-cjk{end}.png")
        window.pane.select_article(ids["id"])
        annotate_sample(library, ids["id"])
        window.annotate.load()
        text = window.view.article.text
        start = text.index("Joe Biden")
        window.view.setFocus()
        window.view.select_range(start, start + len("Joe Biden"))  # the toolbar shows
        save(app, window, out / f"annotated{end}.png")
        window.view.select_range(0, 0)
        # review mode on a fresh copy of the sample: suggestions dashed, listed
        for annotation in library.annotations(ids["id"]):
            library.delete_annotation(annotation.id)
        window.annotate.load()
        window.review.set_active(True)
        window.view.setFocus()
        window.review.move(+1)
        window.review.move(+1)
        save(app, window, out / f"review{end}.png")
        window.review.set_active(False)
        window.close()

    server, base = serve_feeds()
    with Library(tmp / f"feeds-{name}.db") as library:
        library.import_paths(sample_files())
        for path, feed_name in (("/gazette.xml", "Harbour Gazette"), ("/quay.atom", "Atom Quay")):
            library.add_feed(base + path, name=feed_name)
        library.add_feed(base + "/broken.xml", name="Broken example")
        library.update_feeds()
        window = window_on(library)
        gazette = next(f for f in library.feeds() if f.name == "Harbour Gazette")
        window.feeds.section.choose(gazette.id)
        first = library.list_articles(scope=Scope(feed_ids=(gazette.id,)))[-1]
        library.set_read(first.id)
        window.pane.select_article(first.id)
        save(app, window, out / f"feeds{end}.png")
        window.close()
    server.shutdown()
    return 0


def extras(app, tmp: Path, out: Path) -> None:  # noqa: ANN001
    """Entities, Statistics and the keyboard cheat sheet (their own windows' sizes)."""
    from reader.gui.main_window import MainWindow
    from reader.gui.resources import sample_files
    from reader.gui.settings import Settings
    from reader.gui.stats.view import StatisticsWindow
    from reader.library import Library

    Settings().q.clear()
    with Library(tmp / "extras.db") as library:
        library.import_paths(sample_files())
        window = MainWindow(library, Settings())
        window.resize(1600, 1000)
        window.views.set_theme("light")
        window.show()
        ids = {a.language: a.id for a in library.list_articles()}
        window.pane.select_article(ids["id"])
        library.accept_all(ids["id"], "quotes")
        for s in library.suggest_entities(ids["id"]):
            if s.label == "PERSON":
                library.accept_entity(ids["id"], s)
        window.views.show_entities()
        entities = window.views.entities_window
        entities.resize(900, 620)
        entities.select_entity(library.find_entity("Sergey Lavrov", "PERSON").id)
        save(app, entities, out / "entities.png")
        entities.close()
        window.views.show_shortcuts()
        sheet = window.views.shortcuts
        sheet.resize(640, 900)
        save(app, sheet, out / "shortcuts.png")
        sheet.close()
        annotate_samples(library)
        stats = StatisticsWindow(library, window)
        stats.resize(1100, 700)
        stats.show()
        stats.compute_now()
        save(app, stats, out / "statistics.png")
        stats.tabs.setCurrentWidget(stats.cooccurrence)
        save(app, stats, out / "statistics-cooccurrence.png")
        window.views.set_theme("dark")
        stats.tabs.setCurrentWidget(stats.by_source)
        save(app, stats, out / "statistics-dark.png")
        stats.close()
        window.close()


def copy_marks(library, source: str, coder: str, skip: int, relabel: int, trim: int) -> None:  # noqa: ANN001
    """`coder` marks as `source` did, but leaves out every `skip`-th mark, gives every
    `relabel`-th entity another label and ends every `trim`-th mark a word earlier."""
    for summary in library.list_articles(limit=100):
        text = library.article(summary.id).text
        theirs = [a for a in library.annotations(summary.id) if a.annotator == source]
        library.annotator = coder
        for n, a in enumerate(theirs, 1):
            if n % skip == 0:
                continue
            label = a.label
            if a.kind == "entity" and n % relabel == 0:
                label = "ORG" if label != "ORG" else "PERSON"
            end = a.end
            if n % trim == 0 and " " in text[a.start : a.end].strip():
                end = a.start + text[a.start : a.end].rstrip().rindex(" ")
            extra = {"speaker_id": a.speaker_id} if a.kind == "quote" else {}
            library.annotate(summary.id, a.kind, a.start, end, label=label, **extra)


def agreement(app, tmp: Path, out: Path) -> None:  # noqa: ANN001
    """The Agreement window: three coders on the sample articles."""
    from reader.gui.agreement.window import AgreementWindow
    from reader.gui.main_window import MainWindow
    from reader.gui.resources import sample_files
    from reader.gui.settings import Settings
    from reader.library import Library

    Settings().q.clear()
    with Library(tmp / "agreement.db", annotator="ana") as library:
        library.import_paths(sample_files())
        annotate_samples(library)
        copy_marks(library, "ana", "budi", skip=5, relabel=7, trim=4)
        copy_marks(library, "ana", "citra", skip=9, relabel=11, trim=6)
        library.annotator = "ana"
        window = MainWindow(library, Settings())
        window.resize(1600, 1000)
        window.views.set_theme("light")
        tool = AgreementWindow(library, window)
        tool.resize(1100, 760)
        tool.show()
        tool.compute_now()
        save(app, tool, out / "agreement.png")
        tool.close()
        window.close()


def curation(app, tmp: Path, out: Path) -> None:  # noqa: ANN001
    """Annotate → Curate… on the Indonesian sample, coded by two coders who mostly agree."""
    from reader.gui.main_window import MainWindow
    from reader.gui.resources import sample_files
    from reader.gui.settings import Settings
    from reader.library import Library

    Settings().q.clear()
    with Library(tmp / "curation.db") as library:
        library.import_paths(sample_files())
        ids = {a.language: a.id for a in library.list_articles()}
        seed = ids["id"]
        text = library.article(seed).text
        lavrov = library.resolve_speaker("Sergey Lavrov")

        def mark(who: str, kind: str, words: str, label=None, nth: int = 0, **extra) -> None:  # noqa: ANN001
            at = -1
            for _ in range(nth + 1):
                at = text.index(words, at + 1)
            library.annotator = who
            library.annotate(seed, kind, at, at + len(words), label, **extra)

        for who in ("ana", "budi"):
            mark(who, "entity", "Sergey Lavrov", "PERSON")
            mark(who, "entity", "Doha", "LOCATION")
            mark(who, "entity", "Barack Obama", "PERSON")
            mark(who, "quote", "cepat dan efektif kita dapat bergerak maju,", speaker_id=lavrov)
        mark("ana", "entity", "Istanbul", "LOCATION")
        mark("budi", "entity", "Istanbul, Türkiye", "LOCATION")
        mark("ana", "entity", "Qatar", "LOCATION")
        mark("budi", "entity", "Qatar", "ORG")
        mark("ana", "quote", "masalah sistemik", speaker_id=lavrov)
        mark("budi", "quote", "masalah sistemik")
        mark("budi", "entity", "Joe Biden", "PERSON")
        mark("ana", "highlight", "tindakan melanggar hukum pemerintahan AS sebelumnya")
        library.annotator = "curator"
        window = MainWindow(library, Settings())
        window.resize(1600, 1000)
        window.views.set_theme("light")
        window.show()
        window.pane.select_article(seed)
        window.views.show_curation()
        tool = window.views.curation
        tool.resize(1100, 520)
        tool.accept_agreed()
        tool.table.setCurrentCell(1, 0)
        tool.take_a()
        tool.table.setCurrentCell(3, 0)
        save(app, tool, out / "curation.png")


# speaker: (gender, role); then the quotes each outlet gives each speaker
PEOPLE = {
    "Anna Berg": ("female", "official"),
    "Tom Reyes": ("male", "official"),
    "Paul Grant": ("male", "official"),
    "Lena Kovac": ("female", "expert"),
    "Omar Haddad": ("male", "expert"),
    "Sara Lind": ("female", "citizen"),
    "Mike Olsen": ("male", "citizen"),
}
OUTLETS = {
    "Harbour Herald": {"Anna Berg": 3, "Tom Reyes": 2, "Lena Kovac": 2, "Omar Haddad": 1},
    "Coastal Times": {"Tom Reyes": 4, "Paul Grant": 3, "Omar Haddad": 2, "Anna Berg": 1},
    "Daily Wire": {"Anna Berg": 2, "Paul Grant": 2, "Lena Kovac": 1, "Sara Lind": 1},
}
OUTLETS["Coastal Times"]["Mike Olsen"] = 2
OUTLETS["Daily Wire"] |= {"Mike Olsen": 1, "Tom Reyes": 2}
OUTLETS["Harbour Herald"]["Sara Lind"] = 1


def attributes(app, tmp: Path, out: Path) -> None:  # noqa: ANN001
    """The Statistics window's By attribute tab: quotes by speaker gender per outlet."""
    from reader.gui.main_window import MainWindow
    from reader.gui.settings import Settings
    from reader.gui.stats.view import StatisticsWindow
    from reader.library import Library
    from reader.model import ParsedArticle
    from reader.text.canonical import paragraphs_to_markdown

    Settings().q.clear()
    with Library(tmp / "attributes.db", annotator="ana") as library:
        library.define_attribute("gender", "entity", "choice", ["female", "male"])
        library.define_attribute("role", "entity", "choice", ["official", "expert", "citizen"])
        for name, (gender, role) in PEOPLE.items():
            entity = library.create_entity(name, "PERSON")
            library.set_attribute("gender", gender, entities=[entity.id])
            library.set_attribute("role", role, entities=[entity.id])
        for outlet, quotes in OUTLETS.items():
            said = [(n, k) for n, count in quotes.items() for k in range(count)]
            lines = [f"“The harbour plan, point {k + 1},” {n} said." for n, k in said]
            parsed = ParsedArticle(f"The harbour plan — {outlet}", "", source=outlet)
            parsed.markdown = paragraphs_to_markdown(lines)
            article_id = library.add_article(parsed)[1]
            text = library.article(article_id).text
            for (name, _), line in zip(said, lines, strict=True):
                inner = line[1 : line.index("”")]
                start = text.index(inner)
                speaker = library.find_entity(name, "PERSON")
                library.annotate(
                    article_id, "quote", start, start + len(inner), speaker_id=speaker.id
                )
        window = MainWindow(library, Settings())
        window.resize(1600, 1000)
        window.views.set_theme("light")
        tool = StatisticsWindow(library, window)
        tool.resize(1100, 700)
        tool.groups.choose("speaker.gender", "source")
        tool.tabs.setCurrentWidget(tool.groups)
        tool.show()
        tool.compute_now()
        save(app, tool, out / "statistics-attributes.png")
        tool.close()
        window.close()


CODES = {  # path: definition, inclusion, exclusion, example
    "Sources": ("Who is quoted or paraphrased, by the role they speak in.", "", "", ""),
    "Sources/Official": (
        "Speaks for a government, a ministry, a party or a public body.",
        "ministers, spokespeople, mayors, MPs",
        "former officials speaking privately",
        "“We will act,” the minister said.",
    ),
    "Sources/Official/Government": ("In office, for the government.", "", "", ""),
    "Sources/Official/Opposition": ("For a party not in government.", "", "", ""),
    "Sources/Expert": (
        "Speaks from knowledge: research, a profession, a think tank.",
        "academics, analysts, doctors",
        "officials with a title",
        "",
    ),
    "Sources/Citizen": ("Speaks for themselves: a resident, a witness, a voter.", "", "", ""),
    "Frames": ("How the story is told.", "", "", ""),
    "Frames/Conflict": ("Sides against each other.", "", "", ""),
    "Frames/Economic": ("Costs, jobs, prices.", "", "", ""),
}


def codebook(app, tmp: Path, out: Path) -> None:  # noqa: ANN001
    """View → Codebook…: a code tree with definitions, at the README's size and at 1024×700."""
    from reader.gui.codebook.window import CodebookWindow
    from reader.gui.main_window import MainWindow
    from reader.gui.settings import Settings
    from reader.library import Library

    Settings().q.clear()
    with Library(tmp / "codebook.db", annotator="ana") as library:
        colours = {"Sources": "#4c6ef5", "Frames": "#e8590c"}
        for path, (definition, inclusion, exclusion, example) in CODES.items():
            *parents, name = path.split("/")
            ids = {lb.name: lb.id for lb in library.labels()}
            parent = ids[parents[-1]] if parents else None
            library.add_code(
                name, "highlight", parent, colours.get(name), definition=definition,
                inclusion=inclusion, exclusion=exclusion, example=example,
            )  # fmt: skip
        window = MainWindow(library, Settings())
        window.resize(1600, 1000)
        window.views.set_theme("light")
        tool = CodebookWindow(window.events, window)
        tool.select("Official")
        for size, name in (((1100, 640), "codebook.png"), ((1024, 700), "codebook-1024.png")):
            tool.resize(*size)
            save(app, tool, out / name)
        tool.close()
        window.close()


if __name__ == "__main__":
    raise SystemExit(main())

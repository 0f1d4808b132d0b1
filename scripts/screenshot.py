#!/usr/bin/env python3
"""Screenshots of the window for the README, made offscreen on a temporary library.

    .venv/bin/python scripts/screenshot.py [--out docs/screenshots]

Writes library.png (the library with an article open), article-rtl.png (an Arabic
article), dark.png (the dark theme), welcome.png (the first-run screen),
annotated.png (the sample press release with quotes, nested entities, a highlight
with a note and the annotations panel) and, on the samples annotated by
`annotate_samples`, statistics.png, statistics-cooccurrence.png and
statistics-dark.png (the Statistics window). Never touches the user's library or settings.
"""

from __future__ import annotations

import argparse
import os
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QWidget

    from reader.gui.app import make_app
    from reader.gui.main_window import MainWindow
    from reader.gui.resources import sample_files
    from reader.gui.settings import Settings
    from reader.gui.stats.view import StatisticsWindow
    from reader.library import Library

    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        app = make_app(["reader"])

        def shoot(window: QWidget, name: str) -> None:
            if isinstance(window, MainWindow):
                window.resize(args.width, args.height)
            window.show()
            for _ in range(5):
                app.processEvents()
            path = args.out / name
            window.grab().save(str(path))
            print(path)

        with Library(Path(tmp) / "empty.db") as empty:
            window = MainWindow(empty, Settings())
            shoot(window, "welcome.png")
            window.close()

        with Library(Path(tmp) / "library.db") as library:
            summary = library.import_paths(sample_files())
            if summary.failed:
                print(summary.line(), file=sys.stderr)
                return 1
            window = MainWindow(library, Settings())
            window.splitter.setSizes([600, 640, 200])
            ids = {a.language: a.id for a in library.list_articles()}
            library.set_read(ids["id"])
            library.set_starred(ids["id"])
            window.model.refresh()
            window.pane.select_article(ids["en"])
            shoot(window, "library.png")
            window.pane.select_article(ids["ar"])
            shoot(window, "article-rtl.png")
            window.pane.select_article(ids["id"])
            annotate_sample(library, ids["id"])
            window.annotate.load()
            window.splitter.setSizes([380, 700, 360])
            text = window.view.article.text
            start = text.index("Sergey Lavrov")
            window.view.setFocus()
            person = next(a for a in window.annotate.annotations if a.start == start)
            window.annotate.select_mark(person.id)
            window.view.select_range(start, start + len("Sergey Lavrov"))
            shoot(window, "annotated.png")
            window.view.select_range(0, 0)
            # review mode on a fresh copy of the sample: suggestions dashed, listed
            for annotation in library.annotations(ids["id"]):
                library.delete_annotation(annotation.id)
            window.annotate.load()
            window.splitter.setSizes([300, 740, 400])
            window.review.set_active(True)
            window.view.setFocus()
            window.review.move(+1)
            window.review.move(+1)
            shoot(window, "review.png")
            window.review.set_active(False)
            library.accept_all(ids["id"], "quotes")
            for s in library.suggest_entities(ids["id"]):
                if s.label == "PERSON":
                    library.accept_entity(ids["id"], s)
            window.views.show_entities()
            entities = window.views.entities_window
            entities.resize(900, 620)
            entities.select_entity(library.find_entity("Sergey Lavrov", "PERSON").id)
            for _ in range(5):
                app.processEvents()
            path = args.out / "entities.png"
            entities.grab().save(str(path))
            print(path)
            entities.close()
            window.splitter.setSizes([600, 640, 200])
            window.views.set_theme("dark")
            shoot(window, "dark.png")
            window.views.set_theme("light")
            annotate_samples(library)
            stats = StatisticsWindow(library, window)
            stats.resize(1100, 700)
            stats.show()
            stats.compute_now()
            shoot(stats, "statistics.png")
            stats.tabs.setCurrentWidget(stats.cooccurrence)
            shoot(stats, "statistics-cooccurrence.png")
            window.views.set_theme("dark")
            stats.tabs.setCurrentWidget(stats.by_source)
            shoot(stats, "statistics-dark.png")
            stats.close()
            window.close()
        QApplication.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

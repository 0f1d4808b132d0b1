#!/usr/bin/env python3
"""Deterministic realistic news articles for the benchmarks, as files and as a library.

    .venv/bin/python scripts/make_corpus.py N OUT_DIR [--seed S] [--db PATH] [--annotations M]

Writes N articles into OUT_DIR, 1,000 per shard folder (`000/`, `001/`, …), in the
import formats: mostly `.txt` press releases (date line, title, byline, dateline with
the wire's name, body, distributor footer and sectors line, like
resources/samples/seaprwire-id-2025-02-27-lavrov.txt), some `.md` with front matter and
a few `.html` pages. Seven languages and four scripts (en, id, fr, de, ru, ar, zh), each
with its own quotation marks, speech verbs, date lines and recurring names; paragraphs
and articles of varied length. The same seed gives the same bytes.

With `--db PATH` the same articles are also stored in a library (fast: parsed rows are
generated directly, as `Library.add_articles` stores them), and with `--annotations M`
that library gets M annotations: quotes with their speakers, entity mentions linked to
registry entities, and highlights, all at exact offsets of the stored text.
"""

from __future__ import annotations

import argparse
import html
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARD = 1000

# Per language: words, names (person, org, place), speech verb, quote marks,
# a date-line writer, byline word, footer (disclaimer, sectors word).
MONTHS = {
    "en": "January February March April May June July August September October November December",
    "id": "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    "ar": "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
}


def date_line(lang: str, y: int, m: int, d: int) -> str:
    if lang == "zh":
        return f"{y}年{m}月{d}日"
    month = MONTHS[lang].split()[m - 1]
    return {
        "en": f"{month} {d}, {y}",
        "id": f"{d} {month} {y}",
        "fr": f"{d} {month} {y}",
        "de": f"{d}. {month} {y}",
        "ru": f"{d} {month} {y}",
        "ar": f"{d} {month} {y}",
    }[lang]


def _words(text: str) -> list[str]:
    return text.split()


@dataclass(frozen=True)
class Lang:
    code: str
    words: list[str]
    people: list[str]
    orgs: list[str]
    places: list[str]
    said: str
    open_q: str
    close_q: str
    by: str
    disclaimer: str
    sectors: str
    spaced: bool = True  # words separated by spaces (not zh)


LANGS = [
    Lang(
        "en",
        _words(
            "the minister said talks would resume next week according to officials and the "
            "embassy statement on sanctions trade energy prices was followed by a vote in "
            "parliament where the coalition and opposition agreed that the budget for schools "
            "hospitals and railways must grow while farmers warned about drought water and "
            "wages in the region near the border after a summit of leaders"
        ),
        ["Sergey Lavrov", "Marco Rubio", "Maria Zakharova", "Anna Keller", "John Okafor"],
        ["Foreign Ministry", "World Bank", "Harbour Council", "Reuters"],
        ["Istanbul", "Riyadh", "Washington", "Moscow", "Doha"],
        "said",
        "“",
        "”",
        "By",
        "This article is provided by a third-party content provider. No warranties are given.",
        "Sectors",
    ),
    Lang(
        "id",
        _words(
            "menteri luar negeri mengatakan pembicaraan akan dilanjutkan minggu depan menurut "
            "pejabat kedutaan dan pernyataan tentang sanksi perdagangan energi harga diikuti "
            "pemungutan suara di parlemen koalisi oposisi sepakat bahwa anggaran untuk sekolah "
            "rumah sakit kereta api harus tumbuh sementara petani memperingatkan kekeringan air "
            "upah di wilayah dekat perbatasan setelah pertemuan puncak para pemimpin"
        ),
        ["Sergey Lavrov", "Retno Marsudi", "Joko Widodo", "Lynne Tracy", "Anatoly Antonov"],
        ["Kementerian Luar Negeri", "Bank Dunia", "SeaPRwire"],
        ["Jakarta", "Istanbul", "Surabaya", "Moskow", "Washington"],
        "kata",
        "“",
        "”",
        "Oleh",
        "Artikel ini disediakan oleh penyedia konten pihak ketiga. Tidak memberikan jaminan.",
        "Sektor",
    ),
    Lang(
        "fr",
        _words(
            "le ministre a déclaré que les négociations reprendront la semaine prochaine selon "
            "les responsables de l'ambassade et la déclaration sur les sanctions le commerce "
            "l'énergie les prix a été suivie d'un vote au parlement où la coalition et "
            "l'opposition ont convenu que le budget des écoles hôpitaux et chemins de fer doit "
            "croître tandis que les agriculteurs alertent sur la sécheresse l'eau et les salaires"
        ),
        ["Jean-Noël Barrot", "Sergueï Lavrov", "Élise Fournier", "Marc Dubois"],
        ["Quai d'Orsay", "Banque mondiale", "Conseil municipal"],
        ["Paris", "Lyon", "Genève", "Istanbul", "Moscou"],
        "a déclaré",
        "« ",
        " »",
        "Par",
        "Cet article est fourni par un fournisseur de contenu tiers (third-party content).",
        "Secteur",
    ),
    Lang(
        "de",
        _words(
            "der Minister sagte die Gespräche würden nächste Woche fortgesetzt nach Angaben von "
            "Beamten der Botschaft und die Erklärung zu Sanktionen Handel Energie Preise folgte "
            "eine Abstimmung im Parlament wo Koalition und Opposition vereinbarten dass der "
            "Haushalt für Schulen Krankenhäuser und Eisenbahnen wachsen muss während Landwirte "
            "vor Dürre Wasser und Löhnen in der Region nahe der Grenze warnten"
        ),
        ["Annalena Baerbock", "Sergej Lawrow", "Friedrich Merz", "Katrin Weber"],
        ["Auswärtiges Amt", "Bundestag", "Weltbank"],
        ["Berlin", "München", "Istanbul", "Moskau", "Wien"],
        "sagte",
        "„",
        "“",
        "Von",
        "Dieser Artikel wird von einem Drittanbieter bereitgestellt (third-party content).",
        "Sektoren",
    ),
    Lang(
        "ru",
        _words(
            "министр заявил что переговоры возобновятся на следующей неделе по словам "
            "сотрудников посольства и заявление о санкциях торговле энергетике ценах "
            "сопровождалось голосованием в парламенте где коалиция и оппозиция согласились что "
            "бюджет школ больниц и железных дорог должен расти пока фермеры предупреждают о "
            "засухе воде и зарплатах в регионе у границы после саммита лидеров"
        ),
        ["Сергей Лавров", "Мария Захарова", "Дмитрий Песков", "Анна Смирнова"],
        ["МИД России", "Госдума", "РИА Новости"],
        ["Москва", "Стамбул", "Вашингтон", "Санкт-Петербург"],
        "заявил",
        "«",
        "»",
        "Автор:",
        "Материал предоставлен сторонним поставщиком (third-party content).",
        "Topics",
    ),
    Lang(
        "ar",
        _words(
            "قال الوزير إن المحادثات ستستأنف الأسبوع المقبل وفقا لمسؤولين في السفارة وأعقب "
            "البيان بشأن العقوبات والتجارة والطاقة والأسعار تصويت في البرلمان حيث اتفق "
            "الائتلاف والمعارضة على أن ميزانية المدارس والمستشفيات والسكك الحديدية يجب أن تنمو "
            "بينما حذر المزارعون من الجفاف والمياه والأجور في المنطقة قرب الحدود بعد قمة القادة"
        ),
        ["سيرغي لافروف", "فيصل بن فرحان", "ماريا زاخاروفا", "أحمد الخطيب"],
        ["وزارة الخارجية", "البنك الدولي", "مجلس الأمن"],
        ["الرياض", "الدوحة", "إسطنبول", "موسكو", "القاهرة"],
        "قال",
        "«",
        "»",
        "بقلم",
        "هذا المقال مقدم من مزود محتوى خارجي (third-party content).",
        "Topics",
    ),
    Lang(
        "zh",
        list(
            "外交部长表示会谈将于下周恢复据大使馆官员称关于制裁贸易能源价格的声明之后议会进行了"
            "投票执政联盟和反对派同意学校医院铁路的预算必须增长而农民警告干旱水资源和工资问题"
        ),
        ["王毅", "拉夫罗夫", "李强", "张伟"],
        ["外交部", "世界银行", "新华社"],
        ["北京", "上海", "伊斯坦布尔", "莫斯科"],
        "表示",
        "“",
        "”",
        "作者",
        "本文由第三方内容提供商提供 (third-party content)。",
        "Topics",
        spaced=False,
    ),
]
WEIGHTS = [40, 15, 12, 12, 9, 6, 6]  # en most common, as in a real collection
WIRES = ["SeaPRwire", "Reuters", "AP", "AFP", "Bench Wire"]
RARE = ["xylophone", "quokka", "zeppelin", "marmalade", "obsidian"]  # 1 article in ~1,000


@dataclass
class Doc:
    """One generated article: what a file holds, before any parsing."""

    index: int
    lang: Lang
    fmt: str  # txt | md | html
    title: str
    author: str
    source: str
    place: str
    published: tuple[int, int, int]
    standfirst: str
    paragraphs: list[str]
    sections: list[str] = field(default_factory=list)

    @property
    def iso_date(self) -> str:
        y, m, d = self.published
        return f"{y:04d}-{m:02d}-{d:02d}"


class Generator:
    """Articles from a seed; `doc(i)` depends only on the seed and i (any order, any shard)."""

    def __init__(self, seed: int = 7) -> None:
        self.seed = seed

    def _sentence(self, rng: random.Random, lang: Lang, n: int, names: list[str]) -> str:
        words = rng.choices(lang.words, k=n)
        if (
            names and rng.random() < 0.5
        ):  # names recur, so tagging and search have something to find
            words.insert(rng.randrange(len(words) + 1), rng.choice(names))
        sep = " " if lang.spaced else ""
        text = sep.join(words)
        end = "。" if not lang.spaced else "."
        return (text[:1].upper() + text[1:] if lang.spaced else text) + end

    def _quote(self, rng: random.Random, lang: Lang, speaker: str) -> str:
        said = self._sentence(rng, lang, rng.randint(6, 18), [])[:-1]
        sep = " " if lang.spaced else ""
        quote = f"{lang.open_q}{said}{lang.close_q}"
        tail = "." if lang.spaced else "。"
        if lang.code == "zh":
            return f"{speaker}{lang.said}：{quote}{tail}"
        if rng.random() < 0.5:
            return f"{quote}{',' if lang.spaced else '，'}{sep}{speaker}{sep}{lang.said}{tail}"
        return f"{speaker}{sep}{lang.said}:{sep}{quote}{tail}"

    def doc(self, i: int, words: int | None = None) -> Doc:
        """Article i; `words` forces a long body of about that many words."""
        rng = random.Random(self.seed * 1_000_003 + i)
        lang = rng.choices(LANGS, WEIGHTS)[0]
        fmt = "html" if i % 50 == 49 else "md" if i % 8 == 3 else "txt"
        names = lang.people + lang.orgs + lang.places
        people = lang.people
        paragraphs: list[str] = []
        target = words or int(rng.lognormvariate(5.6, 0.5))  # median ~270 words, long tail
        count = 0
        while count < target:
            kind = rng.random()
            if kind < 0.25:
                para = self._quote(rng, lang, rng.choice(people))
            else:
                n_sent = rng.choice((1, 2, 3, 3, 4, 5, 7))
                para = " ".join(
                    self._sentence(rng, lang, rng.randint(6, 26), names) for _ in range(n_sent)
                )
            if rng.random() < 0.001:
                para += f" {rng.choice(RARE)}."
            paragraphs.append(para)
            count += len(para.split()) if lang.spaced else len(para) // 2
        title_words = rng.choices(lang.words, k=rng.randint(5, 11))
        title_words.insert(1, rng.choice(names))
        title = (" " if lang.spaced else "").join(title_words)
        title = title[:1].upper() + title[1:] + f" {i}"  # numbered: titles stay unique
        return Doc(
            index=i,
            lang=lang,
            fmt=fmt,
            title=title,
            author=rng.choice(["Daring", "Anna Keller", "Staff", "Desk", "Lena Park"]),
            source=rng.choice(WIRES),
            place=rng.choice(lang.places).upper(),
            published=(2020 + rng.randrange(6), 1 + rng.randrange(12), 1 + rng.randrange(28)),
            standfirst=self._sentence(rng, lang, 10, names)[:-1],
            paragraphs=paragraphs,
            sections=rng.sample(["Top Story", "Daily News", "Politics", "Economy", "World"], 2),
        )

    def docs(self, n: int) -> Iterator[Doc]:
        for i in range(n):
            yield self.doc(i)


# -- files ----------------------------------------------------------------------------------


def as_txt(d: Doc) -> str:
    y, m, day = d.published
    parts = [
        date_line(d.lang.code, y, m, day),
        d.title,
        f"{d.lang.by} {d.author}",
        f"{d.place} ({d.source}) –   {d.standfirst}",
        *d.paragraphs,
        d.lang.disclaimer,
        f"{d.lang.sectors}: {', '.join(d.sections)}",
    ]
    return "\n\n".join(parts) + "\n"


def as_md(d: Doc) -> str:
    front = [
        "---",
        f'title: "{d.title}"',
        f"author: {d.author}",
        f"source: {d.source}",
        f"date: {d.iso_date}",
        f"lang: {d.lang.code}",
        f"tags: [{', '.join(d.sections)}]",
        "---",
        "",
    ]
    body = [f"*{d.standfirst}*"]
    for k, p in enumerate(d.paragraphs):
        if k and k % 6 == 0:
            body.append(f"## {p.split('.')[0][:40]}")
        body.append(p)
    return "\n".join(front) + "\n\n".join(body) + "\n"


def as_html(d: Doc) -> str:
    paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in d.paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{d.lang.code}"><head><meta charset="utf-8">'
        f"<title>{html.escape(d.title)}</title>"
        f'<meta name="author" content="{html.escape(d.author)}">'
        f'<meta property="article:published_time" content="{d.iso_date}">'
        f"</head><body><nav><a href='/'>Home</a> · <a href='/world'>World</a></nav>"
        f"<article><h1>{html.escape(d.title)}</h1><p><em>{html.escape(d.standfirst)}</em></p>"
        f"{paras}</article><footer>© {d.source}</footer></body></html>\n"
    )


WRITERS = {"txt": as_txt, "md": as_md, "html": as_html}


def file_path(out: Path, d: Doc) -> Path:
    return out / f"{d.index // SHARD:03d}" / f"{d.index:07d}-{d.lang.code}.{d.fmt}"


def write_files(gen: Generator, n: int, out: Path, start: int = 0) -> list[Path]:
    """Write articles start..start+n-1 as files; returns their paths."""
    paths = []
    for i in range(start, start + n):
        d = gen.doc(i)
        path = file_path(out, d)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(WRITERS[d.fmt](d), encoding="utf-8")
        paths.append(path)
    return paths


# -- library --------------------------------------------------------------------------------


def parsed(d: Doc):  # noqa: ANN201 - ParsedArticle, imported lazily
    """The article as the importers would return it (what `add_articles` stores)."""
    from reader.model import ParsedArticle
    from reader.text.canonical import paragraphs_to_markdown

    return ParsedArticle(
        title=d.title,
        markdown=paragraphs_to_markdown(d.paragraphs),
        subtitle=d.standfirst,
        author=d.author,
        source=d.source,
        published=d.iso_date,
        language=d.lang.code,
        sections=list(d.sections),
        source_path=f"{d.index // SHARD:03d}/{d.index:07d}-{d.lang.code}.{d.fmt}",
        source_format={"txt": "text", "md": "markdown", "html": "html"}[d.fmt],
    )


def build_library(db: Path, gen: Generator, n: int, annotations: int = 0) -> dict[str, float]:
    """A library of articles 0..n-1 and `annotations` annotations; returns timings (s)."""
    from reader.library import Library

    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    with Library(db, annotator="bench") as lib:
        lib.add_articles((parsed(gen.doc(i)) for i in range(n)), batch=5000)
        timings["articles_s"] = time.perf_counter() - t0
        if annotations:
            t1 = time.perf_counter()
            add_annotations(lib, annotations)
            timings["annotations_s"] = time.perf_counter() - t1
    return timings


ANNOTATION_COLUMNS = (
    "article_id",
    "kind",
    "label",
    "start",
    "end",
    "exact",
    "prefix",
    "suffix",
    "note",
    "annotator",
    "created",
    "modified",
    "status",
    "origin",
    "entity_id",
    "speaker_id",
    "speaker_start",
    "speaker_end",
    "cue",
    "quote_type",
)


def _entity_ids(lib) -> dict[tuple[str, str], int]:  # noqa: ANN001
    """Every generated name in the registry, by (name, type)."""
    store = lib._store
    ids = {(r[1], r[2]): r[0] for r in store.db.execute("SELECT id, name, type FROM entities")}
    for lang in LANGS:
        for names, type_ in (
            (lang.people, "PERSON"),
            (lang.orgs, "ORG"),
            (lang.places, "LOCATION"),
        ):
            for name in names:
                if (name, type_) not in ids:
                    ids[(name, type_)] = store.entities.insert(
                        {"name": name, "type": type_, "aliases": []}
                    )
    return ids


def annotation_rows(
    article_id: int, text: str, k: int, entities: dict, name_re: re.Pattern, rng: random.Random
) -> Iterator[tuple]:
    """k annotations of one article: about 1/3 quotes, 1/2 mentions, the rest highlights."""
    from reader.text.anchoring import context
    from reader.timestamps import utc_now

    now = utc_now()
    by_name = {name: (type_, eid) for (name, type_), eid in entities.items()}
    mentions = [m.span() for m in name_re.finditer(text)]
    quotes = [m.span() for m in _QUOTE_RE.finditer(text)]
    sentences = [m.span() for m in _SENTENCE_RE.finditer(text)] or [(0, min(len(text), 20))]
    made = 0
    while made < k:
        r = made % 6
        if r in (0, 3) and quotes:
            s, e = quotes[(made // 6) % len(quotes)]
            speaker = None
            window = text[max(0, s - 60) : e + 60]
            for m in name_re.finditer(window):
                speaker = m.group(0)
            sid = by_name[speaker][1] if speaker else None
            row = ("quote", "QUOTE", s, e, None, sid, "said", "direct")
        elif r in (1, 2, 4) and mentions:
            s, e = mentions[(made // 2) % len(mentions)]
            type_, eid = by_name[text[s:e]]
            row = ("entity", type_, s, e, eid, None, None, None)
        else:
            s, e = sentences[rng.randrange(len(sentences))]
            row = ("highlight", rng.choice(("important", "evidence")), s, e, None, None, None, None)
        kind, label, s, e, eid, sid, cue, qtype = row
        prefix, suffix = context(text, s, e)
        note = "check the figure" if rng.random() < 0.05 else None
        yield (
            article_id,
            kind,
            label,
            s,
            e,
            text[s:e],
            prefix,
            suffix,
            note,
            "bench",
            now,
            now,
            "ok",
            "manual",
            eid,
            sid,
            None,
            None,
            cue,
            qtype,
        )
        made += 1


_QUOTE_RE = re.compile(r"[“«„][^“”«»„]{3,400}?[”»“]")
_SENTENCE_RE = re.compile(r"[^.。\n]{20,300}[.。]")


def add_annotations(lib, total: int, article_ids: list[int] | None = None) -> int:  # noqa: ANN001
    """Spread `total` annotations over the library's articles (or the given ones)."""
    from reader.store.exports import bulk_insert_annotations

    entities = _entity_ids(lib)
    names = sorted({name for name, _ in entities}, key=len, reverse=True)
    name_re = re.compile("|".join(re.escape(n) for n in names))
    db = lib._store.db
    if article_ids is None:
        article_ids = [r[0] for r in db.execute("SELECT id FROM articles ORDER BY id")]
    if not article_ids:
        return 0
    per, extra = divmod(total, len(article_ids))
    rng = random.Random(11)

    def rows() -> Iterator[tuple]:
        for pos, article_id in enumerate(article_ids):
            k = per + (1 if pos < extra else 0)
            if k:
                text = db.execute("SELECT text FROM articles WHERE id = ?", [article_id]).fetchone()
                yield from annotation_rows(article_id, text[0], k, entities, name_re, rng)

    return bulk_insert_annotations(db, ANNOTATION_COLUMNS, rows())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("out", type=Path, help="folder for the files")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", type=Path, help="also build a library here")
    parser.add_argument("--annotations", type=int, default=0, help="annotations in the library")
    parser.add_argument("--no-files", action="store_true", help="only build the library")
    args = parser.parse_args()
    gen = Generator(args.seed)
    if not args.no_files:
        t = time.perf_counter()
        write_files(gen, args.n, args.out)
        print(f"wrote {args.n:,} files in {time.perf_counter() - t:.1f} s to {args.out}")
    if args.db:
        timings = build_library(args.db, gen, args.n, args.annotations)
        print(
            f"library {args.db}: {args.n:,} articles in {timings['articles_s']:.1f} s"
            + (
                f", {args.annotations:,} annotations in {timings['annotations_s']:.1f} s"
                if args.annotations
                else ""
            )
        )


if __name__ == "__main__":
    main()

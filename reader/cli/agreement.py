"""`reader agreement`: how well the annotators agree, as the Agreement window shows it."""

from __future__ import annotations

import json
import sys

import click

from reader.cli import _open_library, cli

TOP_ARTICLES = 10  # articles listed in the table format (csv and json list them all)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def _label(kind: str, label: str) -> str:
    if not kind:
        return "(all)"
    return f"{kind}: (all labels)" if not label else f"{kind}: {label}"


def _table(title: str, columns: list[str], rows: list[list[str]]) -> None:
    click.echo(title)
    cells = [columns, *rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
    for i, r in enumerate(cells):
        click.echo("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())
        if i == 0:
            click.echo("  ".join("-" * w for w in widths))
    click.echo("")


# Long ("tidy") CSV: one measure per row, so every table fits one file and pivots easily.
CSV_COLUMNS = ("table", "kind", "label", "annotators", "article_id", "measure", "value")


def _csv_rows(report) -> list[tuple]:
    both = "+".join(report.annotators)
    rows: list[tuple] = []
    for r in report.labels:
        for measure, value in (
            ("alpha_u", r.alpha_u),
            ("kappa", r.kappa),
            ("alpha", r.alpha),
            ("exact_f1", r.exact_f1),
            ("overlap_f1", r.overlap_f1),
        ):
            rows.append(("labels", r.kind, r.label, both, "", measure, value))
        for name, count in zip(report.annotators, r.marks, strict=True):
            rows.append(("labels", r.kind, r.label, name, "", "marks", count))
    for p in report.pairs:
        pair = f"{p.annotator_a}+{p.annotator_b}"
        for measure, value in (
            ("marks_a", p.marks_a),
            ("marks_b", p.marks_b),
            ("exact", p.exact),
            ("exact_f1", p.exact_f1),
            ("overlap_f1", p.overlap_f1),
            ("kappa", p.kappa),
        ):
            rows.append(("pairs", p.kind, p.label, pair, "", measure, value))
    for s in report.speakers:
        pair = f"{s.annotator_a}+{s.annotator_b}"
        for measure, value in (
            ("quotes", s.quotes),
            ("with_speaker", s.with_speaker),
            ("same", s.same),
            ("agreement", s.agreement),
        ):
            rows.append(("speakers", "quote", "", pair, "", measure, value))
    for a in report.articles:
        for measure, value in (
            ("tokens", a.tokens),
            ("disagreeing_tokens", a.disagreeing_tokens),
            ("disagreement", a.disagreement),
            ("agreed_marks", a.agreed_marks),
            ("alpha_u", a.alpha_u),
        ):
            rows.append(("articles", "", "", both, a.article_id, measure, value))
    return rows


@cli.command("agreement")
@click.option(
    "--annotators",
    help="Comma-separated annotators to compare (default: everyone who marked these articles).",
)
@click.option("--label", "labels", multiple=True, help="Only this label (repeat).")
@click.option(
    "--kind",
    type=click.Choice(["quote", "entity", "highlight"]),
    help="Only marks of this kind (default: every kind).",
)
@click.option("--query", default="", help="Only articles matching this search.")
@click.option("--article", "articles", type=int, multiple=True, help="Only this article (repeat).")
@click.option("--since", help="Articles published on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Articles published on or before this date (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table")
@click.pass_context
def agreement_cmd(
    ctx: click.Context,
    annotators: str | None,
    labels: tuple[str, ...],
    kind: str | None,
    query: str,
    articles: tuple[int, ...],
    since: str | None,
    until: str | None,
    fmt: str,
) -> None:
    """How well annotators agree, on the articles every one of them coded.

    Per label and overall: Krippendorff's alpha for unitizing (alpha_u, on code
    points), Cohen's kappa (two annotators) or Fleiss' kappa (more) and Krippendorff's
    alpha on token labels, exact-span and overlap F1; per pair of annotators, and the
    speakers of the quotes both marked; then the articles that disagree most.
    """
    from reader.model import Scope

    scope = Scope(query=query, since=since, until=until, article_ids=articles)
    names = annotators.split(",") if annotators is not None else None
    with _open_library(ctx) as lib:
        report = lib.agreement(names, list(labels) or None, kind, scope)
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        from reader.exporters.csv_safe import write_rows

        write_rows(sys.stdout, CSV_COLUMNS, _csv_rows(report))
    else:
        _print_tables(report)


def _print_tables(report) -> None:
    who = ", ".join(report.annotators)
    n = len(report.article_ids)
    click.echo(
        f"{n} {'article' if n == 1 else 'articles'} coded by {who}; {report.tokens} tokens; "
        f"κ is {report.kappa_name}\n"
    )
    _table(
        "By label",
        [
            "label",
            *[f"marks {a}" for a in report.annotators],
            "α_u",
            "κ",
            "α",
            "exact F1",
            "overlap F1",
        ],
        [
            [
                _label(r.kind, r.label),
                *[str(n) for n in r.marks],
                *map(_number, (r.alpha_u, r.kappa, r.alpha, r.exact_f1, r.overlap_f1)),
            ]
            for r in report.labels
        ],
    )
    _table(
        "Between pairs",
        ["annotators", "label", "marks", "exact", "exact F1", "overlap F1", "Cohen's κ"],
        [
            [
                f"{p.annotator_a} / {p.annotator_b}",
                _label(p.kind, p.label),
                f"{p.marks_a} / {p.marks_b}",
                str(p.exact),
                *map(_number, (p.exact_f1, p.overlap_f1, p.kappa)),
            ]
            for p in report.pairs
        ],
    )
    if any(s.quotes for s in report.speakers):
        _table(
            "Speakers of the quotes both marked",
            ["annotators", "quotes", "with a speaker", "same speaker", "agreement"],
            [
                [
                    f"{s.annotator_a} / {s.annotator_b}",
                    str(s.quotes),
                    str(s.with_speaker),
                    str(s.same),
                    _number(s.agreement),
                ]
                for s in report.speakers
            ],
        )
    _table(
        "Articles that disagree most",
        ["id", "disagreeing tokens", "share", "agreed marks", "α_u", "title"],
        [
            [
                str(a.article_id),
                f"{a.disagreeing_tokens} / {a.tokens}",
                f"{a.disagreement:.1%}",
                str(a.agreed_marks),
                _number(a.alpha_u),
                a.title,
            ]
            for a in report.articles[:TOP_ARTICLES]
        ],
    )

"""Commands for annotation exports: export annotations, import-annotations."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reader.cli import _open_library, cli
from reader.cli.articles import export_group


@export_group.command("annotations")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "xlsx", "jsonl", "w3c", "doccano", "markdown", "conll", "spacy"]),
    default="csv",
    show_default=True,
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="File (default: stdout); a folder for markdown; a file for xlsx.",
)
@click.option(
    "--table",
    type=click.Choice(["annotations", "quotes", "entities", "mentions"]),
    default="annotations",
    show_default=True,
    help="CSV: which table.",
)
@click.option("--excel", is_flag=True, help="CSV: start with the byte-order mark Excel needs.")
@click.option("--raw", is_flag=True, help="CSV: keep formula-like cells (=, +, -, @) as they are.")
@click.option("--query", default="", help="Only articles matching this search.")
@click.option("--article", "articles", type=int, multiple=True, help="Only this article (repeat).")
@click.option("--kind", "kinds", multiple=True, help="Only this kind: quote, entity, highlight.")
@click.option("--label", "labels", multiple=True, help="Only this label (repeat).")
@click.option(
    "--with-children", is_flag=True, help="--label takes in the labels under it in the codebook."
)
@click.option("--since", help="Articles published on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Articles published on or before this date (YYYY-MM-DD).")
@click.option("--annotator", "annotators", multiple=True, help="Only this coder's marks (repeat).")
@click.pass_context
def export_annotations_cmd(
    ctx: click.Context,
    fmt: str,
    output: Path | None,
    table: str,
    excel: bool,
    raw: bool,
    query: str,
    articles: tuple[int, ...],
    kinds: tuple[str, ...],
    labels: tuple[str, ...],
    with_children: bool,
    since: str | None,
    until: str | None,
    annotators: tuple[str, ...],
) -> None:
    """Annotations with their article metadata: csv, xlsx, jsonl, w3c, doccano, markdown,
    or NER training data: conll (IOB2) and spacy (a DocBin; needs reader[spacy]).

    xlsx writes one workbook with a sheet per table (annotations, quotes,
    entities, mentions) and the scope's articles.

    Offsets are code points into the article text as `reader export articles`
    writes it: text == article_text[start:end] on every row.
    """
    from dataclasses import replace

    from reader.model import ExportOptions, Scope

    scope = Scope(
        query=query,
        since=since,
        until=until,
        article_ids=articles,
        kinds=kinds,
        labels=labels,
        annotators=annotators,
    )
    options = ExportOptions(table=table, excel=excel, raw=raw)
    with _open_library(ctx) as lib:
        if with_children:
            scope = replace(scope, labels=lib.label_family(labels))
        try:
            result = lib.export_annotations(fmt, output, scope, options)
        except BrokenPipeError:  # `reader export annotations | head`: the reader left
            sys.stderr.close()
            ctx.exit(0)
    if output is not None and str(output) != "-":
        click.echo(result.line(), err=True)


@cli.command("import-annotations")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--annotator",
    help="Write the imported marks under this annotator name (default: the names they carry).",
)
@click.pass_context
def import_annotations_cmd(ctx: click.Context, path: Path, annotator: str | None) -> None:
    """Add the annotations of a jsonl or w3c export to the matching articles.

    Articles are matched by content hash, then URL, then title; what cannot be
    matched is listed. Importing the same file twice adds nothing. Marks keep the
    annotator the file names (another coder's export stays theirs), or take --annotator.
    """
    with _open_library(ctx) as lib:
        report = lib.import_annotations(path, annotator or None)
    for line in report.unmatched:
        click.echo(line, err=True)
    click.echo(report.line())
    if report.unmatched:
        sys.stdout.flush()
        ctx.exit(1)

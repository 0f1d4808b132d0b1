"""`reader stats`: the same numbers as the Statistics view."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from reader.cli import _open_library, cli

CHOICES = [
    "speakers",
    "entities",
    "labels",
    "sources",
    "timeline",
    "cooccurrence",
    "languages",
    "annotators",
    "speakers-by-source",
]


def _date(value: str | None) -> str | None:
    if value is None:
        return None
    from reader.importers.meta import parse_date

    parsed = parse_date(value) if not value[:4].isdigit() or len(value) > 10 else value
    if parsed is None:
        raise click.BadParameter(f"{value!r} is not a date (try 2025-02-27)")
    return parsed[:10]


@cli.command("stats")
@click.argument("statistic", type=click.Choice(CHOICES), default="speakers")
@click.option("--query", default="", help="Only articles matching this search.")
@click.option("--since", help="Published on or after this date.")
@click.option("--until", help="Published on or before this date.")
@click.option("--source", "sources", multiple=True, help="Only this source (repeatable).")
@click.option("--label", "labels", multiple=True, help="Only annotations with this label.")
@click.option(
    "--with-children",
    is_flag=True,
    help="--label takes in the labels under it in the codebook (labels: added up into it).",
)
@click.option(
    "--by",
    "by",
    multiple=True,
    help="speakers, entities: group by source, language, month, year, speaker.NAME or "
    "article.NAME (an attribute; repeatable).",
)
@click.option(
    "--where",
    "wheres",
    multiple=True,
    help="Only speakers (entities, articles) with this attribute value: speaker.gender=female.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json", "xlsx"]), default="table"
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="xlsx: the file."
)
@click.option("--excel", is_flag=True, help="CSV: start with the byte-order mark Excel needs.")
@click.option("--raw", is_flag=True, help="CSV: keep formula-like cells (=, +, -, @) as they are.")
@click.option("--annotator", "annotators", multiple=True, help="Only this coder's marks (repeat).")
@click.pass_context
def stats_cmd(
    ctx: click.Context,
    statistic: str,
    query: str,
    since: str | None,
    until: str | None,
    sources: tuple[str, ...],
    labels: tuple[str, ...],
    with_children: bool,
    by: tuple[str, ...],
    wheres: tuple[str, ...],
    fmt: str,
    excel: bool,
    raw: bool,
    output: Path | None,
    annotators: tuple[str, ...],
) -> None:
    """Who is quoted, what is named, by which sources and when."""
    from reader.model import Scope

    filters = []
    for where in wheres:
        key, eq, value = where.partition("=")
        if not eq:
            raise click.BadParameter(f"{where!r} is not NAME=VALUE", param_hint="--where")
        filters.append((key.strip(), value.strip()))
    scope = Scope(
        query=query,
        since=_date(since),
        until=_date(until),
        sources=sources,
        labels=labels,
        attributes=tuple(filters),
        annotators=annotators,
    )
    with _open_library(ctx) as lib:
        if by:
            table = lib.grouped_statistic(statistic, list(by), scope, with_children)
        else:
            table = lib.statistic(statistic, scope, with_children)
    if fmt == "xlsx":
        from reader.errors import ExportFailed
        from reader.exporters.xlsx import write_statistic

        if output is None:
            raise ExportFailed("an xlsx export needs a file (-o FILE.xlsx)")
        note = write_statistic(table, output).line()
        click.echo(
            "; ".join(filter(None, [f"exported {len(table.rows)} rows to {output}", note])),
            err=True,
        )
    elif fmt == "json":
        for row in table.dicts():
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "csv":
        from reader.exporters.csv_safe import write_rows

        # Names come from articles and users: formula-like cells are neutralised.
        write_rows(sys.stdout, table.columns, table.rows, raw=raw, excel=excel)
    else:
        cells = [
            table.columns,
            *[tuple("" if v is None else str(v) for v in r) for r in table.rows],
        ]
        widths = [max(len(r[i]) for r in cells) for i in range(len(table.columns))]
        for i, r in enumerate(cells):
            click.echo("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())
            if i == 0:
                click.echo("  ".join("-" * w for w in widths))
        if not table.rows:
            click.echo("(nothing in this scope)", err=True)

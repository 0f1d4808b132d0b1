"""Commands for working as a team: merge another coder's library, curate agreed marks."""

from __future__ import annotations

from pathlib import Path

import click

from reader.cli import _open_library, cli


@cli.command("merge")
@click.argument("other", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--annotator",
    help="Write the merged marks under this annotator name (default: the names they carry).",
)
@click.pass_context
def merge_cmd(ctx: click.Context, other: Path, annotator: str | None) -> None:
    """Bring another Reader library's marks (and the articles missing here) into this one.

    Articles are matched by content hash, then URL; marks keep their annotator, origin
    and times; entities are matched by type and name or alias, and conflicts are listed,
    not guessed. Merging the same library twice adds nothing. One undo step.
    """
    with _open_library(ctx) as lib:
        report = lib.merge(other, annotator=annotator or None)
    for line in report.conflicts:
        click.echo(f"conflict: {line}", err=True)
    click.echo(report.line())


@cli.command("curate")
@click.option(
    "--accept-agreed", is_flag=True, help="Write the marks every coder agrees on (else: count)."
)
@click.option(
    "--into", default="curated", show_default=True, help="Annotator name of the curated marks."
)
@click.option(
    "--annotators",
    help="The coders to compare, comma-separated (default: every annotator but --into).",
)
@click.option("--query", default="", help="Only articles matching this search.")
@click.option("--article", "articles", type=int, multiple=True, help="Only this article (repeat).")
@click.option("--since", help="Articles published on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Articles published on or before this date (YYYY-MM-DD).")
@click.option("--source", "sources", multiple=True, help="Only this source (repeat).")
@click.pass_context
def curate_cmd(
    ctx: click.Context,
    accept_agreed: bool,
    into: str,
    annotators: str | None,
    query: str,
    articles: tuple[int, ...],
    since: str | None,
    until: str | None,
    sources: tuple[str, ...],
) -> None:
    """Settle coders' marks into one curated set, written as annotator --into.

    On the articles every chosen coder marked, a mark is agreed when all of them have
    it with the same span and label (for a quote, the same speaker). --accept-agreed
    writes each agreed mark once as --into (again adds nothing; one undo step); without
    it, the counts are shown and nothing is written. Disagreements are settled in the
    window (Annotate → Curate…).
    """
    from reader.model import Scope

    names = [a.strip() for a in annotators.split(",")] if annotators else None
    scope = Scope(query=query, since=since, until=until, article_ids=articles, sources=sources)
    with _open_library(ctx) as lib:
        report = lib.curate_agreed(names, into, scope, dry_run=not accept_agreed)
    if accept_agreed:
        click.echo(report.line())
    else:
        click.echo(report.line().split(";")[0] + " (nothing written: add --accept-agreed)")

"""`reader reextract`: rebuild articles from their kept original HTML."""

from __future__ import annotations

import click

from reader.cli import _open_library, cli


@cli.command("reextract")
@click.argument("article_ids", nargs=-1, type=int)
@click.pass_context
def reextract_cmd(ctx: click.Context, article_ids: tuple[int, ...]) -> None:
    """Rebuild text from the original HTML (all HTML articles, or the IDs given).

    Articles with annotations whose text would change are left as they are
    and reported.
    """
    with _open_library(ctx) as lib:
        outcomes = lib.reextract(list(article_ids) or None)
    for o in outcomes:
        click.echo(f"article {o.article_id}: {o.status}" + (f" ({o.reason})" if o.reason else ""))
    counts = {s: sum(1 for o in outcomes if o.status == s) for s in ("updated", "unchanged")}
    failed = sum(1 for o in outcomes if o.status in ("failed", "skipped"))
    click.echo(
        f"updated {counts['updated']}, unchanged {counts['unchanged']}, not changed {failed}"
    )
    if any(o.status == "failed" for o in outcomes):
        ctx.exit(1)

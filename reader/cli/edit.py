"""`reader edit ID --title …`: fix an article's metadata (one undoable write)."""

from __future__ import annotations

import click

from reader.cli import _open_library, cli

FIELDS = ("title", "subtitle", "author", "source", "published", "language", "url")


@cli.command("edit")
@click.argument("article_id", type=int)
@click.option("--title", help="The headline.")
@click.option("--subtitle", help="The standfirst; an empty value clears it.")
@click.option("--author", help="Who wrote it; an empty value clears it.")
@click.option("--source", help="The outlet or site; an empty value clears it.")
@click.option(
    "--published", help="ISO 8601 date or date-time (2025-02-27, 2025-02-27T09:30+07:00)."
)
@click.option("--language", help="Language code (en, id, pt-BR).")
@click.option("--url", help="The article's http(s) address.")
@click.pass_context
def edit_cmd(ctx: click.Context, article_id: int, **options: str | None) -> None:
    """Change an article's metadata; its text and marks stay as they are."""
    values = {k: v for k, v in options.items() if v is not None}
    if not values:
        raise click.UsageError("say what to change: " + ", ".join(f"--{f}" for f in FIELDS))
    with _open_library(ctx) as lib:
        changed = lib.edit_article(article_id, **values)
    if not changed:
        click.echo(f"article {article_id}: nothing changed")
        return
    for name, value in changed.items():
        click.echo(f"{name}: {value if value is not None else '(cleared)'}")

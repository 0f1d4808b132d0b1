"""Commands on annotations: tag, annotations."""

from __future__ import annotations

import json

import click

from reader.cli import _open_library, cli


@cli.command("tag")
@click.option("--entity", "name", required=True, help="The entity's name, e.g. 'Sergey Lavrov'.")
@click.option("--type", "type_", required=True, help="Entity label: PERSON, ORG, LOCATION, ...")
@click.option("--alias", "aliases", multiple=True, help="Another form to tag (repeatable).")
@click.option("--query", default="", help="Only articles matching this search.")
@click.option("--dry-run", is_flag=True, help="Count what would be tagged; write nothing.")
@click.pass_context
def tag_cmd(
    ctx: click.Context, name: str, type_: str, aliases: tuple[str, ...], query: str, dry_run: bool
) -> None:
    """Tag every occurrence of an entity (and its aliases) across the library.

    Matching is case-sensitive, on whole words; the longest form wins
    ("Sergey Lavrov" over "Lavrov" inside it); occurrences already tagged as an
    entity are skipped.
    """
    from reader.model import Scope

    with _open_library(ctx) as lib:
        report = lib.tag_entity(name, type_, list(aliases), Scope(query=query), dry_run=dry_run)
    verb = "would tag" if dry_run else "tagged"
    click.echo(
        f"{verb} {report.mentions} mentions of {name} ({type_}) in {report.articles} articles; "
        f"{report.already} already tagged"
    )


@cli.command("annotations")
@click.argument("article_id", type=int)
@click.pass_context
def annotations_cmd(ctx: click.Context, article_id: int) -> None:
    """An article's annotations as JSON lines, in text order."""
    from reader.annotating import annotation_dict

    with _open_library(ctx) as lib:
        for a in lib.annotations(article_id):
            click.echo(json.dumps(annotation_dict(a), ensure_ascii=False))

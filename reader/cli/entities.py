"""Commands on the entity registry: entities list|merge|alias|rename."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from reader.cli import _open_library, cli


@cli.group("entities")
def entities_group() -> None:
    """The canonical entities of the library (people, organisations, places...)."""


@entities_group.command("list")
@click.option("--type", "type_", help="Only entities of this type (PERSON, ORG, ...).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def list_cmd(ctx: click.Context, type_: str | None, as_json: bool) -> None:
    """Entities with their mention, article and quote counts, most mentioned first."""
    with _open_library(ctx) as lib:
        rows = lib.entity_summaries(type_)
    for s in rows:
        e = s.entity
        if as_json:
            d = asdict(e) | {"mentions": s.mentions, "articles": s.articles, "quotes": s.quotes}
            click.echo(json.dumps(d, ensure_ascii=False))
        else:
            aliases = f"  aka {', '.join(e.aliases)}" if e.aliases else ""
            click.echo(
                f"{e.id:>5}  {e.name} ({e.type}){aliases}  "
                f"[{s.mentions} mentions, {s.articles} articles, {s.quotes} quotes]"
            )


@entities_group.command("merge")
@click.argument("keep_id", type=int)
@click.argument("other_ids", type=int, nargs=-1, required=True)
@click.pass_context
def merge_cmd(ctx: click.Context, keep_id: int, other_ids: tuple[int, ...]) -> None:
    """Merge OTHER_IDS into KEEP_ID: all mentions and quotes follow."""
    with _open_library(ctx) as lib:
        for other in other_ids:
            entity = lib.merge_entities(keep_id, other)
    click.echo(f"merged into {entity.name} (aliases: {', '.join(entity.aliases) or 'none'})")


@entities_group.command("alias")
@click.argument("entity_id", type=int)
@click.argument("aliases", nargs=-1)
@click.option("--remove", is_flag=True, help="Remove these aliases instead of adding them.")
@click.pass_context
def alias_cmd(ctx: click.Context, entity_id: int, aliases: tuple[str, ...], remove: bool) -> None:
    """Add (or --remove) aliases of an entity; without ALIASES, print them."""
    with _open_library(ctx) as lib:
        entity = lib.entity(entity_id)
        if aliases:
            current = entity.aliases
            new = [a for a in current if a not in aliases] if remove else [*current, *aliases]
            entity = lib.update_entity(entity_id, aliases=new)
    for alias in entity.aliases:
        click.echo(alias)


@entities_group.command("rename")
@click.argument("entity_id", type=int)
@click.argument("name")
@click.pass_context
def rename_cmd(ctx: click.Context, entity_id: int, name: str) -> None:
    """Give an entity a new canonical name."""
    with _open_library(ctx) as lib:
        entity = lib.update_entity(entity_id, name=name)
    click.echo(f"renamed to {entity.name}")

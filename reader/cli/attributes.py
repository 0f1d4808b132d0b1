"""`reader attributes define|set|import|list|delete`: typed attributes of entities and
articles (gender, role, party; outlet type, wave…)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from reader.cli import _open_library, cli


@cli.group("attributes")
def attributes_group() -> None:
    """Typed attributes of entities and articles (text, choice, number, date, yes/no)."""


@attributes_group.command("define")
@click.argument("name")
@click.option("--on", "on", type=click.Choice(["entity", "article"]), required=True)
@click.option(
    "--type",
    "type_",
    type=click.Choice(["text", "choice", "number", "date", "yes/no"]),
    required=True,
)
@click.option("--choices", default="", help="A choice attribute's values: a,b,c.")
@click.pass_context
def define_cmd(ctx: click.Context, name: str, on: str, type_: str, choices: str) -> None:
    """Define an attribute of entities or of articles."""
    with _open_library(ctx) as lib:
        a = lib.define_attribute(name, on, type_, choices.split(",") if choices else ())
    extra = f" ({', '.join(a.choices)})" if a.choices else ""
    on = "entities" if a.on == "entity" else "articles"
    click.echo(f"defined {a.name}: {a.type} on {on}{extra}", err=True)


@attributes_group.command("set")
@click.argument("name")
@click.argument("value")
@click.option("--entity", "entities", multiple=True, help="An entity's name or alias (repeatable).")
@click.option("--entity-id", "entity_ids", type=int, multiple=True, help="An entity's id.")
@click.option("--article", "articles", multiple=True, help="An article's id or URL (repeatable).")
@click.pass_context
def set_cmd(
    ctx: click.Context,
    name: str,
    value: str,
    entities: tuple[str, ...],
    entity_ids: tuple[int, ...],
    articles: tuple[str, ...],
) -> None:
    """Give entities or articles a VALUE of attribute NAME ("" clears it)."""
    with _open_library(ctx) as lib:
        ids = [*entity_ids, *(i for form in entities for i in lib.find_entity_ids(form))]
        article_ids = [lib.find_article_id(ref) for ref in articles]
        changed = lib.set_attribute(name, value, ids, article_ids)
    click.echo(f"{name}: {changed} changed", err=True)


@attributes_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def import_cmd(ctx: click.Context, file: Path) -> None:
    """Values from a CSV: a first column entity, entity_id, article, article_id or url,
    then one column per attribute (empty cells change nothing)."""
    with _open_library(ctx) as lib:
        report = lib.import_attributes(file)
    for line in report.unknown:
        click.echo(f"unknown: {line}", err=True)
    click.echo(report.line(), err=True)


@attributes_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def list_cmd(ctx: click.Context, as_json: bool) -> None:
    """The defined attributes."""
    with _open_library(ctx) as lib:
        found = lib.attributes()
    for a in found:
        if as_json:
            d = asdict(a) | {"choices": list(a.choices)}
            click.echo(json.dumps(d, ensure_ascii=False))
        else:
            extra = f"  {', '.join(a.choices)}" if a.choices else ""
            click.echo(f"{a.name}  {a.on}  {a.type}{extra}")
    if not found:
        click.echo("(no attributes; define one with `reader attributes define`)", err=True)


@attributes_group.command("delete")
@click.argument("name")
@click.pass_context
def delete_cmd(ctx: click.Context, name: str) -> None:
    """Delete an attribute and its values."""
    with _open_library(ctx) as lib:
        gone = lib.delete_attribute(name)
    click.echo(f"deleted {name} and {gone} values", err=True)

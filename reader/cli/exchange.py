"""Commands for REFI-QDA exchange: export project, export codebook, import-project."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from reader.cli import _open_library, cli
from reader.cli.articles import export_group


@export_group.command("project")
@click.option("--format", "fmt", type=click.Choice(["qdpx"]), default="qdpx", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
    help="The .qdpx file to write.",
)  # fmt: skip
@click.option("--query", default="", help="Only articles matching this search.")
@click.option("--article", "articles", type=int, multiple=True, help="Only this article (repeat).")
@click.option("--since", help="Articles published on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Articles published on or before this date (YYYY-MM-DD).")
@click.option("--annotator", "annotators", multiple=True, help="Only this coder's marks (repeat).")
@click.pass_context
def export_project_cmd(
    ctx: click.Context,
    fmt: str,
    output: Path,
    query: str,
    articles: tuple[int, ...],
    since: str | None,
    until: str | None,
    annotators: tuple[str, ...],
) -> None:
    """Articles, labels, entities, marks, notes and speakers as a REFI-QDA project
    (.qdpx) for MAXQDA, ATLAS.ti, NVivo, QualCoder or Taguette."""
    from reader.model import Scope

    scope = Scope(
        query=query, since=since, until=until, article_ids=articles, annotators=annotators
    )
    with _open_library(ctx) as lib:
        result = lib.export_project(fmt, output, scope)
    click.echo(result.line(), err=True)


@export_group.command("codebook")
@click.option("--format", "fmt", type=click.Choice(["qdc"]), default="qdc", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
    help="The .qdc file to write (default: stdout).",
)  # fmt: skip
@click.pass_context
def export_codebook_cmd(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Every label and entity as a REFI-QDA codebook (.qdc)."""
    with _open_library(ctx) as lib:
        result = lib.export_codebook(fmt, output)
    if output is not None and str(output) != "-":
        click.echo(result.line(), err=True)


@cli.command("import-project")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--annotator",
    help="Write the imported marks under this annotator name (default: the names they carry).",
)
@click.pass_context
def import_project_cmd(ctx: click.Context, path: Path, annotator: str | None) -> None:
    """Add a REFI-QDA project (.qdpx) from Reader or another tool.

    Text sources become articles, codes labels, codings marks. What Reader does not
    keep (pictures, PDFs, sets, …) is listed. Importing the same project twice adds
    nothing. Marks keep their coder (the project's user), or take --annotator.
    """
    with _open_library(ctx) as lib:
        report = lib.import_project(path, annotator or None)
    for line in report.ignored:
        click.echo(f"not imported: {line}", err=True)
    for line in report.marks.unmatched:
        click.echo(line, err=True)
    click.echo(report.line())
    if report.marks.unmatched:
        sys.stdout.flush()
        ctx.exit(1)

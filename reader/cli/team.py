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

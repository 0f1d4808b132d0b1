"""Commands that keep a library safe: backup, restore, check."""

from __future__ import annotations

from pathlib import Path

import click

from reader.cli import _open_library, cli
from reader.errors import LibraryError


@cli.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def backup_cmd(ctx: click.Context, file: Path) -> None:
    """Copy the library to FILE (consistent even while Reader is open)."""
    with _open_library(ctx) as lib:
        if lib.path is not None and file.resolve() == lib.path.resolve():
            raise LibraryError("the backup must go to another file than the library")
        lib.backup(file)
    click.echo(f"backed up to {file}")


@cli.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def restore_cmd(ctx: click.Context, file: Path) -> None:
    """Replace the library with the backup FILE (the current one is kept beside it)."""
    with _open_library(ctx) as lib:
        safety = lib.restore(file)
    click.echo(
        f"restored from {file}" + (f"; the previous library is in {safety}" if safety else "")
    )


@cli.command("check")
@click.pass_context
def check_cmd(ctx: click.Context) -> None:
    """Check the library file for damage."""
    with _open_library(ctx) as lib:
        result = lib.check()
    if result != "ok":
        raise LibraryError(f"the library file is damaged ({result})")
    click.echo("ok")

"""`reader codebook export|import`: the label tree as a REFI-QDA codebook or CSV."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import click

from reader.cli import _open_library, cli

FORMATS = ["qdc", "csv"]


def _format(fmt: str | None, path: Path | None) -> str:
    if fmt:
        return fmt
    suffix = path.suffix.lower().lstrip(".") if path is not None else ""
    return suffix if suffix in FORMATS else "qdc"


@cli.group("codebook")
def codebook_group() -> None:
    """The codebook: labels as a tree, with definitions, notes and examples."""


@codebook_group.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS),
    help="qdc (REFI-QDA) or csv; default: the suffix of FILE, else qdc.",
)  # fmt: skip
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def codebook_export_cmd(ctx: click.Context, fmt: str | None, file: Path | None) -> None:
    """Write every label, nested under its parent, to FILE (default: stdout)."""
    with _open_library(ctx) as lib:
        result = lib.export_labels(_format(fmt, file), file)
    if file is not None and str(file) != "-":
        click.echo(result.line(), err=True)


@codebook_group.command("import")
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS),
    help="qdc or csv; default: FILE's suffix, else qdc.",
)  # fmt: skip
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def codebook_import_cmd(ctx: click.Context, fmt: str | None, file: Path | None) -> None:
    """Create or update labels by path from FILE (default: stdin): one undo step; a
    row that cannot be stored is reported on a line of its own and nothing is written."""
    fmt = _format(fmt, file)
    with _open_library(ctx) as lib:
        if file is None or str(file) == "-":
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / f"stdin.{fmt}"
                path.write_bytes(sys.stdin.buffer.read())
                report = lib.import_codebook(fmt, path)
        else:
            report = lib.import_codebook(fmt, file)
    click.echo(report.line(), err=True)

"""The command line: thin. Parse, call the Library, print; a known error is one line and exit 1."""

from __future__ import annotations

import os
from pathlib import Path

import click

from reader import __version__
from reader.errors import ReaderError


def _open_library(ctx: click.Context):
    from reader.library import Library

    return Library.open_default(ctx.obj.get("db"))


class ReaderGroup(click.Group):
    """Turns every error into one line on stderr and exit code 1: never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ReaderError as e:
            click.echo(f"Error: {e}", err=True)
            ctx.exit(1)
        except UnicodeEncodeError as e:
            if "surrogates" not in str(e):
                raise
            # Invalid UTF-8 bytes in an argument (Python keeps them as lone surrogates).
            click.echo(
                "Error: an argument is not valid text (it holds bytes that are not UTF-8)", err=True
            )
            ctx.exit(1)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:
            raise  # the reader of our output left (`reader list | head`): main() ends quietly
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)
        except Exception as e:  # last resort: still one line for the user
            if os.environ.get("READER_DEBUG"):
                raise
            click.echo(
                f"Error: {type(e).__name__}: {e} (a fault in Reader; READER_DEBUG=1 shows details)",
                err=True,
            )
            ctx.exit(1)


@click.group(cls=ReaderGroup, invoke_without_command=True)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Library file to use (default: $READER_DB, else library.db in the user data folder).",
)
@click.version_option(__version__, prog_name="reader")
@click.pass_context
def cli(ctx: click.Context, db: Path | None) -> None:
    """Reader: read, annotate and export news articles."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    if ctx.invoked_subcommand is None:
        ctx.exit(_open_window(db))


def _open_window(db: Path | None) -> int:
    """`reader` with no command: the window (Qt is imported only now, so `--version` stays fast)."""
    from reader.paths import resolve_db_path

    try:
        from reader.gui.app import run
    except ImportError as e:
        raise ReaderError(f"the window cannot start: {e}") from e
    return run(resolve_db_path(db))


def main() -> None:
    # A closed pipe (`reader list | head`) is handled once, here: click's standalone mode
    # ends quietly on EPIPE (exit 1) and keeps the interpreter's final flush from failing.
    cli(prog_name="reader")


# Command modules register themselves on `cli`; imported last so `cli` exists.
from reader.cli import (  # noqa: E402,F401
    agreement,
    articles,
    attributes,
    codebook,
    edit,
    entities,
    exchange,
    exporting,
    feeds,
    maintenance,
    reextract,
    stats,
    suggest,
    tagging,
    team,
)

"""Commands on articles: import, list, search, show, export articles."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import click

from reader.cli import _open_library, cli
from reader.errors import DiskFull


def _import_help() -> str:
    """The import command's help, listing what the importers accept (so it cannot go stale)."""
    from reader.importers import supported_suffixes

    kinds = ", ".join(supported_suffixes())
    return (
        f"Import articles from files and folders: {kinds} (HTML pages, Markdown, plain "
        "text and press releases, PDF, Word). In a folder only these suffixes are taken; a file "
        "named on the command line with another suffix is read as plain text."
    )


def _import_short_help() -> str:
    from reader.importers import supported_suffixes

    return f"Import articles from {' '.join(supported_suffixes())} files or web addresses."


_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


@cli.command("import", help=_import_help(), short_help=_import_short_help())
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--recursive", "-r", is_flag=True, help="Import files in sub-folders too.")
@click.option("--quiet", "-q", is_flag=True, help="Only print failures and the summary.")
@click.option("--attachments", is_flag=True, help="Import e-mails' PDF and Word attachments too.")
@click.option(
    "--urls",
    "urls_file",
    type=click.Path(path_type=Path),
    help="A text file of web addresses to fetch, one a line (# starts a comment).",
)
@click.pass_context
def import_cmd(
    ctx: click.Context,
    paths: tuple[str, ...],
    recursive: bool,
    quiet: bool,
    attachments: bool,
    urls_file: Path | None,
) -> None:
    """Files, folders and web addresses (http/https, fetched only here)."""
    from reader.importers import expand_paths
    from reader.model import ImportStatus, waiting_message

    if not paths and urls_file is None:
        raise click.UsageError("give files, folders or web addresses, or --urls FILE")
    urls = [p for p in paths if _URL.match(p)]
    if urls_file is not None:
        urls += _read_urls(urls_file)
    with _open_library(ctx) as lib:
        files = list(expand_paths([Path(p) for p in paths if not _URL.match(p)], recursive))
        total = len(files) + len(urls)
        show_bar = total > 20 and sys.stderr.isatty()
        with click.progressbar(
            length=total,
            label="Importing",
            file=sys.stderr if show_bar else open(os.devnull, "w"),
        ) as bar:
            offset = 0

            def progress(done, _total, outcome):
                bar.update(offset + done - bar.pos)  # a mailbox: several outcomes, one file
                if outcome.status == ImportStatus.FAILED:
                    click.echo(f"{outcome.path}: {outcome.reason}", err=True)
                elif not quiet and not show_bar:
                    note = " (duplicate)" if outcome.status == ImportStatus.DUPLICATE else ""
                    click.echo(f"{outcome.path}: article {outcome.article_id}{note}")

            told = [-1.0]

            def waiting(waited: float, limit: float) -> None:
                # At the start of each wait, then every ten seconds of it.
                if waited < told[0] or told[0] < 0 or waited - told[0] >= 10:
                    click.echo(waiting_message(waited, limit), err=True)
                    told[0] = waited

            summary = lib.import_paths(
                files,
                recursive=False,
                progress=progress,
                attachments=attachments,
                waiting=waiting,
            )
            if urls and not summary.stopped:
                offset = len(files)
                fetched = lib.import_urls(urls, progress=progress)
                summary.outcomes += fetched.outcomes
                summary.stopped, summary.not_tried = fetched.stopped, fetched.not_tried
    if not total:
        click.echo("no files to import", err=True)
    click.echo(summary.line())
    if summary.stopped:
        raise DiskFull(summary.stopped)
    if summary.failed or not total:
        ctx.exit(1)


def _read_urls(path: Path) -> list[str]:
    from reader.errors import ImportFailed
    from reader.importers.decode import read_text_file

    try:
        text = read_text_file(path)
    except ImportFailed as e:
        raise click.ClickException(f"{path}: {e}") from e
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


@cli.command("list")
@click.option("--limit", default=50, show_default=True, help="How many articles to show.")
@click.option("--offset", default=0, help="Skip this many first.")
@click.option(
    "--sort",
    type=click.Choice(["imported_at", "published", "title", "source", "language", "id"]),
    default="imported_at",
    show_default=True,
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option(
    "--annotator", "annotators", multiple=True, help="Only articles this coder marked (repeat)."
)
@click.pass_context
def list_cmd(
    ctx: click.Context,
    limit: int,
    offset: int,
    sort: str,
    as_json: bool,
    annotators: tuple[str, ...],
) -> None:
    """List the articles in the library, newest first."""
    from dataclasses import asdict

    from reader.model import Scope
    from reader.timestamps import list_date

    scope = Scope(annotators=annotators) if annotators else None
    with _open_library(ctx) as lib:
        descending = sort in ("imported_at", "published", "id")
        for s in lib.list_articles(offset, limit, sort, descending, scope):
            if as_json:
                click.echo(json.dumps(asdict(s), ensure_ascii=False))
            else:
                published = list_date(s.published)
                meta = " · ".join(x for x in (published, s.source, s.language) if x)
                click.echo(f"{s.id:>6}  {s.title}" + (f"  ({meta})" if meta else ""))


@cli.command("search")
@click.argument("query")
@click.option("--limit", default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option("--notes", is_flag=True, help="Search the notes on marks instead of the articles.")
@click.pass_context
def search_cmd(ctx: click.Context, query: str, limit: int, as_json: bool, notes: bool) -> None:
    """Full-text search on titles, standfirsts, authors, sources and texts, best first.

    Fields: title:WORD, subtitle:WORD (or standfirst:), author:, source:, text:,
    with a word or a "quoted phrase". FTS5 syntax works ("exact phrase", prefix*,
    AND/OR/NOT); anything that is not valid syntax is searched as plain words.
    Chinese, Japanese, Thai are found by any run of characters; emoji and symbols
    by a scan of the texts. --notes: marks whose note holds every word.
    """
    from dataclasses import asdict

    with _open_library(ctx) as lib:
        if notes:
            found = lib.search_notes(query, limit=limit)
            for n in found:
                if as_json:
                    click.echo(json.dumps(asdict(n), ensure_ascii=False))
                else:
                    where = f"article {n.article_id} ({n.title}), {n.kind} {n.label or ''}"
                    click.echo(f"{n.annotation_id:>6}  {where.rstrip()}: “{n.exact}”")
                    click.echo(f"        {' '.join(n.note.split())}")
            if not found and not as_json:
                click.echo("no matches", err=True)
            return
        hits = lib.search(query, limit=limit)
        for h in hits:
            if as_json:
                click.echo(json.dumps(asdict(h), ensure_ascii=False))
            else:
                click.echo(f"{h.id:>6}  {h.title}\n        {h.snippet}")
        if not hits and not as_json:
            click.echo("no matches", err=True)


@cli.command("show")
@click.argument("article_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="The article as one JSON object.")
@click.pass_context
def show_cmd(ctx: click.Context, article_id: int, as_json: bool) -> None:
    """Show one article: metadata, then its text."""
    from dataclasses import asdict

    with _open_library(ctx) as lib:
        a = lib.article(article_id)
    if as_json:
        click.echo(json.dumps(asdict(a), ensure_ascii=False))
        return
    click.echo(a.title)
    if a.subtitle:
        click.echo(a.subtitle)
    for name in ("author", "source", "published", "language", "url", "encoding"):
        if value := getattr(a, name):
            click.echo(f"{name}: {value}")
    if a.sections:
        click.echo("sections: " + ", ".join(a.sections))
    click.echo("")
    click.echo(a.text)


@cli.group("export")
def export_group() -> None:
    """Export articles (and, later, annotations)."""


@export_group.command("articles")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "xlsx"]),
    default="jsonl",
    show_default=True,
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File (default: stdout).",
)
@click.option("--excel", is_flag=True, help="CSV: start with the byte-order mark Excel needs.")
@click.option("--raw", is_flag=True, help="CSV: keep formula-like cells as they are.")
@click.pass_context
def export_articles_cmd(
    ctx: click.Context, fmt: str, output: Path | None, excel: bool, raw: bool
) -> None:
    """Every article with its metadata, text and Markdown (jsonl, csv or xlsx)."""
    notes: list[str] = []
    with _open_library(ctx) as lib:
        count = lib.export_articles(fmt, output, raw=raw, excel=excel, notes=notes)
    if output:
        click.echo("; ".join([f"exported {count} articles to {output}", *notes]), err=True)

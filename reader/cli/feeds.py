"""`reader feeds`: RSS and Atom subscriptions kept in the library."""

from __future__ import annotations

import json

import click

from reader.cli import _open_library, cli


@cli.group("feeds")
def feeds_group() -> None:
    """RSS and Atom feeds: subscribe, update (import new items), list, rename, remove."""


@feeds_group.command("add")
@click.argument("url")
@click.option("--name", "name", help="What to call the feed (default: the address's host).")
@click.option(
    "--full-text",
    is_flag=True,
    help="Fetch each item's web page and import that, not the feed's own text.",
)
@click.pass_context
def add_cmd(ctx: click.Context, url: str, name: str | None, full_text: bool) -> None:
    """Subscribe to the feed at URL (nothing is fetched until `reader feeds update`)."""
    with _open_library(ctx) as lib:
        feed = lib.add_feed(url, name, full_text)
    click.echo(f"added feed {feed.name!r}: {feed.url}" + (" (full text)" if full_text else ""))


@feeds_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def list_cmd(ctx: click.Context, as_json: bool) -> None:
    """The feeds, with their articles, unread articles, last check and last error."""
    from dataclasses import asdict

    with _open_library(ctx) as lib:
        feeds = lib.feeds()
    for feed in feeds:
        if as_json:
            click.echo(json.dumps(asdict(feed), ensure_ascii=False))
            continue
        checked = feed.last_checked or "never updated"
        flag = " [full text]" if feed.full_text else ""
        click.echo(
            f"{feed.name}\t{feed.url}{flag}\t{feed.articles} articles, {feed.unread} unread"
            f"\t{checked}"
        )
        if feed.last_error:
            click.echo(f"\terror: {feed.last_error}")
    if not feeds and not as_json:
        click.echo("no feeds (add one with `reader feeds add URL`)", err=True)


@feeds_group.command("update")
@click.argument("names", nargs=-1)
@click.option("--quiet", "-q", is_flag=True, help="Only print failures and each feed's summary.")
@click.pass_context
def update_cmd(ctx: click.Context, names: tuple[str, ...], quiet: bool) -> None:
    """Fetch the named feeds (all when none is named) and import their new items.

    At most the first 500 items of a feed are read on each update. A feed that fails
    is reported (and recorded on it); the others are updated all the same. Exit code 1
    when any feed or item failed.
    """
    from reader.model import ImportStatus

    with _open_library(ctx) as lib:
        reports = lib.update_feeds(list(names) or None)
    bad = False
    for report in reports:
        for outcome in report.outcomes:
            if outcome.status == ImportStatus.FAILED:
                bad = True
                click.echo(f"{report.feed}: {outcome.path}: {outcome.reason}", err=True)
            elif not quiet:
                note = " (duplicate)" if outcome.status == ImportStatus.DUPLICATE else ""
                click.echo(f"{report.feed}: {outcome.path}: article {outcome.article_id}{note}")
        if report.error:
            bad = True
            click.echo(report.line(), err=True)
        else:
            click.echo(report.line())
    if not reports:
        click.echo("no feeds to update (add one with `reader feeds add URL`)", err=True)
    if bad:
        ctx.exit(1)


@feeds_group.command("rename")
@click.argument("old")
@click.argument("new")
@click.pass_context
def rename_cmd(ctx: click.Context, old: str, new: str) -> None:
    """Rename the feed called OLD to NEW."""
    with _open_library(ctx) as lib:
        feed = lib.rename_feed(old, new)
    click.echo(f"renamed feed {old!r} to {feed.name!r}")


@feeds_group.command("remove")
@click.argument("name")
@click.pass_context
def remove_cmd(ctx: click.Context, name: str) -> None:
    """Unsubscribe from the feed NAME; the articles it brought stay in the library."""
    with _open_library(ctx) as lib:
        lib.remove_feed(name)
    click.echo(f"removed feed {name!r} (its articles stay)")

"""Feeds, a service of the `Library` facade: subscriptions and their updates.

An update fetches each feed with reader.fetch (the same bounds as `reader import URL`),
conditionally (ETag and Last-Modified: a 304 answer imports nothing), reads its first
500 items (reader.importers.feed) and imports the new ones only — an item is known by
its GUID, else its link — one transaction per article (with the item's link to its
feed), duplicates detected as for every import (content hash, and URL). With
`full_text` the item's page is fetched and goes through the web-page import; else the
feed's own content is the article. Whatever goes wrong with one feed is recorded on
it (last error, last checked) and the next feed is updated all the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from reader.errors import NotFound, ReaderError
from reader.model import Changes, Feed, FeedUpdate, ImportOutcome, ImportStatus
from reader.text.oneline import one_line
from reader.timestamps import utc_now

if TYPE_CHECKING:
    from reader.importers.feed import FeedItem
    from reader.importing import ImportsService
    from reader.store import Store
    from reader.undo import History

FeedProgress = Callable[[int, int, str], None]  # feeds done, feeds in all, the feed's name
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
)


def _feed(row: dict[str, Any]) -> Feed:
    return Feed(
        row["id"],
        row["name"],
        row["url"],
        bool(row["full_text"]),
        row["title"],
        row["last_checked"],
        row["last_error"],
        row.get("articles", 0),
        row.get("unread", 0),
    )


def failure(e: BaseException) -> str:
    """One line saying why, whatever was raised (never a traceback)."""
    if isinstance(e, ReaderError):
        return one_line(str(e))
    text = one_line(str(e))
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


class FeedsService:
    def __init__(self, store: Store, history: History, imports: ImportsService) -> None:
        self._store = store
        self._history = history
        self._imports = imports

    # -- reads ------------------------------------------------------------------------

    def feeds(self) -> list[Feed]:
        """Every feed by name, with how many articles it brought and how many are unread."""
        return [_feed(row) for row in self._store.feeds.rows()]

    def _named(self, name: str) -> dict[str, Any]:
        row = self._store.feeds.by_name(name)
        if row is None:
            raise NotFound(f"no feed named {name!r} (see `reader feeds list`)")
        return row

    def _counted(self, feed_id: int) -> Feed:
        return next(f for f in self.feeds() if f.id == feed_id)

    # -- subscriptions ------------------------------------------------------------------

    def add_feed(self, url: str, name: str | None = None, full_text: bool = False) -> Feed:
        """Subscribe (nothing is fetched yet); the name defaults to the address's host."""
        from reader.fetch import check_scheme

        url = check_scheme(url)
        feeds = self._store.feeds
        with self._store.atomic():
            same = feeds.by_url(url)
            if same is not None:
                raise ReaderError(f"already subscribed to {url} as {same['name']!r}")
            if name is not None:
                chosen = self._free_name(name)
            else:
                host = (urlsplit(url).hostname or "feed").removeprefix("www.")
                chosen = host
                for n in range(2, 10_000):
                    if feeds.by_name(chosen) is None:
                        break
                    chosen = f"{host} {n}"
            feed_id = feeds.insert(
                {"name": chosen, "url": url, "full_text": int(full_text), "added_at": utc_now()}
            )
        self._history.announce(Changes(feeds=True))
        return self._counted(feed_id)

    def _free_name(self, name: str, feed_id: int | None = None) -> str:
        name = one_line(name).strip()
        if not name:
            raise ReaderError("a feed's name cannot be empty")
        other = self._store.feeds.by_name(name)
        if other is not None and other["id"] != feed_id:
            raise ReaderError(f"there is already a feed named {other['name']!r}")
        return name

    def remove_feed(self, name: str) -> None:
        """Unsubscribe; the articles the feed brought stay in the library."""
        with self._store.atomic():
            self._store.feeds.delete(self._named(name)["id"])
        self._history.announce(Changes(feeds=True))

    def rename_feed(self, old: str, new: str) -> Feed:
        with self._store.atomic():
            row = self._named(old)
            new = self._free_name(new, row["id"])
            if new == row["name"]:
                return self._counted(row["id"])
            self._store.feeds.update(row["id"], {"name": new})
        self._history.announce(Changes(feeds=True))
        return self._counted(row["id"])

    # -- updating ---------------------------------------------------------------------------

    def update_feeds(
        self,
        names: list[str] | None = None,
        progress: FeedProgress | None = None,
        cancelled: Callable[[], bool] | None = None,
        **fetch_options: Any,
    ) -> list[FeedUpdate]:
        """Update the named feeds (all when `names` is None), one after the other."""
        rows = self._store.feeds.rows() if names is None else [self._named(n) for n in names]
        rows = [self._store.feeds.get(r["id"]) for r in rows]
        reports: list[FeedUpdate] = []
        stop = cancelled or (lambda: False)
        for done, row in enumerate(rows, start=1):
            if stop():
                break
            if progress:
                progress(done - 1, len(rows), row["name"])
            values: dict[str, Any] = {}
            try:
                report = self._update(row, values, stop, fetch_options)
            except Exception as e:  # one feed's trouble, whatever it is, stays its own
                if stop():
                    break  # cancelled while fetching: not the feed's fault, nothing recorded
                report = FeedUpdate(row["name"], error=failure(e))
            self._record(row, report, values)
            reports.append(report)
        if progress and rows:
            progress(len(reports), len(rows), "")
        return reports

    def _update(
        self,
        row: dict[str, Any],
        values: dict[str, Any],
        stop: Callable[[], bool],
        fetch_options: dict[str, Any],
    ) -> FeedUpdate:
        from reader.fetch import fetch
        from reader.importers.feed import parse_feed

        headers = {"Accept": ACCEPT}
        if row["etag"]:
            headers["If-None-Match"] = row["etag"]
        if row["last_modified"]:
            headers["If-Modified-Since"] = row["last_modified"]
        page = fetch(row["url"], headers=headers, cancelled=stop, **fetch_options)
        if page.status == 304:
            return FeedUpdate(row["name"], not_modified=True)
        document = parse_feed(page.data, page.url, page.content_type)
        values["title"] = document.title
        report = FeedUpdate(row["name"], skipped=document.skipped)
        known = self._store.feeds.known_guids(row["id"])
        source = document.title or row["name"]
        complete = True
        for item in document.items:
            if stop():
                complete = False
                break
            if item.key in known:
                continue  # seen before, or twice in this feed
            known.add(item.key)
            report.outcomes.append(self._import_item(row, item, source, stop, fetch_options))
        failed = [o for o in report.outcomes if o.status == ImportStatus.FAILED]
        if complete and not failed:
            # Only now: a 304 next time must not hide an item that was not imported.
            values["etag"], values["last_modified"] = page.etag, page.last_modified
        if failed:
            first = failed[0]
            values["last_error"] = (
                f"{len(failed)} of {len(report.outcomes)} new items not imported "
                f"(first: {first.path}: {first.reason})"
            )
        return report

    def _import_item(
        self,
        row: dict[str, Any],
        item: FeedItem,
        source: str,
        stop: Callable[[], bool],
        fetch_options: dict[str, Any],
    ) -> ImportOutcome:
        """One item: its article (one transaction with its link to the feed)."""
        from reader.text.urls import http_url

        name = one_line(item.title or item.link or item.key)
        try:
            link = http_url(item.link)
            known = self._store.articles.id_for_url(link) if link else None
            if known is not None:
                self._link(row["id"], item.key, known)
                return ImportOutcome(name, ImportStatus.DUPLICATE, known)
            parsed = self._parse_item(row, item, source, {**fetch_options, "cancelled": stop})
            with self._history.group("Import feed item"):
                status, article_id = self._imports.add_article(parsed)
                self._store.feeds.add_item(row["id"], item.key, article_id)
                self._history.announce(Changes(feeds=True))
        except Exception as e:  # the item fails, the feed goes on
            if stop():
                raise  # cancelled: the update ends here (update_feeds)
            return ImportOutcome(name, ImportStatus.FAILED, reason=failure(e))
        return ImportOutcome(name, status, article_id)

    def _link(self, feed_id: int, key: str, article_id: int) -> None:
        with self._store.atomic():
            self._store.feeds.add_item(feed_id, key, article_id)
        self._history.announce(Changes(feeds=True))

    @staticmethod
    def _parse_item(
        row: dict[str, Any], item: FeedItem, source: str, fetch_options: dict[str, Any]
    ) -> Any:
        from reader.importers.feed import item_article, with_item_metadata

        if row["full_text"] and item.link:
            from reader.fetch import fetch
            from reader.web_import import parse_page

            return with_item_metadata(parse_page(fetch(item.link, **fetch_options)), item, source)
        return item_article(item, source)

    def _record(self, row: dict[str, Any], report: FeedUpdate, values: dict[str, Any]) -> None:
        """The feed's last check and last error (None: it went well)."""
        values["last_checked"] = utc_now()
        values["last_error"] = report.error or values.get("last_error")
        if report.not_modified:
            values.pop("title", None)
        with self._store.atomic():
            if self._store.feeds.get(row["id"]) is None:
                return  # removed meanwhile (by the window, while a worker updated it)
            self._store.feeds.update(row["id"], values)
        self._history.announce(Changes(feeds=True))

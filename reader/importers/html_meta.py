"""Metadata of a web page: title, author, date, site, language, URL, excerpt.

Read from the raw (unsanitised) page, which is only inspected, never rendered:
schema.org JSON-LD first, then `<meta>` tags (Dublin Core, Open Graph,
Twitter, Parse.ly), then what trafilatura and htmldate find in the page, then
readability's guess from `<title>`. The order is that of Firefox's reader view.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime

from reader.importers.html_byline import clean_byline, find_byline
from reader.importers.meta import normalize_language, parse_date

_MAX_JSONLD = 200_000  # characters: larger script blocks are not metadata
_ARTICLE_TYPE = re.compile(r"Article|Posting|Report|NewsArticle|BlogPosting|WebPage", re.I)


@dataclass
class PageMeta:
    title: str | None = None
    author: str | None = None
    published: str | None = None
    source: str | None = None
    language: str | None = None
    url: str | None = None
    excerpt: str | None = None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def meta_values(tree) -> dict[str, str]:
    """`<meta>` content by lower-cased name or property (each of space-separated properties)."""
    values: dict[str, str] = {}
    # `property` (RDFa, Open Graph) is the more deliberate markup: it wins over `name`.
    for attribute in ("property", "name"):
        for el in tree.iter("meta"):
            content = _clean(el.get("content"))
            if not content:
                continue
            for key in (el.get(attribute) or "").split():
                values.setdefault(key.lower().replace(".", ":"), content)
    return values


def _jsonld_objects(tree) -> list[dict]:
    found: list[dict] = []
    for el in tree.iter("script"):
        if (el.get("type") or "").strip().lower() != "application/ld+json":
            continue
        raw = (el.text or "").strip()
        if not raw or len(raw) > _MAX_JSONLD:
            continue
        try:
            data = json.loads(raw.removeprefix("<![CDATA[").removesuffix("]]>"))
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                found.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
    return found


def jsonld_article(tree) -> dict:
    """The first schema.org object of an article type in the page's JSON-LD, or {}."""
    for obj in _jsonld_objects(tree):
        kind = obj.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and _ARTICLE_TYPE.search(k) for k in kinds):
            return obj
    return {}


def _names(value: object) -> str | None:
    """A schema.org author/publisher value (string, object or list) as 'A, B'."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = _clean(item.get("name")) if isinstance(item, dict) else _clean(item)
        if name and not name.startswith("http"):
            names.append(name)
    return ", ".join(dict.fromkeys(names)) or None


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return parse_date(value)
    has_time = (parsed.hour, parsed.minute, parsed.second) != (0, 0, 0) or "T" in value
    return parsed.isoformat() if has_time else parsed.date().isoformat()


def _first(values: dict[str, str], *keys: str) -> str | None:
    for key in keys:
        if values.get(key):
            return values[key]
    return None


def _http_url(value: str | None) -> str | None:
    from reader.text.urls import http_url

    return http_url(value)


def _title(tree, ld: dict, values: dict[str, str], fallback: str) -> str | None:
    headline, name = _clean(ld.get("headline")), _clean(ld.get("name"))
    if headline and name and headline != name:
        # Prefer the one the page itself shows as its <title>.
        doc_title = _clean(tree.findtext(".//title")) or ""
        ld_title = name if name.casefold() in doc_title.casefold() else headline
    else:
        ld_title = headline or name
    return (
        ld_title
        or _first(
            values,
            "dc:title",
            "dcterm:title",
            "og:title",
            "weibo:article:title",
            "weibo:webpage:title",
            "title",
            "twitter:title",
            "parsely-title",
        )
        or _clean(fallback)
        or _clean(tree.findtext(".//title"))
    )


def _meta_authors(tree, key: str) -> str | None:
    """Every `<meta>` author under one key, in page order: a paper can have several.

    As in `meta_values`, `property` markup wins: `name` values count only without it.
    """
    for attribute in ("property", "name"):
        names = []
        for el in tree.iter("meta"):
            keys = (el.get(attribute) or "").lower().replace(".", ":").split()
            content = _clean(el.get("content"))
            if key in keys and content and not content.startswith("http"):
                names.append(content)
        if names:
            names = list(dict.fromkeys(names))
            # Names written "Surname, Initial" need a stronger separator than the comma.
            return ("; " if any("," in n for n in names) else ", ").join(names)
    return None


def _author(tree, ld: dict, byline: str | None, found: str | None) -> str | None:
    """JSON-LD, then `<meta>`, then the visible byline, then trafilatura's guess."""
    for key in ("dc:creator", "dcterm:creator", "author", "parsely-author", "article:author"):
        if meta_author := _meta_authors(tree, key):
            break
    return _names(ld.get("author")) or meta_author or byline or clean_byline(found)


def _language(tree, values: dict[str, str]) -> str | None:
    html = tree if tree.tag == "html" else tree.find(".//html")
    declared = [
        html.get("lang") if html is not None else None,
        html.get("{http://www.w3.org/XML/1998/namespace}lang") if html is not None else None,
        values.get("content-language"),
        values.get("dc:language"),
        values.get("og:locale"),
        _clean(_jsonld_lang(tree)),
    ]
    for el in tree.iter("meta"):
        if (el.get("http-equiv") or "").lower() == "content-language":
            declared.insert(1, el.get("content"))
    for value in declared:
        if lang := normalize_language(value):
            return lang
    return None


def _jsonld_lang(tree) -> str | None:
    lang = jsonld_article(tree).get("inLanguage")
    return lang if isinstance(lang, str) else None


def _canonical_url(tree, values: dict[str, str]) -> str | None:
    for el in tree.iter("link"):
        rel = (el.get("rel") or "").lower().split()
        if "canonical" in rel and (url := _http_url(_clean(el.get("href")))):
            return url
    return _http_url(values.get("og:url"))


def page_meta(tree, readability_title: str = "", clean_tree=None) -> PageMeta:
    """Everything the page says about itself.

    `tree` is the raw parsed page; `clean_tree`, its sanitised copy (hidden
    elements gone), is where the visible byline is looked for.
    """
    from trafilatura import extract_metadata

    ld = jsonld_article(tree)
    values = meta_values(tree)
    try:
        found = extract_metadata(tree)
    except Exception:  # trafilatura's metadata is a fallback; never fail the import for it
        found = None
    publisher = ld.get("publisher")
    published = _iso_date(_clean(ld.get("datePublished"))) or _iso_date(
        _first(values, "article:published_time", "parsely-pub-date", "dc:date", "date")
    )
    if not published:
        published = _find_date(tree)
    return PageMeta(
        title=_title(tree, ld, values, readability_title),
        author=_author(
            tree,
            ld,
            find_byline(clean_tree) if clean_tree is not None else None,
            _clean(found.author) if found else None,
        ),
        published=published,
        source=_first(values, "og:site_name")
        or _names(publisher)
        or (_clean(found.sitename) if found else None),
        language=_language(tree, values),
        url=_canonical_url(tree, values),
        excerpt=_clean(ld.get("description"))
        or _first(values, "dc:description", "dcterm:description", "og:description")
        or _first(values, "description", "twitter:description"),
    )


def _find_date(tree) -> str | None:
    """htmldate on the tree (never a URL: htmldate would fetch it)."""
    from htmldate import find_date

    try:
        return find_date(tree, extensive_search=False, original_date=True)
    except Exception:  # date guessing is optional
        return None

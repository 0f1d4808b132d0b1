"""`reader suggest quotes|entities ARTICLE_ID`: candidates as JSON lines."""

from __future__ import annotations

import json

import click

from reader.cli import _open_library, cli


@cli.command("suggest")
@click.argument("kind", type=click.Choice(["quotes", "entities"]))
@click.argument("article_id", type=int)
@click.option("--accept", is_flag=True, help="Mark every candidate (one undoable step).")
@click.pass_context
def suggest_cmd(ctx: click.Context, kind: str, article_id: int, accept: bool) -> None:
    """Quote or entity candidates of an article that are not marked yet.

    quotes: text, start, end, speaker, cue, type (plus the speaker mention, parts).
    entities: text, start, end, label (plus source and the registry entity).
    """
    with _open_library(ctx) as lib:
        if accept:
            count = lib.accept_all(article_id, kind)
            click.echo(f"accepted {count} {kind}")
            return
        if kind == "quotes":
            for q in lib.suggest_quotes(article_id):
                row = {
                    "text": q.text,
                    "start": q.start,
                    "end": q.end,
                    "speaker": q.speaker_entity_hint or q.speaker,
                    "cue": q.cue,
                    "type": q.type,
                    "speaker_mention": None,
                    "parts": [list(p) for p in q.parts],
                }
                if q.speaker_start is not None:
                    article_text = lib.article(article_id).text
                    row["speaker_mention"] = article_text[q.speaker_start : q.speaker_end]
                click.echo(json.dumps(row, ensure_ascii=False))
        else:
            for c in lib.suggest_entities(article_id):
                row = {
                    "text": c.text,
                    "start": c.start,
                    "end": c.end,
                    "label": c.label,
                    "source": c.source,
                    "entity": c.entity,
                }
                click.echo(json.dumps(row, ensure_ascii=False))

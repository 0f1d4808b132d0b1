"""`reader suggest quotes|entities ARTICLE_ID`: candidates as JSON lines."""

from __future__ import annotations

import json

import click

from reader.cli import _open_library, cli


@cli.command("suggest")
@click.argument("kind", type=click.Choice(["quotes", "entities"]))
@click.argument("article_id", type=int)
@click.option("--accept", is_flag=True, help="Mark every candidate (one undoable step).")
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Only candidates at least this sure (0 to 1).",
)
@click.pass_context
def suggest_cmd(
    ctx: click.Context, kind: str, article_id: int, accept: bool, min_confidence: float
) -> None:
    """Quote or entity candidates of an article that are not marked yet.

    quotes: text, start, end, speaker, cue, type, confidence, speaker_confidence (plus the
    speaker mention, parts). entities: text, start, end, label, source (registry, library,
    model, rule or pattern), confidence (plus the registry entity).
    """
    with _open_library(ctx) as lib:
        if accept:
            count = lib.accept_all(article_id, kind, min_confidence=min_confidence)
            click.echo(f"accepted {count} {kind}")
            return
        if kind == "quotes":
            for q in lib.suggest_quotes(article_id, min_confidence=min_confidence):
                row = {
                    "text": q.text,
                    "start": q.start,
                    "end": q.end,
                    "speaker": q.speaker_entity_hint or q.speaker,
                    "cue": q.cue,
                    "type": q.type,
                    "speaker_mention": None,
                    "parts": [list(p) for p in q.parts],
                    "confidence": round(q.confidence, 3),
                    "speaker_confidence": round(q.speaker_confidence, 3),
                }
                if q.speaker_start is not None:
                    article_text = lib.article(article_id).text
                    row["speaker_mention"] = article_text[q.speaker_start : q.speaker_end]
                click.echo(json.dumps(row, ensure_ascii=False))
        else:
            for c in lib.suggest_entities(article_id, min_confidence=min_confidence):
                row = {
                    "text": c.text,
                    "start": c.start,
                    "end": c.end,
                    "label": c.label,
                    "source": c.source,
                    "entity": c.entity,
                    "confidence": round(c.confidence, 3),
                }
                click.echo(json.dumps(row, ensure_ascii=False))


@cli.command("learn")
@click.option("--max-seconds", type=click.FloatRange(1.0, 600.0), default=30.0, show_default=True)
@click.pass_context
def learn_cmd(ctx: click.Context, max_seconds: float) -> None:
    """Train the library's own entity model on its entity marks (when they changed)."""
    with _open_library(ctx) as lib:
        if lib.learn_entities(background=False, max_seconds=max_seconds):
            info = lib.learner.info() or {}
            labels = ", ".join(info.get("labels", []))
            click.echo(f"trained on {info.get('marks', 0)} marks ({labels})")
        else:
            click.echo("the model is up to date (or there are too few marks)")

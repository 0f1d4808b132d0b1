"""Read Reader's CSV exports with pandas and check `text == article_text[start:end]`.

    reader export annotations --raw -o annotations.csv
    reader export articles --format csv --raw -o articles.csv
    python docs/examples/pandas_offsets.py annotations.csv articles.csv

`keep_default_na=False` keeps an entity named `null`, `None` or `NA` (and an empty
note) as the text it is instead of NaN; `dtype=str` keeps `00123` a string. Offsets
are code points, as Python's (and pandas') string slicing counts.
"""

import sys

import pandas as pd


def check(annotations_csv: str, articles_csv: str) -> int:
    """How many annotation rows were checked; raises AssertionError on the first mismatch."""
    read = {"dtype": str, "keep_default_na": False, "encoding": "utf-8"}
    marks = pd.read_csv(annotations_csv, **read)
    articles = pd.read_csv(articles_csv, **read).set_index("id")
    marks[["start", "end"]] = marks[["start", "end"]].astype(int)
    marks["published_date"] = pd.to_datetime(marks["published_date"], format="%Y-%m-%d")
    texts = articles.loc[marks["article_id"], "text"].to_numpy()
    # str.slice takes scalars only: slice each row's own article text in Python.
    spans = [t[s:e] for t, s, e in zip(texts, marks["start"], marks["end"], strict=True)]
    ok = marks["status"] == "ok"
    bad = marks[ok & (marks["text"] != pd.Series(spans, index=marks.index))]
    assert bad.empty, f"{len(bad)} rows differ, first: {bad.iloc[0].to_dict()}"
    return int(ok.sum())


if __name__ == "__main__":
    print(f"{check(sys.argv[1], sys.argv[2])} annotations match their article text")

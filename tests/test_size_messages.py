"""Size refusals say a size larger than the limit, in the README's unit (20 MB, 10 MB)."""

from __future__ import annotations

import pytest

from reader.errors import ImportFailed
from reader.importers.decode import MAX_FILE_BYTES, read_file_bytes
from reader.importers.html_clean import MAX_HTML_BYTES, check_size
from reader.importers.sizes import too_large

from .conftest import ROOT


def test_a_size_just_over_the_limit_never_reads_as_the_limit():
    assert too_large(MAX_FILE_BYTES + 1, MAX_FILE_BYTES) == "20.1 MB; the limit is 20 MB"
    assert too_large(21_000_000, MAX_FILE_BYTES) == "20.1 MB; the limit is 20 MB"
    assert too_large(50 * 1024 * 1024, MAX_FILE_BYTES) == "50.0 MB; the limit is 20 MB"
    assert too_large(1536 * 1024, 1024 * 1024) == "1.5 MB; the limit is 1 MB"


def test_file_and_page_messages(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(21_000_000)
    with pytest.raises(ImportFailed) as e:
        read_file_bytes(big)
    assert str(e.value) == "file too large (20.1 MB; the limit is 20 MB)"
    with pytest.raises(ImportFailed) as e:
        check_size(MAX_HTML_BYTES + 1)
    assert str(e.value) == "page too large (10.1 MB of HTML; the limit is 10 MB)"


def test_the_readme_states_the_same_limits():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"files over {MAX_FILE_BYTES // 2**20} MB are refused" in readme
    assert f"the limit is {MAX_HTML_BYTES // 2**20} MB)" in readme

"""Language names for the codes articles carry ("ar" → "Arabic"), as the article header
and the library's language filter show them."""

from __future__ import annotations

from PySide6.QtCore import QLocale


def language_name(code: str) -> str:
    """The English name of a BCP 47 code ("pt-BR" → "Portuguese"); the code itself when
    Qt does not know it ("C" is Qt's answer for an unknown code)."""
    language = QLocale(code.replace("-", "_")).language()
    name = QLocale.languageToString(language)
    if not name or language in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return code
    return name


def language_labels(codes: list[str]) -> dict[str, str]:
    """A label for each code: its name, with the code added where two codes share a
    name ("Chinese (zh-Hant)") so that the filter's entries stay distinct."""
    names = {code: language_name(code) for code in codes}
    shared = {n for n in names.values() if list(names.values()).count(n) > 1}
    return {c: f"{n} ({c})" if n in shared and n != c else n for c, n in names.items()}

"""Short legacy inputs: which code page, when a detector has too few bytes to go on.

On a two-line file charset-normalizer proposes whatever decodes without visible
mess, and a Thai or Baltic code page decodes `Café` as well as cp1252 does. So
every common code page is tried, and a decoding counts only when it is
plausible text: no control, private-use or unassigned characters, every word
in one script (kanji with kana allowed), at most one script besides Latin,
words shaped like words (not `úÁÇÏ`, the cp1252 reading of KOI8-R bytes), and
a mess ratio (charset-normalizer's) under 0.2. Among plausible decodings the
winner is, in order: the one whose accented letters fit the alphabet of the
language py3langid reads in it (cp1252 reads Czech `rozpočet` as `rozpoèet`),
a Western or Central-European code page (cp1252, then cp1250), the lower mess
ratio, py3langid's higher confidence, the more common code page.
"""

from __future__ import annotations

import codecs
import unicodedata

SHORT_BYTES = 4096  # below this, charset-normalizer's statistics are unreliable
# Tried first and preferred: Western, then Central-European.
_WESTERN = ("cp1252", "cp1250")
# Then the other code pages news text comes in, most common first (ties go to the earlier).
_OTHERS = (
    "cp1251",
    "koi8_r",
    "gb18030",
    "cp932",
    "euc_kr",
    "cp949",
    "big5",
    "cp1256",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1257",
    "cp874",
    "euc_jp",
    "iso8859_2",
)
_MAX_MESS = 0.2  # charset-normalizer's mess ratio above which a decoding is noise

# Scripts that share words: Japanese writes kanji and kana together.
_JAPANESE = {"HAN", "HIRAGANA", "KATAKANA"}
# Letters and marks of no one script (`ʼ`, `ª`, combining accents).
_SHARED = {"COMBINING", "MODIFIER", "FEMININE", "MASCULINE"}


def _script(ch: str) -> str:
    """The script of a letter, from its Unicode name (CJK ideographs → HAN)."""
    name = unicodedata.name(ch, "")
    if name.startswith(("CJK UNIFIED", "CJK COMPATIBILITY")):
        return "HAN"
    if name.startswith("HALFWIDTH KATAKANA"):
        return "HALFWIDTH"  # a legacy form no modern text is written in
    if name.startswith("HANGUL LETTER"):
        return "JAMO"  # a lone jamo inside syllables: Japanese or Chinese bytes read as Korean
    if name.startswith("HANGUL"):
        return "HANGUL"
    return name.split(" ", 1)[0] if name else "UNKNOWN"


def _words(text: str) -> list[str]:
    """Runs of letters (marks included): what must each be in one script."""
    words, current = [], []
    for ch in text:
        if unicodedata.category(ch)[0] in "LM":
            current.append(ch)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def _word_shape_ok(word: str) -> bool:
    """No lower-case letter before a capital (`úÁÇ`, `ъЮЦ`), a Latin word not mostly accented."""
    for a, b in zip(word, word[1:], strict=False):
        if a.islower() and b.isupper():
            return False
    if not word.isascii() and all(_script(ch) == "LATIN" for ch in word if ch.isalpha()):
        accented = sum(1 for ch in word if ord(ch) > 0x7F)
        return len(word) < 3 or accented * 3 <= len(word) * 2
    return True


def plausible(text: str) -> bool:
    """Whether a decoding reads as text in some language (see the module docstring)."""
    for ch in text:
        category = unicodedata.category(ch)
        if category in ("Cc", "Co", "Cn", "Cs") and ch not in "\t\n\r":
            return False  # C0/C1 controls, private use, unassigned: not in real text
    scripts: set[str] = set()
    words = bad = 0
    for word in _words(text):
        # Marks count too (a Thai tone mark after `Caf`), except the shared combining ones.
        found = {_script(ch) for ch in word} - _SHARED
        if len(found) > 1 and not found <= _JAPANESE:
            return False
        scripts |= found
        words += 1
        bad += not _word_shape_ok(word)
    if "HALFWIDTH" in scripts or "UNKNOWN" in scripts:
        return False
    others = scripts - {"LATIN"}
    if others and not (len(others) == 1 or others <= _JAPANESE):
        return False
    return bad * 4 <= words  # an odd acronym (`iPhone`) here and there is fine


def alphabet_fit(text: str, language: str | None) -> float:
    """Share of the accented Latin letters that the language's alphabet has (1.0: none).

    cp1252 reads Czech `rozpočet` as `rozpoèet` and Turkish `başlığı` as `baþlýðý`:
    py3langid still names the language, whose alphabet has no `è` or `þ`.
    """
    letters = [ch for ch in text.casefold() if ord(ch) > 0x7F and _script(ch) == "LATIN"]
    if not letters:
        return 1.0
    alphabet = _ALPHABETS.get(language or "")
    if alphabet is None:
        return 0.75  # a language without a table: neither for nor against
    return sum(ch in alphabet for ch in letters) / len(letters)


_LOANS = "àâäçéèêëîïôöûüùÿñæœ"  # French, German and Spanish letters in loanwords and names
_ALPHABETS = {
    "en": _LOANS,
    "fr": _LOANS,
    "de": "äöüß" + _LOANS,
    "es": "áéíóúüñ" + _LOANS,
    "pt": "áàâãéêíóôõúüç",
    "it": "àèéìíîòóùú",
    "ca": "àçèéíïòóúü·",
    "nl": "áéèëïóöüĳ",
    "sv": "åäöé",
    "da": "æøåé",
    "no": "æøåéèóô",
    "nn": "æøåéèóô",
    "fi": "äöåšž",
    "is": "áðéíóúýþæö",
    "fo": "áðíóúýæø",
    "et": "äöõüšž",
    "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "pl": "ąćęłńóśźż",
    "hu": "áéíóöőúüű",
    "ro": "ăâîșşțţ",
    "hr": "čćđšž",
    "bs": "čćđšž",
    "sr": "čćđšž",
    "sl": "čšž",
    "sq": "çë",
    "tr": "çğıöşüâîû",
    "az": "çəğıöşü",
    "lv": "āčēģīķļņšūž",
    "lt": "ąčęėįšųūž",
    "ga": "áéíóú",
    "cy": "âêîôûŵŷáéíóúàèìòùäëïöüẅÿ",
}


def _decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def short_legacy(data: bytes, proposed: list[str]) -> tuple[str, str] | None:
    """(text, codec name) of the most plausible decoding of a short input, or None.

    Candidates are the common code pages: Western and Central-European first,
    then those of the detector's proposals (`proposed`, best first) that are
    common, then the rest. A candidate must be plausible and under the
    detector's mess threshold; the one whose accented letters best fit the
    alphabet of the language py3langid reads in it wins, ties to the earlier.
    """
    from charset_normalizer.md import mess_ratio

    from reader.importers.meta import language_guess

    common = {codecs.lookup(e).name: e for e in (*_WESTERN, *_OTHERS)}
    names = [_ALIASES.get(n, n) for n in map(_codec_name, proposed)]
    proposed_common = [common[n] for n in names if n in common]
    order = list(dict.fromkeys([*_WESTERN, *proposed_common, *_OTHERS]))
    best: tuple | None = None
    chosen: tuple[str, str] | None = None
    seen: set[str] = set()
    for rank, encoding in enumerate(order):
        text = _decode(data, encoding)
        if text is None or text in seen or not plausible(text):
            continue
        seen.add(text)
        mess = mess_ratio(text, _MAX_MESS)
        if mess >= _MAX_MESS:
            continue
        language, confidence = language_guess(text)
        fit = round(alphabet_fit(text, language), 2)
        key = (fit, encoding in _WESTERN, -round(mess * 20), round(confidence, 1), -rank)
        if best is None or key > best:
            best, chosen = key, (text, codecs.lookup(encoding).name)
    return chosen


# The detector's names for supersets of a common code page.
_ALIASES = {"euc_jis_2004": "euc_jp", "shift_jis_2004": "cp932", "big5hkscs": "big5"}


def _codec_name(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name

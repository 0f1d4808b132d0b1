"""Is this extracted block page furniture? Judged from its words and where it sits.

trafilatura (with `favor_recall`) keeps more than readability-lxml, and the
extra text of a video page is the player's menus ("Chapters", "descriptions
off, selected"), "Up next" teasers and the comment thread. Each block is
judged on its own markers:

- its words: a short line made of player, share, comment or related-article
  vocabulary (in many languages), or a line repeated across the page (`Reply`,
  `Like · Reply · 2h` under every comment);
- its links: most of its text is links, or it is a list whose items are links;
- where it sits in the DOM: an ancestor that is navigation or a sidebar
  (`role=navigation|complementary|menu|dialog…`, `<nav>`, `<aside>`,
  `<footer>`), or whose class or id names a comment, share, player, related or
  promotion region — only ancestors that do not also hold the article's
  container count, so a `has-sidebar` class on the page's wrapper says nothing;
- its item: a block inside one of several like siblings (a comment, a teaser
  card) whose item carries a comment line (`Reply`, `Report`, `2 hours ago`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

_WORD = re.compile(r"\w+")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")

_ROLES = {
    "navigation",
    "complementary",
    "menu",
    "menubar",
    "menuitem",
    "menuitemradio",
    "menuitemcheckbox",
    "dialog",
    "alertdialog",
    "toolbar",
    "banner",
    "contentinfo",
    "search",
    "tablist",
    "slider",
    "progressbar",
}
_TAGS = {"nav", "aside", "footer", "menu"}
# Words of a class or id (split at `-`, `_` and case changes) that name page furniture.
_CLASS_WORDS = {
    "comment", "comments", "commentlist", "discussion", "disqus", "replies", "reply",
    "related", "recommended", "recommendations", "upnext", "share", "sharing", "sharebar",
    "social", "player", "vjs", "jwplayer", "menu", "navbar", "nav", "breadcrumb",
    "breadcrumbs", "footer", "sidebar", "widget", "promo", "newsletter", "subscribe",
    "advert", "advertisement", "ads", "sponsored", "outbrain", "taboola", "teaser",
    "teasers", "toolbar", "modal", "popup", "cookie", "consent", "trending", "popular",
}  # fmt: skip
_SLUG_WORDS = 3  # `sharing-with-a-single-developer` is a section's slug, not a share bar
_CLASS_SPLIT = re.compile(r"[-_\s:]+|(?<=[a-z])(?=[A-Z])")

# Vocabulary of furniture lines, casefolded, in the languages news comes in. A short
# block made (almost) only of these words and numbers is not article text.
_PLAYER = """chapters chapter descriptions description subtitles subtitle captions caption
off on selected settings dialog window opens audio track main playback rate speed quality
auto video player is loading loaded current time duration remaining stream type live
seek play pause mute unmute volume level fullscreen picture exit replay
beginning end escape will cancel and close the modal text background color colour
transparency opacity font size family edge style reset done default transcript
kapitel untertitel aus ein ausgewählt einstellungen wiedergabe
chapitres sous titres désactivé désactivés sélectionné paramètres lecture
capítulos subtítulos desactivado seleccionado configuración reproducir
capitoli sottotitoli disattivati selezionato impostazioni
legendas desativado selecionado configurações
hoofdstukken ondertitels uit geselecteerd
bab subtitel mati dipilih pengaturan putar
главы субтитры выкл выбрано настройки
"""
_SHARE = """share shares shared this story article page post copy copied email e mail print
facebook twitter x whatsapp telegram linkedin pinterest reddit messenger sms tweet
save bookmark follow us on send to a friend via en auf su em op na в
teilen artikel drucken partager imprimer compartir imprimir condividi stampa
compartilhar partilhar delen bagikan salin поделиться udostępnij sdílet paylaş
"""
_COMMENT = """reply replies comment comments like likes dislike upvote downvote
flag permalink ago published updated posted veröffentlicht aktualisiert
publié publicado actualizado pubblicato aggiornato diterbitkan diperbarui
of von sur dari previous prev back zurück weiter anterior siguiente précédent suivant
hour hours minute minutes min mins h m d day days week weeks month months year years
just now yesterday load more earlier older newer updates view show all sign in log
join conversation discussion be first to reactions réactions reacciones reaktionen reaksi
antworten kommentar kommentare melden vor stunden minuten gefällt mir
répondre commentaire commentaires signaler il y a heures
responder comentario comentarios comentar denunciar hace horas
rispondi commento commenti segnala fa ore
responder comentário comentários há
reageer reacties reactie geleden
balas komentar laporkan yang lalu jam menit
ответить комментарий комментарии пожаловаться назад час часа часов
odpowiedz komentarz komentarze odpovědět komentáře yanıtla yorum yorumlar
"""
_RELATED = """related more videos video stories news articles read also see next up watch
recommended for you may also like most popular trending top latest from around web
sponsored advertisement ad ads promoted continue reading
mehr zum thema weitere lesen sie auch empfohlen anzeige
voir aussi lire à la une publicité sur le même sujet
más noticias lee también te puede interesar publicidad relacionados
leggi anche potrebbe interessarti pubblicità
leia também veja publicidade relacionadas
lees ook meer nieuws advertentie
baca juga berita terkait lainnya iklan
читайте также ещё новости реклама
"""
_CJK_PHRASES = (
    "分享",
    "评论",
    "回复",
    "相关阅读",
    "相关文章",
    "シェア",
    "コメント",
    "返信",
    "関連記事",
)
_RIGHTS = (
    "all rights reserved",
    "alle rechte vorbehalten",
    "tous droits réservés",
    "todos los derechos reservados",
    "tutti i diritti riservati",
    "todos os direitos reservados",
    "hak cipta dilindungi",
    "все права защищены",
    "版权所有",
)
# Furniture lines need these ("Video Player is loading."), but they say nothing alone.
_GENERIC = {"the", "a", "and", "is", "on", "off", "of", "to", "this", "for", "you", "will"} | {
    "from",
    "via",
    "us",
    "be",
    "all",
    "up",
    "end",
}
_WEAK = {"tautan", "link", "links", "lien", "enlace", "ссылка", "ссылку", "kopieren", "copiar"}
_FURNITURE = set((_PLAYER + _SHARE + _COMMENT + _RELATED).split())
# Words only a comment's own line has ("Reply", "Report"): they mark its item.
_COMMENT_LINE = """reply replies report antworten melden répondre signaler responder denunciar
rispondi segnala reageer balas laporkan ответить пожаловаться odpowiedz odpovědět
yanıtla upvote permalink"""
_COMMENT_WORDS = frozenset(_COMMENT_LINE.split())
_SHORT_WORDS = 14  # a furniture line is short; longer text is judged by its other markers
_COPYRIGHT_WORDS = 6  # "© Coastline News 2025"; a longer line with © may be the author's note
_LINK_DENSITY = 0.6
_OLD_LINKS = 0.99  # a block readability kept goes for its links only if it is all links
_TEASER_LINKS = 0.15  # an item of a list with this share of link text is a teaser card
_REPEATS = 3
_ITEM_TAGS = {"div", "li", "article", "section", "aside", "figure", "dl"}
_REPEATED_WORDS = 4  # a short line seen this often in the page is furniture (`Reply`, `Share`)
_COUNTER = re.compile(r"^(\w+ )?\d+ (of|de|von|di|sur|dari|из|z|van) \d+$")
_NUMBER = re.compile(r"^\d+[a-z]{0,3}$")  # 2h, 15m, 3rd, 1x, 0


def furniture_words(text: str, extra: frozenset[str] = frozenset()) -> bool:
    """A short line made only of furniture vocabulary (and `extra`) and numbers
    ("Like · Reply · 2h")."""
    folded = text.casefold()
    words = _WORD.findall(folded)
    if len(words) <= _SHORT_WORDS and any(p in folded for p in _RIGHTS):
        return True  # "© The Daily Ledger. All rights reserved."
    if "©" in folded and len(words) <= _COPYRIGHT_WORDS:
        return True
    if not words or len(words) > _SHORT_WORDS:
        return False
    if any(p in text for p in _CJK_PHRASES) and len(text) <= 12:
        return True
    if _COUNTER.match(" ".join(words)):
        return True  # "Foto 3 de 10", "2 of 6"
    furniture = [w for w in words if w in _FURNITURE or w in extra]
    # "link" is furniture beside "copy" or "share", not alone (a page may say "link").
    weak = [w for w in words if w in _WEAK and w not in furniture] if furniture else []
    known = len(furniture) + len(weak) + sum(1 for w in words if _NUMBER.match(w))
    return known == len(words) and bool(furniture)


def link_share(markdown_block: str) -> float:
    """Share of the block's text that is link text (Markdown links)."""
    text = len(_WORD.findall(_LINK.sub(r"\1", markdown_block)))
    linked = sum(len(_WORD.findall(m.group(1))) for m in _LINK.finditer(markdown_block))
    return linked / text if text else 0.0


def links_list(markdown_block: str) -> bool:
    """A list whose items are (nearly) all links: related articles, a menu."""
    items = [line for line in markdown_block.splitlines() if re.match(r"\s*([-*+]|\d+\.)\s", line)]
    if len(items) < 2:
        return False
    linked = sum(1 for item in items if link_share(item) >= _LINK_DENSITY)
    return linked * 4 >= len(items) * 3


def _class_words(el) -> set[str]:
    """Words of the class and id; not of a long id, which is a heading's slug."""
    words = set()
    for value in ((el.get("class") or "").split(), [el.get("id") or ""]):
        for name in value:
            parts = [w.casefold() for w in _CLASS_SPLIT.split(name) if w]
            if len(parts) <= _SLUG_WORDS:
                words.update(p for p in parts if len(p) >= 3)  # `jw`, `ay`: generated names
    return words


def region_marked(el) -> bool:
    """Whether the element is a navigation, sidebar, menu or a furniture region by name."""
    if el.tag in _TAGS or (el.get("role") or "").strip().casefold() in _ROLES:
        return True
    if el.get("aria-hidden") == "true":
        return True
    return bool(_class_words(el) & _CLASS_WORDS)


class Judge:
    """Judges the blocks of one page (its words located in the DOM by `PageWords`)."""

    def __init__(self, page, container=None) -> None:
        self.page = page
        self.container = container
        self._keep = set()
        if container is not None:
            self._keep = {container, *container.iterancestors()}
        self._lines = Counter(
            _normal_line(el.text_content())
            for el in page.root.iter()
            if isinstance(el.tag, str) and len(el) == 0 and el.text_content().strip()
        )

    def furniture(self, markdown_block: str, tokens: Sequence[str], new: bool = True) -> bool:
        """Whether a block is page furniture. `new`: not kept by readability-lxml
        (then links count against it too: readability already weighed its own)."""
        from reader.importers.html_extract import block_text

        text = block_text(markdown_block)
        if furniture_words(text):
            return True
        heading = markdown_block.lstrip().startswith("#")
        if not heading and "```" not in markdown_block and self._repeated(text):
            return True
        table = markdown_block.lstrip().startswith("|")  # readability keeps link tables too
        links = link_share(markdown_block)
        # readability weighed links in what it kept: there only a bar of links goes
        bar = links >= _OLD_LINKS and len(_LINK.findall(markdown_block)) >= 3
        if not heading and not table and links >= _LINK_DENSITY and (new or bar):
            return True
        if new and links_list(markdown_block):
            return True
        element = self._element(tokens)
        if element is None:
            return False
        # A layout table's cells look like teaser cards: only a marked region counts there.
        return self._region(element) or (not table and self._item(element, new))

    def _repeated(self, text: str) -> bool:
        """A short line seen often in the page, mostly furniture words (`Reply to Ann`)."""
        words = _WORD.findall(text.casefold())
        if not words or len(words) > _REPEATED_WORDS or self._lines[_normal_line(text)] < _REPEATS:
            return False
        return sum(w in _FURNITURE and w not in _GENERIC for w in words) * 2 > len(words)

    def _element(self, tokens: Sequence[str]):
        """The element holding the block's words: where they are inside the article's
        container if they are there too (a heading repeated in a list of key events)."""
        spans, at = [], 0
        while len(spans) < 8 and (span := self.page.locate(tokens, at)):
            spans.append(span)
            at = span[0] + 1
        if not spans:
            return None
        if self.container is not None:
            inside = [s for s in spans if self.page.inside(s, self.container)]
            spans = inside or spans
        return self.page.container(spans[:1])

    def _chain(self, element):
        """The element and its ancestors that do not hold the article's container."""
        for el in (element, *element.iterancestors()):
            if el in self._keep or el.tag in ("html", "body"):
                return
            yield el

    def _region(self, element) -> bool:
        return any(region_marked(el) for el in self._chain(element))

    def _item(self, element, new: bool) -> bool:
        """Inside one of several like siblings that is a comment (it has a comment line)
        or, for a block readability left out, a teaser card (a sixth of its words are
        links)."""
        item = None
        for el in self._chain(element):
            parent = el.getparent()
            if parent is None:
                break
            if el.tag not in _ITEM_TAGS or len(el) < 2:
                continue  # paragraphs side by side are an article, not a list of items
            signature = (el.tag, el.get("class"))
            alike = sum(1 for sib in parent if (sib.tag, sib.get("class")) == signature)
            if alike >= 3:
                item = el
        if item is None:
            return False
        text = len(_WORD.findall(item.text_content()))
        linked = sum(
            len(_WORD.findall(a.text_content()))
            for a in item.iter("a")
            if not (a.get("href") or "#").startswith("#")
        )
        if new and text and linked / text >= _TEASER_LINKS:
            return True  # a teaser card: its headline is a link
        for el in item.iter():
            if not isinstance(el.tag, str):
                continue
            line = el.text_content()
            words = set(_WORD.findall(line.casefold()))
            if len(line) <= 40 and words & _COMMENT_WORDS and furniture_words(line, _COMMENT_WORDS):
                return True
        return False


def _normal_line(text: str) -> str:
    return " ".join(re.sub(r"\d+", "0", w) for w in _WORD.findall(text.casefold()))

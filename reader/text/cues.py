"""Word lists for the suggesters, per language: speech cues, pronouns, role nouns, titles.

All entries are lower case; lookups casefold the text. Multi-word entries are matched
token by token. Languages: Indonesian/Malay (id), English (en), French (fr), German (de),
Spanish (es), Russian (ru).
"""

from __future__ import annotations

# Cues whose speaker stands after them (`menurut Lavrov`, `according to X`, `selon X`).
CUES_RIGHT = {
    "id": "menurut|kata|ujar|tambah|ucap|tutur|jelas|ungkap|imbuh|lanjut|tegas|papar|terang|"
    "sebut|seru|tanya|pungkas|timpal|kata dia|ujar dia",
    "en": "according to|quoted|in the words of",
    "fr": "selon|d'après|d’après|dixit",
    "de": "so|laut|nach angaben von",
    "es": "según|de acuerdo con",
    "ru": "по словам|по мнению|как сообщил|как заявил",
}

# Cues with the speaker on either side (`“…,” said X`, `X said: “…”`, `X mengatakan`).
CUES_BOTH = {
    "id": "mengatakan|menyatakan|berkata|menegaskan|menekankan|menjelaskan|mengungkapkan|"
    "menambahkan|menyebut|menyebutkan|menggambarkan|memperingatkan|mengklaim|menuturkan|"
    "bertanya|menulis|mengumumkan|menilai|mencatat|berpendapat|mengakui|membantah|"
    "menyampaikan|menuding|menuduh|menyerukan|mendesak|berujar|bilang",
    "en": "said|says|say|told|tells|added|adds|asked|asks|explained|explains|noted|notes|"
    "stressed|warned|warns|wrote|writes|argued|argues|claimed|claims|insisted|insists|"
    "recalled|continued|replied|declared|announced|admitted|acknowledged|suggested|"
    "emphasized|emphasised|observed|remarked|conceded|complained|tweeted|posted|stated|"
    "urged|concluded|predicted|maintained|countered|responded|testified|joked|shouted|"
    "whispered|added that|said that|implored|implores|boasted|boasts|described|describes|"
    "described as|pleaded|pleads|begged|vowed|vows|quipped|cautioned|lamented|mused|"
    "recounted|reiterated|elaborated|pointed out|points out|saying",
    "fr": "a déclaré|a dit|a affirmé|a ajouté|a expliqué|a souligné|a indiqué|a précisé|"
    "a estimé|a assuré|a averti|a écrit|déclare|dit|affirme|ajoute|explique|souligne|"
    "indique|précise|estime|assure|avertit|déclaré|affirmé|ajouté|expliqué|souligné|"
    "indiqué|précisé|estimé|assuré|averti",
    "de": "sagte|sagt|erklärte|erklärt|betonte|betont|meinte|meint|warnte|warnt|schrieb|"
    "schreibt|kritisierte|forderte|fügte hinzu|sagten|erklärten",
    "es": "dijo|dice|afirmó|afirma|señaló|señala|explicó|explica|aseguró|asegura|añadió|"
    "agregó|declaró|indicó|sostuvo|advirtió|expresó|manifestó|comentó|subrayó|destacó",
    "ru": "сказал|сказала|заявил|заявила|отметил|отметила|добавил|добавила|подчеркнул|"
    "подчеркнула|сообщил|сообщила|пояснил|пояснила|считает|говорит|написал|написала|"
    "сказали|заявили",
}

# Cue words with the pronoun fused in (`tambahnya` = `he added`): the speaker is the
# nearest person mentioned before.
CUES_FUSED = (
    "katanya|ujarnya|tambahnya|ungkapnya|jelasnya|tegasnya|imbuhnya|lanjutnya|tuturnya|"
    "ucapnya|paparnya|terangnya|sebutnya|pungkasnya|timpalnya"
)

PRONOUNS = (
    "dia|ia|beliau|he|she|il|elle|er|él|ella|он|она|a-t-il|a-t-elle|dit-il|dit-elle|"
    "explique-t-il|explique-t-elle|ajoute-t-il|ajoute-t-elle"
)

# Words that may stand between a speaker and a cue (`Lavrov also said`, `X juga mengatakan`).
SKIPPABLE = (
    "also|later|then|further|again|previously|earlier|has|had|have|once|simply|recently|"
    "juga|pun|lagi|kemudian|sebelumnya|sempat|telah|sudah|pernah|bahkan|lalu|"
    "auch|hat|ha|también|tambien|aussi|также|тоже"
)

# Complementisers and objects between a cue and its quote (`mengatakan bahwa “…”`).
COMPLEMENTISERS = "that|bahwa|bahwasanya|que|qu'|dass|что"

# Nouns for people by role: with a determiner they form an anaphor (`diplomat itu`,
# `the minister`, `sang menteri`) and bare they are titles before a name.
ROLE_NOUNS = (
    # Indonesian / Malay
    "diplomat|menteri|presiden|wakil presiden|perdana menteri|pejabat|juru bicara|jubir|"
    "politisi|politikus|duta besar|dubes|pemimpin|ketua|kepala|direktur|gubernur|walikota|"
    "wali kota|bupati|jenderal|panglima|kapten|komandan|pengamat|analis|pakar|ahli|"
    "profesor|dosen|peneliti|wartawan|jurnalis|penulis|pengacara|hakim|jaksa|senator|"
    "anggota|raja|ratu|pangeran|paus|uskup|imam|ulama|kanselir|sekretaris|kapolri|kapolda|"
    "pelatih|pemain|warga|tokoh|aktivis|pengusaha|bos|ceo|pendiri|penasihat|narasumber|"
    "menlu|mendagri|menhan|wapres|presdir|dirut|staf|utusan|"
    # English
    "minister|president|vice president|prime minister|official|spokesman|spokeswoman|"
    "spokesperson|ambassador|diplomat|senator|governor|mayor|chancellor|secretary|"
    "secretary of state|general|commander|leader|chairman|chairwoman|chair|chief|director|"
    "executive|ceo|founder|professor|analyst|expert|researcher|economist|lawyer|attorney|"
    "judge|prosecutor|king|queen|prince|princess|pope|bishop|imam|coach|manager|captain|"
    "reporter|journalist|author|writer|actor|actress|singer|lawmaker|congressman|"
    "congresswoman|representative|envoy|adviser|advisor|officer|sheriff|chief executive|"
    "foreign minister|defence minister|defense minister|head|doctor|scientist|"
    "inspector|chief inspector|detective|superintendent|commissioner|sergeant|constable|"
    # French, German, Spanish, Russian
    "ministre|président|présidente|porte-parole|ambassadeur|ambassadrice|député|maire|"
    "minister|präsident|präsidentin|kanzler|kanzlerin|sprecher|sprecherin|botschafter|"
    "ministro|ministra|presidente|portavoz|embajador|embajadora|alcalde|"
    "министр|президент|посол|глава|представитель|пресс-секретарь|спикер"
)

# Determiners that turn a role noun into an anaphor: before (`the minister`) or after
# (`diplomat itu`, `menteri tersebut`).
ANAPHOR_BEFORE = "the|sang|si|le|la|der|die|el|этот|эта"
ANAPHOR_AFTER = "itu|tersebut|ini"

# Capitalised words that make the name after them a person (`Presiden Joe Biden`,
# `Duta Besar Lynne Tracy`, `Mr Smith`). The role nouns above count too.
TITLES = (
    "mr|mr.|mrs|mrs.|ms|ms.|dr|dr.|prof|prof.|sir|dame|lord|lady|madame|mme|herr|frau|"
    "señor|señora|sr.|sra.|bapak|pak|ibu|bu|saudara|sdr|gen.|sen.|rep.|gov.|"
    "sen|rep|gov|gen|lt|col|sgt|capt|adm|cmdr|"
    "luar negeri|dalam negeri|pertahanan|keuangan|besar|bicara|muda|agung|utama|"
    "foreign|defence|defense|former|mantan|eks|senior|deputy|wakil|acting|pelaksana|tugas|plt"
)

# Words that make a capitalised sequence an organisation.
ORG_HEADS = (
    "kementerian|departemen|kemenlu|badan|lembaga|komisi|dewan|majelis|partai|bank|"
    "universitas|institut|sekolah|rumah sakit|pengadilan|mahkamah|kejaksaan|kepolisian|"
    "polda|polri|tni|dpr|mpr|kpk|pt|tbk|perusahaan|grup|kantor|pemerintah|pemerintahan|"
    "ministry|department|agency|committee|commission|council|party|university|college|"
    "institute|school|hospital|court|police|army|navy|force|forces|corporation|corp|corp.|"
    "company|inc|inc.|ltd|ltd.|llc|plc|group|bank|foundation|association|union|news|"
    "times|post|journal|herald|tribune|gazette|press|tv|radio|network|agency|office|"
    "administration|service|services|board|organization|organisation|federation|"
    "kremlin|pentagon|senate|congress|parliament|parlemen|cabinet|kabinet|"
    "ministère|ministerium|ministerio|министерство|мид|agence|université|universität|"
    "universidad|gmbh|ag|sa|s.a.|novosti|tass|reuters|bloomberg|xinhua|antara|"
    "google|microsoft|apple|facebook|amazon|nintendo|sony|twitter|meta|openai|nato|pbb|un|"
    "who|imf|wto|opec|asean|eu|uni eropa"
)

EVENT_WORDS = (
    "summit|ktt|olympics|olimpiade|olympic|games|cup|piala|festival|conference|konferensi|"
    "forum|war|perang|election|elections|pemilu|pilpres|pilkada|championship|kejuaraan|"
    "world cup|expo|revolution|revolusi|crisis|krisis|awards|award|oscars|grand prix"
)

# Words after which a name is a place (`di Doha`, `in Istanbul`).
PLACE_PREPOSITIONS = (
    "di|ke|dari|menuju|in|at|from|near|à|au|aux|en|vers|nach|aus|im|bei|desde|hacia|в|во|из|на"
)

MONTHS = (
    "januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember|"
    "january|february|march|may|june|july|august|october|december|"
    "janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|"
    "januar|februar|märz|juni|juli|oktober|dezember|"
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
)
WEEKDAYS = (
    "senin|selasa|rabu|kamis|jumat|jum'at|jum’at|sabtu|minggu|ahad|"
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
    "lunes|martes|miércoles|jueves|viernes|sábado|domingo"
)

# Capitalised only because they open a sentence or a heading: never names on their own.
STOPWORDS = (
    "the|a|an|this|that|these|those|it|its|in|on|at|of|for|to|by|with|but|and|or|if|when|"
    "while|as|after|before|since|yet|so|we|you|they|he|she|i|my|our|your|their|his|her|"
    "there|here|what|why|how|who|where|which|not|no|yes|all|some|many|most|more|one|"
    "dan|atau|tetapi|namun|di|ke|dari|pada|untuk|dengan|ini|itu|yang|dalam|sejak|"
    "kedua|beberapa|perkembangan|hasil|mantan|para|sang|setelah|sebelum|saat|ketika|"
    "le|la|les|un|une|des|du|de|et|mais|il|elle|nous|vous|ils|elles|en|dans|pour|"
    "der|die|das|ein|eine|und|aber|er|sie|es|wir|ihr|im|am|zum|zur|"
    "el|los|las|y|pero|por|con|una|unos|unas|del|al|"
    "although|though|however|meanwhile|because|during|despite|while|today|yesterday|now|"
    "then|still|also|even|just|only|every|each|both|other|another|such|once|perhaps|maybe|"
    "thus|therefore|instead|indeed|unfortunately|finally|first|last|next|then|again|"
    "let|see|read|note|please|thanks|thank|oh|well|our|meski|meskipun|namun|"
    "selain|sementara|kemudian|bahkan|menurut"
)


def words(spec: str) -> frozenset[str]:
    """A `|`-separated list as a set of lower-case entries."""
    return frozenset(w.strip() for w in spec.split("|") if w.strip())


def phrases(*specs: str) -> dict[tuple[str, ...], str]:
    """`|`-separated phrases as token tuples mapped to the phrase."""
    out: dict[tuple[str, ...], str] = {}
    for spec in specs:
        for p in words(spec):
            out[tuple(p.split())] = p
    return out

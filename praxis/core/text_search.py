"""What every search index in Praxis shares: how text is folded, how a query becomes words, and
how those words are widened to the forms, spellings and other-language terms people mean.

Each pillar keeps its own index (catalog, community) or filters its own tables (events,
organisations, lessons); all of them fold text and read queries through this module, so that a
query means the same everywhere. The cross-ecosystem search (praxis.search) adds corrections
from the indexed vocabulary.

A query becomes a list of groups: every group must match, any alternative of a group will do.
An alternative is a word or a short phrase, already folded:

- the word as typed (accents, case, Arabic vowel marks and letter variants folded away);
- its stems in the languages written in that script (Snowball for en, fr, es, ru; a light
  prefix and suffix stemmer for Arabic), so that "vacunación" also looks for "vacun", and in
  the reader's languages that Snowball stems (a document is stemmed in its own language too,
  chosen by the primary subtag of its BCP 47 tag; a language without a stemmer is not stemmed).
  Snowball reads a word as written (lower-cased, accents kept: its Portuguese stemmer knows
  "-ações" and "-ação" only by their accents), and its stem is folded afterwards, so that
  "vacinações" and "Vacinação" share "vacin"; the Arabic stemmer reads folded letters;
- a correction from the indexed vocabulary when the word is not in it (one edit for words of
  four to seven letters, two from eight);
- every term of the health vocabulary (praxis.core.health_terms) that shares a concept with it,
  in all six languages ("guantes" also looks for "gloves", "gants", "قفاز", "手套").

Chinese has no spaces: a short run of Chinese characters is matched whole; in a longer one the
terms of the health vocabulary are words of their own (matched whole, with their synonyms), and
what lies between them is matched whole when short, by its overlapping pairs of characters when
long (see `chinese_words`).
"""

from __future__ import annotations

import functools
import hashlib
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import Stemmer  # PyStemmer: Snowball's stemmers in C
from django.core.cache import cache
from django.db import connection, transaction
from rapidfuzz import process
from rapidfuzz.distance import OSA

from praxis.core import fragments
from praxis.core.health_terms import CONCEPTS
from praxis.core.languages import primary_language
from praxis.core.patterns import client_pattern

MAX_QUERY_CHARS = 500
MAX_TERMS = 12
MAX_TERM_CHARS = 60
MIN_STEM_CHARS = 4
# Words this short outside Chinese ("de", "of", "и") are left out when longer ones are there.
SHORT_WORD = 2
# A run of Chinese characters up to this long is matched whole; a longer one by its pairs.
MAX_CJK_RUN = 4
CJK = client_pattern(r"[\x{3040}-\x{30ff}\x{3400}-\x{4dbf}\x{4e00}-\x{9fff}\x{f900}-\x{faff}]")
CJK_RUN = client_pattern(r"[\x{3040}-\x{30ff}\x{3400}-\x{4dbf}\x{4e00}-\x{9fff}\x{f900}-\x{faff}]+")
# A run of letters, marks (the vowel signs of Devanagari, Bengali, Tamil... are marks, not
# letters), digits or "_".
WORD = client_pattern(r"[\pL\pM\pN_]+")
ARABIC = client_pattern(r"[\x{0600}-\x{06ff}]")
CYRILLIC = client_pattern(r"[\x{0400}-\x{04ff}]")
TATWEEL = "\u0640"
# The vowels and signs that end Russian and Ukrainian words in most of their forms: without
# them a word keeps the stem its forms share ("гигиена", "гигиены", "гигиене": "гигиен"), where
# Snowball's Russian stemmer may cut deeper ("гиг") than a stem worth matching.
CYRILLIC_ENDINGS = "аеєёиіїйоуыьэюя"
VOCABULARY_CACHE_KEY = "search:vocabulary"
VOCABULARY_SECONDS = 600
# The version (praxis.core.fragments) under which search results are kept: what any change
# to anything searched replaces.
SEARCH_SCOPE = "search:results"
# The parts of the ecosystem a search reads, each with a version and a vocabulary of its own: a
# reply in a community leaves what the catalogue's part of a search found, and its words, kept.
PARTS = ("catalog", "events", "community", "partners")
# Arabic letters written more than one way: every alef with hamza or madda is read as a bare
# alef, taa marbuta as haa, alef maqsura as yaa.
ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
ARABIC_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
ARABIC_SUFFIXES = ("ات", "ون", "ين", "ان", "ها", "يه", "ه", "ي")
# Snowball's stemmers by the primary language subtag of the text's language tag; a language
# without one (Swahili, Bengali, Urdu, Chinese...) is matched by its words alone.
SNOWBALL = {
    "ca": "catalan", "cs": "czech", "da": "danish", "de": "german", "el": "greek",
    "en": "english", "eo": "esperanto", "es": "spanish", "et": "estonian", "eu": "basque",
    "fa": "persian", "fi": "finnish", "fr": "french", "ga": "irish", "hi": "hindi",
    "hu": "hungarian", "hy": "armenian", "id": "indonesian", "it": "italian",
    "lt": "lithuanian", "nb": "norwegian", "ne": "nepali", "nl": "dutch", "nn": "norwegian",
    "no": "norwegian", "pl": "polish", "pt": "portuguese", "ro": "romanian", "ru": "russian",
    "sr": "serbian", "st": "sesotho", "sv": "swedish", "ta": "tamil", "tr": "turkish",
    "yi": "yiddish",
}  # fmt: skip
# PostgreSQL's text-search configurations (those shipped since 9.x) by primary subtag; others
# are indexed with "simple" plus the stems above.
POSTGRES_CONFIGS = {
    "da": "danish", "de": "german", "en": "english", "es": "spanish", "fi": "finnish",
    "fr": "french", "hu": "hungarian", "it": "italian", "nb": "norwegian", "nl": "dutch",
    "no": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sv": "swedish",
    "tr": "turkish",
}  # fmt: skip
LATIN_LANGUAGES = ("en", "fr", "es")


# ASCII's control characters that are not white space: what folding drops of ASCII text.
_ASCII_DROPPED = {
    code: None for code in range(128) if not (chr(code).isprintable() or chr(code).isspace())
}


def fold(text: str) -> str:
    """Text for matching: no accents or Arabic vowel marks, Arabic letter variants made one,
    case folded, Cyrillic kept whole (й stays й so that Russian stemming still works)."""
    if text.isascii():
        # Nothing to decompose, combine or map: the same result, without a step per character
        # (SQLite folds every row's text of a table searched by substring).
        return text.translate(_ASCII_DROPPED).casefold()
    kept: list[str] = []
    base_is_cyrillic = False
    for char in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(char):
            if base_is_cyrillic:
                kept.append(char)
            continue
        base_is_cyrillic = "\u0400" <= char <= "\u04ff"
        if char != TATWEEL and (char.isprintable() or char.isspace()):
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)).casefold().translate(ARABIC_LETTERS)


def written_words(text: str) -> list[tuple[str, str]]:
    """Every word of a text as (folded, written) pairs, written meaning lower-cased with its
    accents kept, for stemmers that read them (see `stems`). A word that folding changes into
    more than one word (a ligature, a fraction) gives its folded words as written."""
    pairs: list[tuple[str, str]] = []
    for written in WORD.findall(unicodedata.normalize("NFC", text).lower()):
        folded = WORD.findall(fold(written))
        if len(folded) == 1:
            pairs.append((folded[0], written))
        else:
            pairs.extend((word, word) for word in folded)
    return pairs


def words(query: str) -> list[str]:
    """The distinct words of a query, folded; a run of Chinese characters gives its pairs;
    punctuation alone gives none."""
    found: list[str] = []
    for word in WORD.findall(fold(query[:MAX_QUERY_CHARS])):
        word = word[:MAX_TERM_CHARS]
        if CJK.search(word):
            for run in CJK_RUN.findall(word):
                found.extend(chinese_words(run))
            rest = CJK_RUN.sub(" ", word).split()
            found.extend(rest)
        else:
            found.append(word)
    return list(dict.fromkeys(found))[:MAX_TERMS]


def chinese_words(run: str) -> list[str]:
    """The words of a run of Chinese characters typed in a query: the terms of the health
    vocabulary in it, longest first from the left ("手卫生重要性" → "手卫生", "重要性"), so that
    each is matched whole and not by pairs that straddle two words ("生重"); what lies between
    them is matched whole up to MAX_CJK_RUN characters, and by its overlapping pairs beyond."""
    found: list[str] = []
    for segment, known in chinese_segments(run):
        found.extend([segment] if known else _unknown_chinese(segment))
    # A character left alone between terms is a particle ("和", "的"): not required.
    return [word for word in found if len(word) > 1] or found


def chinese_segments(run: str) -> list[tuple[str, bool]]:
    """A run of Chinese characters cut at the terms of the health vocabulary, longest first
    from the left: (segment, whether it is a term)."""
    known = _chinese_terms()
    found: list[tuple[str, bool]] = []
    start = index = 0
    while index < len(run):
        term = next(
            (run[index:end] for end in range(len(run), index + 1, -1) if run[index:end] in known),
            "",
        )
        if not term:
            index += 1
            continue
        if run[start:index]:
            found.append((run[start:index], False))
        found.append((term, True))
        index = start = index + len(term)
    if run[start:]:
        found.append((run[start:], False))
    return found


def _unknown_chinese(run: str) -> list[str]:
    if len(run) <= MAX_CJK_RUN:
        return [run] if run else []
    return [run[i : i + 2] for i in range(len(run) - 1)]


class _Stemmers(threading.local):
    # A PyStemmer stemmer is not to be shared between threads: each thread makes its own.
    def __init__(self) -> None:
        self.by_language: dict[str, Stemmer.Stemmer] = {}


_STEMMERS = _Stemmers()


def _stemmer(language: str) -> Stemmer.Stemmer:
    stemmers = _STEMMERS.by_language
    if language not in stemmers:
        # No cache of its own (10,000 words by default): `stems` keeps what it finds.
        stemmers[language] = Stemmer.Stemmer(SNOWBALL[language], 0)
    return stemmers[language]


def _arabic_stem(word: str) -> str:
    for prefix in ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix) :]
            break
    for suffix in ARABIC_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def stemming_language(tag: str) -> str:
    """The key of `SNOWBALL` that stems text in the language of BCP 47 `tag` (by its primary
    subtag: "pt-BR" → "pt"), or "" when there is no stemmer for it (then no stemming)."""
    primary = primary_language(tag)
    return primary if primary in SNOWBALL else ""


def postgres_config(tag: str) -> str:
    """PostgreSQL's text-search configuration for text in `tag`; "simple" when none fits."""
    return POSTGRES_CONFIGS.get(primary_language(tag), "simple")


@functools.lru_cache(maxsize=50_000)
def stems(word: str, languages: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The folded forms of `word` that stand for its family, in the languages of its script,
    and in `languages` (stemming-language keys, see `stemming_language`) when their stemmers
    apply. `word` is best given as written (accents kept): Snowball stems it so, and its stems
    are then folded; a folded word is stemmed as it stands."""
    folded = fold(word)
    own = tuple(language for language in languages if language)
    if ARABIC.search(folded):
        # Arabic script is stemmed folded: the light stemmer's prefixes and suffixes are spelt
        # with folded letters, and vowel marks are rarely written.
        found = [_arabic_stem(folded), *(_stemmer(language).stemWord(folded) for language in own)]
    elif CJK.search(folded) or not folded.isalpha():
        return ()
    else:
        written = unicodedata.normalize("NFC", word).lower()
        cyrillic = bool(CYRILLIC.search(folded))
        script = ("ru",) if cyrillic else LATIN_LANGUAGES
        found = [fold(_stemmer(language).stemWord(written)) for language in (*script, *own)]
        if cyrillic:
            found.append(folded.rstrip(CYRILLIC_ENDINGS))
    return tuple(s for s in dict.fromkeys(found) if s != folded and len(s) >= MIN_STEM_CHARS)


def document_stems(text: str, language: str = "") -> str:
    """The folded stems of a text's words, for indexes that match whole words (PostgreSQL's):
    those of the languages of each word's script, and of the text's own `language` (a BCP 47
    tag) when it has a stemmer. `text` is given as written, not folded (see `stems`)."""
    own = (stemming_language(language),) if stemming_language(language) else ()
    # Each distinct word once; `stems` folds it and its stems (and remembers them).
    written = dict.fromkeys(WORD.findall(unicodedata.normalize("NFC", text).lower()))
    return " ".join(dict.fromkeys(s for word in written for s in stems(word, own)))


def chinese_terms(text: str) -> str:
    """Every run of one to MAX_CJK_RUN characters inside the Chinese runs of a text, folded,
    for indexes that match whole words (PostgreSQL's), in which a Chinese term of the query is
    then a word (see praxis.core.text_index.postgres_condition)."""
    return " ".join(
        dict.fromkeys(
            run[start : start + length]
            for run in CJK_RUN.findall(fold(text))
            for length in range(1, MAX_CJK_RUN + 1)
            for start in range(len(run) - length + 1)
        )
    )


def words_of(text: str) -> list[str]:
    """Every folded word of a text (no limit on how many)."""
    return WORD.findall(fold(text))


def allowed_edits(word: str) -> int:
    """How many typing mistakes (a letter missing, extra, wrong, or two swapped) a word may
    have and still be recognised: none below four letters, one up to seven, two from eight."""
    if CJK.search(word) or len(word) < 4:  # the thresholds are the rule itself
        return 0
    return 1 if len(word) <= 7 else 2


@dataclass(frozen=True)
class Vocabulary:
    """The words of everything indexed, with how often each occurs."""

    counts: Mapping[str, int]
    stems: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, texts: Iterable[str]) -> Vocabulary:
        # Each distinct run between spaces is folded and split once, however often it occurs:
        # titles repeat their words, and folding character by character is what costs. No word
        # spans a space, and folding keeps spaces as they are, so the words are the same.
        tokens = Counter(token for text in texts for token in text.split())
        counts: dict[str, int] = {}
        for token, seen in tokens.items():
            for word in words_of(token):
                if not word.isdigit():
                    counts[word] = counts.get(word, 0) + seen
        return cls(counts, frozenset(s for word in counts for s in (word, *stems(word))))

    @classmethod
    def merged(cls, parts: Iterable[Vocabulary]) -> Vocabulary:
        """The vocabulary of every text of `parts` together: each word's counts added."""
        parts = list(parts)
        counts: Counter[str] = Counter()
        for part in parts:
            counts.update(part.counts)
        return cls(dict(counts), frozenset().union(*(part.stems for part in parts)))

    def knows(self, word: str) -> bool:
        return word in self.counts or any(stem in self.stems for stem in stems(word))

    def correction(self, word: str) -> str | None:
        """The likeliest indexed word `word` is a misspelling of, or None."""
        edits = allowed_edits(word)
        if not edits or self.knows(word) or word in _lexicon_words():
            return None
        near = process.extract(
            word, self.counts.keys(), scorer=OSA.distance, score_cutoff=edits, limit=10
        )
        if not near:
            return None
        best = min(near, key=lambda match: (match[1], -self.counts[match[0]], match[0]))
        return str(best[0])


@dataclass(frozen=True)
class Query:
    """A query read for matching: groups of alternatives, and the corrected text to suggest."""

    groups: list[list[str]]
    suggestion: str = ""
    # Runs of Chinese characters typed that are matched as several words: a text holding one
    # whole scores higher than one holding its words apart (see text_index).
    phrases: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.groups


@functools.cache
def _concepts() -> list[list[str]]:
    return [[fold(term) for terms in concept.values() for term in terms] for concept in CONCEPTS]


@functools.cache
def _chinese_terms() -> frozenset[str]:
    """The terms of the health vocabulary written in Chinese characters alone, of two or more."""
    return frozenset(
        term
        for concept in _concepts()
        for term in concept
        if len(term) > 1 and all(CJK.search(char) for char in term)
    )


@functools.cache
def _lexicon_words() -> frozenset[str]:
    return frozenset(word for concept in _concepts() for term in concept for word in term.split())


@functools.cache
def _lexicon_index() -> dict[tuple[str, ...], list[str]]:
    index: dict[tuple[str, ...], list[str]] = {}
    for concept in _concepts():
        for term in concept:
            index.setdefault(_key(term), []).extend(concept)
    return index


def _related(phrase: str) -> list[str]:
    """Every term sharing a concept with `phrase` (a folded word or words)."""
    return _lexicon_index().get(_key(phrase), [])


def _key(phrase: str) -> tuple[str, ...]:
    # Terms compare by their stems, so that "vaccines" meets "vaccine" and "guante" "guantes",
    # and without short words, so that "lavado manos" meets "lavado de manos".
    return tuple(
        min([word, *stems(word)], key=len)
        for word in phrase.split()
        if len(word) > SHORT_WORD or CJK.search(word)
    )


def terms_of(
    significant: list[str], corrections: Mapping[str, str]
) -> Iterator[tuple[int, int, list[str]]]:
    """The query's words taken in turn as (start, end, related terms): the longest run of words
    from each start that is a term of the health vocabulary (with the terms sharing its
    concept), else the word alone (with those of its own concept, if any)."""
    index = 0
    while index < len(significant):
        for end in range(min(len(significant), index + 4), index, -1):
            related = _related(" ".join(corrections.get(w, w) for w in significant[index:end]))
            if related:
                break
        else:
            end, related = index + 1, []
        yield index, end, related
        index = end


def read(query: str, vocabulary: Vocabulary | None = None, languages: Iterable[str] = ()) -> Query:
    """`query` as groups of alternatives (see the module's docstring). Words of one or two
    letters outside Chinese are left out when longer words are there to match. Words are also
    stemmed in the reader's `languages` (BCP 47 tags) that have a stemmer, as documents are
    in their own language: a Portuguese reader's "vacinação" finds a Portuguese course."""
    tags = [languages] if isinstance(languages, str) else list(languages)
    own = tuple(dict.fromkeys(k for k in map(stemming_language, tags) if k))
    typed = words(query)
    # Each folded word as it was written, for the stemmers (the first spelling of several).
    written: dict[str, str] = {}
    for folded, spelling in written_words(query[:MAX_QUERY_CHARS]):
        written.setdefault(folded, spelling)
    significant = [w for w in typed if len(w) > SHORT_WORD or CJK.search(w)] or typed
    corrections = {
        word: fix
        for word in significant
        if vocabulary is not None and (fix := vocabulary.correction(word))
    }

    def forms(word: str) -> list[str]:
        fixed = corrections.get(word)
        found = [word, *stems(written.get(word, word), own)]
        return [*found, fixed, *stems(fixed, own)] if fixed else found

    groups: list[list[str]] = []
    for index, end, related in terms_of(significant, corrections):
        if end - index > 1:
            # The term whole, or each of its words in any of their forms: (term OR (a AND b))
            # written as (term OR a) AND (term OR b). A term is looked up as the vocabulary
            # writes it; in an inflected language a text holds it in another form ("гигиены
            # рук" for "гигиена рук"), which its words' stems still find.
            terms = [" ".join(significant[index:end]), *related]
            for word in significant[index:end]:
                groups.append(list(dict.fromkeys([*terms, *forms(word)])))
        else:
            groups.append(list(dict.fromkeys([*forms(significant[index]), *related])))
    suggestion = ""
    if corrections:
        suggestion = " ".join(corrections.get(w, w) for w in typed)
    phrases = [
        run
        for run in dict.fromkeys(CJK_RUN.findall(fold(query[:MAX_QUERY_CHARS])))
        if len(chinese_words(run)) > 1
    ]
    return Query(groups, suggestion, phrases)


def database_identity() -> str:
    """The database this process reads, as part of a cache key: processes serving different
    databases (a test run, a benchmark) may share one cache, and each must read its own."""
    database = f"{connection.vendor}:{connection.settings_dict.get('NAME') or ''}"
    return hashlib.sha256(database.encode()).hexdigest()[:16]


def _vocabulary_key(part: str) -> str:
    return f"{VOCABULARY_CACHE_KEY}:{database_identity()}:{part}"


def cached_vocabulary(part: str, texts: Callable[[], Iterable[str]]) -> Vocabulary:
    """The vocabulary of `texts`, the words of one of PARTS, kept in the cache until that part
    changes."""
    key = _vocabulary_key(part)
    found: Vocabulary | None = cache.get(key)
    if found is None:
        found = Vocabulary.of(texts())
        cache.set(key, found, VOCABULARY_SECONDS)
    return found


def forget_vocabularies(*parts: str) -> None:
    """Read the vocabularies of `parts` (every part when none is named) afresh when next asked."""
    cache.delete_many([_vocabulary_key(part) for part in parts or PARTS])


def part_scope(part: str) -> str:
    """The version under which what a search found in `part` (one of PARTS) is kept."""
    return f"{SEARCH_SCOPE}:{part}"


def searched_changed(part: str) -> None:
    """Something a search finds or shows in `part` (one of PARTS) changed: what searches found
    there, and every combined result, are found afresh on every next search."""
    fragments.changed(part_scope(part))
    fragments.changed(SEARCH_SCOPE)


def index_changed(part: str) -> None:
    """The index of `part` gained, changed or lost an item: its vocabulary is read afresh once
    the transaction commits, and kept results at once."""
    searched_changed(part)
    transaction.on_commit(lambda: forget_vocabularies(part))

"""Check-worthiness: how likely a sentence is a checkable factual claim, in pure Python.

A logistic regression over sparse, mostly topic-free features: each word is mapped to a word
class (numbers, years, statistics words, attribution verbs, opinion words, greetings, function
words kept as themselves, other words reduced to a shape such as ``ED`` or ``CAP``), and the
model sees the n-grams of that masked sentence next to the words, word pairs and the character
n-grams inside each word, and a few sentence-level cues (tense, modality, person, negation,
numbers, names, attribution) with their pairs. Masked n-grams and cues carry across debates and
topics where the words alone do not. The score is a calibrated probability. Weights come from
``data/checkworthiness.json``, written by ``python -m claims.extraction.train_checkworthiness``.

Scoring builds no feature strings: everything that depends on one token alone is summed once per
distinct token and cached, the tokens of each whitespace-separated chunk of text are cached too,
and the n-grams are looked up by integer keys (see ``_LinearModel``).
"""

from __future__ import annotations

import gc
import json
import math
import re
from functools import cache
from itertools import chain, pairwise, repeat
from pathlib import Path
from typing import cast

MODEL_PATH = Path(__file__).parent / "data" / "checkworthiness.json"

# Bumped whenever sentence_features() changes, so a stale model file fails loudly.
FEATURE_VERSION = 6

# Scores are calibrated probabilities; this is the cut, picked by the training command on whole
# debates held out of training to maximise F1, that the model file records as its "threshold" (a
# test keeps the two equal). It sits below 0.5 because "Yes" is the rarer class: at the cut that
# maximises F1 a calibrated score is about half that F1.
CHECKWORTHY_THRESHOLD = 0.296

# Words first, as most tokens are, and possessive quantifiers, since no match ever backtracks
# into one: a fifth fewer instructions in the matching than with the same tokens from
# ``\d+(?:[.,:]\d+)*|[A-Za-z]+(?:'[A-Za-z]+)?|n't|[$%?!"]`` (whose ``n't`` never fired: the
# word branch matches it first).
_TOKEN_RE = re.compile(r"[A-Za-z]++(?:'[A-Za-z]++)?+|\d++(?:[.,:]\d++)*+|[$%?!\"]")

# Words kept as themselves in the masked sentence: they say how something is stated
# (tense, person, modality, negation, comparison), not what it is about.
_FUNCTION_WORDS_TEXT = """
    a an the this that these those there here it its it's they them their theirs he him his she
    her hers i me my mine myself we us our ours you your yours yourself who whom whose which what
    when where why how and or but nor so yet if then than because as while although though since
    until unless whether of in on at by for with about against between into through during before
    after above below to from up down out off over under again further once all any both each few
    more most other some such no not only own same too very just can will would should could might
    may must shall do does did done doing have has had having be is are was were been being am
    n't don't didn't doesn't won't wouldn't can't couldn't isn't aren't wasn't weren't haven't
    hasn't hadn't shouldn't i'm i've i'll i'd we're we've we'll we'd you're you've you'll you'd
    he's she's they're they've they'll that's there's what's let's also even still ever never
    always now today yesterday tomorrow ago last next first second every many much less least fewer
"""
_FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())

# Small hand-made word classes: the cues of a checkable statement (quantities, statistics,
# attributions, dates) and of an uncheckable one (opinions, courtesies).
_WORD_CLASSES = {
    "NUMW": """zero one two three four five six seven eight nine ten eleven twelve thirteen
        fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
        seventy eighty ninety hundred hundreds thousand thousands million millions billion
        billions trillion trillions dozen dozens half third quarter twice double triple tripled
        doubled""",
    "STAT": """percent percentage rate rates average median majority record number numbers total
        figure figures statistics data per ratio share increase increased decrease decreased rose
        risen fell fallen grew grown dropped declined cut cuts lost gained created""",
    "SAY": """said says say saying told tell tells reported reports stated claimed claims
        announced voted vote votes wrote testified admitted according called signed passed""",
    "OPIN": """think believe feel hope want wish guess suppose sure agree disagree opinion love
        like great wonderful terrible horrible best worst""",
    "GREET": """thank thanks welcome hello hi evening morning congratulations appreciate pleasure
        applause laughter okay ok yes yeah well please""",
    "MONTH": """january february march april may june july august september october november
        december""",
    "TIME": "year years month months week weeks day days decade decades century",
    # Irregular past tenses (regular ones get the ``ED`` shape), the actors and the acts of
    # politics: a past event with a named actor is the shape of a checkable claim in any debate.
    "PAST": """went made got took came gave found knew became left brought began kept held stood
        heard meant met ran paid spent sold bought fought taught caught won led built sent
        spoke""",
    "ACTOR": """president senator governor congress senate administration government opponent
        republicans democrats republican democrat party congressman secretary vice""",
    "LAW": "bill law act legislation plan program amendment treaty",
}
_CLASS_OF_WORD = {word: cls for cls, words in _WORD_CLASSES.items() for word in words.split()}

# Sentence-level cues, one bit each, that no n-gram sees when the words are far apart: tense and
# aspect, modality, person, negation, numbers, names, attribution, condition, question, opinion.
# Their pairs are features too ("s:first&past" for "I never took money from them", "s:first&modal"
# for a promise, "s:cond&modal" for a hypothetical), so what is said is told from how it is said
# on any topic.
_FLAG_NAMES = (
    "past",
    "perf",
    "modal",
    "first",
    "third",
    "neg",
    "num",
    "name",
    "say",
    "cond",
    "quest",
    "opin",
)
_FLAG_BIT = {name: 1 << index for index, name in enumerate(_FLAG_NAMES)}
_FLAG_WORDS = {
    "past": "was were did had been didn't wasn't weren't hadn't ago yesterday",
    "perf": "have has haven't hasn't i've we've they've you've",
    "modal": """will would should could might must shall won't wouldn't shouldn't couldn't
        i'll we'll you'll he'll she'll they'll i'd we'd you'd""",
    "first": "i me my mine myself we us our ours i'm i've i'll i'd we're we've we'll we'd",
    "third": """he him his she her hers they them their theirs he's she's they're they've
        they'll""",
    "neg": """not never no nor don't didn't doesn't won't wouldn't can't couldn't isn't aren't
        wasn't weren't haven't hasn't hadn't shouldn't""",
    "cond": "if unless whether",
    "quest": "?",
}
_FLAGS_OF_WORD: dict[str, int] = {}
for _name, _words in _FLAG_WORDS.items():
    for _word in _words.split():
        _FLAGS_OF_WORD[_word] = _FLAGS_OF_WORD.get(_word, 0) | _FLAG_BIT[_name]
_FLAGS_OF_CLASS = {
    "ED": _FLAG_BIT["past"],
    "PAST": _FLAG_BIT["past"],
    "NUM": _FLAG_BIT["num"],
    "YEAR": _FLAG_BIT["num"],
    "$": _FLAG_BIT["num"],
    "%": _FLAG_BIT["num"],
    "CAP": _FLAG_BIT["name"],
    "SAY": _FLAG_BIT["say"],
    "OPIN": _FLAG_BIT["opin"],
}

# Suffix shapes for the remaining content words: a rough part of speech without a tagger.
_SUFFIX_SHAPES = (("ed", "ED"), ("ing", "ING"), ("ly", "LY"), ("est", "EST"), ("er", "ER"))

# Token -> word class. Bounded so a long-running worker does not grow it without limit.
_class_cache: dict[str, str] = {}
_CLASS_CACHE_LIMIT = 200_000


def _classify(token: str) -> str:
    if token[0].isdigit():
        return "YEAR" if len(token) == 4 and token[:2] in ("19", "20") else "NUM"
    low = token.lower()
    cls = _CLASS_OF_WORD.get(low)
    if cls is not None:
        return cls
    if low in _FUNCTION_WORDS or not token[0].isalpha():
        return low
    if token[0].isupper():
        return "CAP"
    for suffix, shape in _SUFFIX_SHAPES:
        if low.endswith(suffix):
            return shape
    return "S" if low.endswith("s") else "W"


def _token_flags(low: str, cls: str) -> int:
    return _FLAGS_OF_WORD.get(low, 0) | _FLAGS_OF_CLASS.get(cls, 0)


@cache
def _flag_features(flags: int) -> tuple[str, ...]:
    """The sentence-level features of a set of flags: each flag, and each pair of them."""
    names = [name for name in _FLAG_NAMES if flags & _FLAG_BIT[name]]
    pairs = [a + "&" + b for index, a in enumerate(names) for b in names[index + 1 :]]
    return tuple("s:" + name for name in (*names, *pairs))


def _split_tokens(sentence: str) -> list[str]:
    # Typographic quotes as the plain ones of the training data. Four replace() calls cost a
    # twentieth of one str.translate() here.
    plain = sentence.replace("\u2019", "'").replace("\u2018", "'")
    return _TOKEN_RE.findall(plain.replace("\u201c", '"').replace("\u201d", '"'))


def _word_class(token: str) -> str:
    cls = _class_cache.get(token)
    if cls is None:
        if len(_class_cache) >= _CLASS_CACHE_LIMIT:
            _class_cache.clear()
        cls = _class_cache[token] = _classify(token)
    return cls


def sentence_features(sentence: str) -> list[str]:
    """The sparse features the model scores, one string per occurrence (repeats count)."""
    tokens = _split_tokens(sentence)
    if not tokens:
        return ["len:0"]
    lows = [token.lower() for token in tokens]
    # A capital at the start of a sentence says nothing about names: classify it lower-cased.
    classes = [_word_class(lows[0]), *map(_word_class, tokens[1:])]
    masked = ["<s>", *classes, "</s>"]
    features = [*lows]
    features += [a + " " + b for a, b in pairwise(lows)]
    features += ["m:" + c for c in classes]
    features += ["m:" + a + " " + b for a, b in pairwise(masked)]
    features += [
        "m:" + a + " " + b + " " + c
        for a, b, c in zip(masked, masked[1:], masked[2:], strict=False)
    ]
    for low in lows:
        features += _char_grams(low)
    flags = 0
    for low, cls in zip(lows, classes, strict=True):
        flags |= _token_flags(low, cls)
    features += _flag_features(flags)
    features.append("len:" + str(min(len(tokens) // 4, 10)))
    return features


def _char_grams(low: str) -> list[str]:
    # Character 4-grams inside each word (spaces mark its ends) share evidence between
    # the forms of a word ("tax", "taxes", "taxed") and between words of a family.
    return ["c:" + gram for gram in _bare_char_grams(low)]


def _bare_char_grams(low: str) -> list[str]:
    # One size, 4, written out: a loop over a tuple of sizes doubled the cost of a new token.
    padded = " " + low + " "
    return [padded[i : i + 4] for i in range(len(padded) - 3)]


# A cached token, see _LinearModel._token.
_TokenInfo = tuple[
    int, int, float, int, int, tuple[float, ...], tuple[tuple[float, ...], ...], dict[int, float]
]


class _LinearModel:
    """The weights of ``sentence_features`` rearranged so that scoring builds no strings.

    Words and word classes get integer ids. Each cached token carries, besides its own summed
    weight, the rows of weights of the n-grams it may start: one indexed by the next class id
    (masked pairs), one of such rows by the next two (masked triples) and a dict of the word
    pairs it starts, keyed by the next word's id. One loop over a sentence's tokens then sums
    its masked n-grams by indexing those rows, without hashing a key, and its word pairs with a
    look-up of one integer: far less than joining strings for every n-gram. Compiled (see
    native.py), that loop costs a third less than summing ``map(getitem, ...)`` columns of the
    tokens; as plain Python about the same.

    A token never spans whitespace, so the tokens of a sentence are those of its chunks
    (``str.split()``); the cached tokens of each chunk spare the regex and a look-up per token:
    a third fewer instructions per sentence.
    """

    def __init__(self, weights: dict[str, float], bias: float, meta: dict | None = None) -> None:
        self.bias = bias
        self.meta = meta or {}
        self.words: dict[str, float] = {}
        word_pairs: dict[tuple[str, str], float] = {}
        self.lengths: dict[str, float] = {}
        self.chars: dict[str, float] = {}
        self.sentence_flags: dict[str, float] = {}
        masked: dict[tuple[str, ...], float] = {}
        for feature, weight in weights.items():
            if feature.startswith("m:"):
                masked[tuple(feature[2:].split(" "))] = weight
            elif feature.startswith("len:"):
                self.lengths[feature] = weight
            elif feature.startswith("s:"):
                self.sentence_flags[feature] = weight
            elif feature.startswith("c:"):
                # Stored without the prefix: building "c:" strings per new token is costly.
                self.chars[feature[2:]] = weight
            elif " " in feature:
                first, second = feature.split(" ")
                word_pairs[first, second] = weight
            else:
                self.words[feature] = weight
        # Id 0 stands for a class (or word) the model has no n-gram weight for, so no key built
        # with it equals a key of the model.
        names = sorted({name for gram in masked for name in gram})
        self.class_ids = {name: index for index, name in enumerate(names, start=1)}
        self.masked_grams: tuple[dict[tuple[int, ...], float], ...] = ({}, {}, {})
        for gram, weight in masked.items():
            key = tuple(map(self.class_ids.__getitem__, gram))
            self.masked_grams[len(gram) - 1][key] = weight
        paired = sorted({word for pair in word_pairs for word in pair})
        self.pair_ids = {word: index for index, word in enumerate(paired, start=1)}
        self.word_pairs = {
            (self.pair_ids[first], self.pair_ids[second]): weight
            for (first, second), weight in word_pairs.items()
        }
        pairs_after: dict[int, dict[int, float]] = {}
        for (first_id, second_id), pair_weight in self.word_pairs.items():
            pairs_after.setdefault(first_id, {})[second_id] = pair_weight
        self._pairs_after = pairs_after
        self.bos, self.eos = self.class_ids.get("<s>", 0), self.class_ids.get("</s>", 0)
        self._length_weights = tuple(
            self.lengths.get(f"len:{size}", 0.0) for size in range(_MAX_LENGTH_BUCKET + 1)
        )
        # Summed weight and count of the sentence-level features, per set of flags, on demand.
        self._flag_sums: dict[int, tuple[float, int]] = {}
        self._build_rows()
        self._reset_chunks()
        # The start and the end of a sentence as tokens that weigh 0.0 and start no word pair,
        # so that the masked n-grams of a sentence are those of its tokens with these two
        # around them.
        self._start = (0, self.bos, 0.0, 0, 0, *self._rows(self.bos), _NO_PAIRS)
        self._end = (0, self.eos, 0.0, 0, 0, *self._rows(self.eos), _NO_PAIRS)
        # The frequent words of the model (those it also pairs), lower-cased as inside a
        # sentence, summed up front: in news 69% of them turn up within the first 100 articles
        # and 84% within 330, and summing one up front costs 0.7 of summing it on first sight
        # (instructions), so the first hundred articles get back what loading spends. The
        # other words (49% and 73%) and capitalised forms (19% and 30%) would not pay.
        self._tokens: dict[str, _TokenInfo] = {
            word: self._token_info(word) for word in self.words if word in self.pair_ids
        }

    def _build_rows(self) -> None:
        # Dense rows over the 200-odd class ids: 0.0 where the model has no weight, which sums
        # exactly as the 0.0 a dict look-up would default to. Triples share one row of zeros
        # for the pairs that start no triple of the model (about 8 MB in all). Tuples, because
        # the garbage collector stops tracking a tuple of numbers and then the cached tokens
        # that hold it: with lists (or a dict per word for the word pairs), a full collection
        # walked 51,000 objects instead of 13,000 and took 11 ms instead of 1.
        size = len(self.class_ids) + 1
        after_class = [[0.0] * size for _ in range(size)]
        for (first, second), weight in self.masked_grams[1].items():
            after_class[first][second] = weight
        self._after_class = tuple(map(tuple, after_class))
        triples: dict[tuple[int, int], list[tuple[int, float]]] = {}
        for (first, second, third), weight in self.masked_grams[2].items():
            triples.setdefault((first, second), []).append((third, weight))
        zeros = (0.0,) * size
        after_two = [[zeros] * size for _ in range(size)]
        for (first, second), weights in triples.items():
            row = [0.0] * size  # one list at a time: all of them at once doubled the peak RSS
            for third, weight in weights:
                row[third] = weight
            after_two[first][second] = tuple(row)
        self._after_two = tuple(map(tuple, after_two))

    def _rows(self, class_id: int) -> tuple[tuple[float, ...], tuple[tuple[float, ...], ...]]:
        return self._after_class[class_id], self._after_two[class_id]

    def _reset_chunks(self) -> None:
        # Chunk of text -> its cached tokens. The first chunk of a sentence apart, as its
        # first token is lower-cased: a capital there says nothing about names.
        self._chunks: dict[str, tuple[_TokenInfo, ...]] = {}
        self._first_chunks: dict[str, tuple[_TokenInfo, ...]] = {}

    def _chunk(self, chunk: str, *, first: bool) -> tuple[_TokenInfo, ...]:
        # A chunk that is a token seen before, as most words are, is that token alone: no regex
        # (a first sight of news330 cost a sixth more than scoring without chunks before). Not
        # for a capital that lower-cases to ASCII letters (the Kelvin sign to "k").
        if not first:
            info = self._tokens.get(chunk)
            if info is not None:
                return (info,)
        elif chunk.isascii():
            info = self._tokens.get(chunk.lower())
            if info is not None:
                return (info,)
        tokens = _split_tokens(chunk)
        if first and tokens:
            tokens[0] = tokens[0].lower()
        return tuple(map(self._token, tokens))

    def _sentence_tokens(self, chunks: list[str]) -> list[_TokenInfo]:
        """The tokens of a sentence with a chunk not seen before, its chunks cached."""
        if len(self._chunks) >= _CHUNK_CACHE_LIMIT:
            self._reset_chunks()
        infos: list[_TokenInfo] = []
        seen = 0
        for chunk in chunks:  # up to the chunk with the first token
            seen += 1
            part = self._first_chunks.get(chunk)
            if part is None:
                part = self._chunk(chunk, first=True)
                # Only a chunk with a token: decision() takes the first cached chunk to hold
                # the sentence's first token ("- The ..." comes here every time).
                if part:
                    self._first_chunks[chunk] = part
            if part:
                infos.extend(part)
                break
        else:
            return infos
        # The chunks seen before with a look-up each, as in decision(); a loop only for the
        # others, as a loop over every chunk cost a tenth more on a first sight of news330.
        rest = chunks[seen:]
        parts: list[tuple[_TokenInfo, ...] | None] = list(map(self._chunks.get, rest))
        if None in parts:
            for position, part in enumerate(parts):
                if part is None:
                    chunk = rest[position]
                    parts[position] = self._chunks[chunk] = self._chunk(chunk, first=False)
        infos.extend(chain.from_iterable(cast(list[tuple[_TokenInfo, ...]], parts)))
        return infos

    def _token(self, token: str) -> _TokenInfo:
        """(word id, class id, summed weight and count of the token's own features, and the
        rows of what may follow it, see the class docstring), cached.

        A token's own features are its word, its class and its character n-grams.
        """
        info = self._tokens.get(token)
        if info is None:
            if len(self._tokens) >= _CLASS_CACHE_LIMIT:
                self._tokens.clear()
            info = self._tokens[token] = self._token_info(token)
        return info

    def _token_info(self, token: str) -> _TokenInfo:
        low = token.lower()
        # _classify, not the cached _word_class: this result is cached here already.
        cls = _classify(token)
        class_id = self.class_ids.get(cls, 0)
        grams = _bare_char_grams(low)
        weight = self.words.get(low, 0.0) + self.masked_grams[0].get((class_id,), 0.0)
        weight += sum(map(self.chars.get, grams, _ZEROS))
        word_id = self.pair_ids.get(low, 0)
        return (
            word_id,
            class_id,
            weight,
            2 + len(grams),
            _token_flags(low, cls),
            *self._rows(class_id),
            self._pairs_after.get(word_id, _NO_PAIRS),
        )

    def decision(self, sentence: str) -> float:
        """Equals the weights summed over ``sentence_features(sentence)``, scaled, plus bias."""
        chunks = sentence.split()
        try:
            infos = [
                self._start,
                *self._first_chunks[chunks[0]],
                *chain.from_iterable(map(self._chunks.__getitem__, chunks[1:])),
                self._end,
            ]
        except (KeyError, IndexError):  # a chunk not seen before, or no chunk at all
            infos = [self._start, *self._sentence_tokens(chunks), self._end]
        length = len(infos) - 2
        if not length:
            return self._length_weights[0] + self.bias
        # One pass over the tokens, each sum in sentence order as sentence_features lists the
        # n-grams: the tokens' own weights, pairs of words, the masked pairs (<s> c1, c1 c2, ...,
        # cn </s>) and the masked triples. The 0.0 that the start and the end weigh, and their
        # missing word pairs, leave each sum as it was: x + 0.0 is x.
        weight_sum = pair_sum = class_sum = triple_sum = 0.0
        count_sum = flag_bits = 0
        last = len(infos) - 1
        for position in range(last + 1):
            info = infos[position]
            weight_sum += info[2]
            count_sum += info[3]
            flag_bits |= info[4]
            if position < last:
                following = infos[position + 1]
                pair_sum += info[7].get(following[0], 0.0)
                class_sum += info[5][following[1]]
                if position < last - 1:
                    triple_sum += info[6][following[1]][infos[position + 2][1]]
        flag_weight, flag_count = self._flag_sum(flag_bits)
        z = (
            weight_sum
            + flag_weight
            + self._length_weights[min(length // 4, _MAX_LENGTH_BUCKET)]
            + pair_sum
            + class_sum
            + triple_sum
        )
        # Besides each token's own features, n - 1 word pairs, n + 1 masked pairs, n masked
        # triples, the length and the sentence's flags: rows are scaled by 1/sqrt(feature
        # count), as in training.
        count = count_sum + 3 * length + 1 + flag_count
        return z / math.sqrt(count) + self.bias

    def _flag_sum(self, flags: int) -> tuple[float, int]:
        summed = self._flag_sums.get(flags)
        if summed is None:
            features = _flag_features(flags)
            weight = sum(self.sentence_flags.get(feature, 0.0) for feature in features)
            summed = self._flag_sums[flags] = (weight, len(features))
        return summed


_ZEROS = repeat(0.0)
_NO_PAIRS: dict[int, float] = {}
_MAX_LENGTH_BUCKET = 10
# Chunks cached with their tokens: a key of some 60 bytes and a tuple each, 20 MB at most.
_CHUNK_CACHE_LIMIT = 100_000


@cache
def _model() -> _LinearModel:
    with MODEL_PATH.open(encoding="utf-8") as f:
        model = json.load(f)
    if model["feature_version"] != FEATURE_VERSION:
        raise RuntimeError(
            f"{MODEL_PATH.name} was trained for features v{model['feature_version']}, code is "
            f"v{FEATURE_VERSION}: run python -m claims.extraction.train_checkworthiness"
        )
    # The build makes some 10,000 lists, dicts and tuples and no cycle: without the pause, the
    # collector walked every object of the process several times over and doubled the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _LinearModel(model["weights"], model["bias"], model["meta"])
    finally:
        if collecting:
            gc.enable()


def model_meta() -> dict:
    """Where the shipped model comes from: data origin, licence, parameters, held-out scores."""
    return _model().meta


def _sigmoid(z: float) -> float:
    # Two branches so that large |z| never overflows math.exp.
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def score_checkworthiness(sentences: list[str]) -> list[float]:
    """Scores in 0..1, one per sentence; ``>= CHECKWORTHY_THRESHOLD`` means check-worthy."""
    decision = _model().decision
    return [_sigmoid(decision(sentence)) for sentence in sentences]

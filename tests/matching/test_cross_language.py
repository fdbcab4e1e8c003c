"""A claim in Ukrainian or Russian finds the English fact-check, and the reverse. The paraphrases
were written for these tests; none repeats the English wording word for word."""

import pytest

from claims.matching import MatchIndex, passage_vectors

UKRAINIAN_AND_RUSSIAN = [
    (
        "5g-covid",
        "Вежі мобільного зв'язку 5G поширюють коронавірус, від якого хворіють на COVID-19.",
    ),
    ("5g-covid", "Вышки связи 5G распространяют коронавирус и вызывают COVID-19."),
    ("vaccine-microchips", "У вакцинах від ковіду є мікрочіпи, щоб уряд міг стежити за людьми."),
    ("vaccine-microchips", "В прививках от COVID-19 спрятаны микрочипы для слежки за населением."),
    ("zelensky-yacht", "Зеленський купив дві розкішні яхти за гроші американської допомоги."),
    ("zelensky-yacht", "Зеленский приобрёл две роскошные яхты на деньги помощи из США."),
    ("bleach-cure", "Якщо випити трохи відбілювача, можна вилікуватися від коронавірусу."),
    ("biolabs", "Сполучені Штати мають в Україні таємні лабораторії біологічної зброї."),
    ("biolabs", "США держат на Украине секретные лаборатории по созданию биологического оружия."),
    ("moon-landing", "Высадку на Луну в 1969 году на самом деле сняли в голливудской студии."),
    ("pension-cut", "Уряд з наступного січня вдвічі скоротить усі державні пенсії."),
    (
        "grain-deal",
        "Россия остановила вывоз зерна из Одессы, потому что Украина заминировала порт.",
    ),
]


@pytest.mark.parametrize(("key", "claim"), UKRAINIAN_AND_RUSSIAN)
def test_a_ukrainian_or_russian_claim_finds_the_english_fact_check(factcheck_index, key, claim):
    assert factcheck_index.search(claim, k=3)[0].key == key


@pytest.mark.parametrize(("key", "claim"), UKRAINIAN_AND_RUSSIAN)
def test_an_english_claim_finds_the_ukrainian_or_russian_one(key, claim):
    from tests.matching.factchecks import FACTCHECKS

    others = [(k, c) for k, c in UKRAINIAN_AND_RUSSIAN if k != key]
    texts = [claim] + [c for _, c in others]
    index = MatchIndex()
    index.add_many(
        (name, text, vector)
        for name, text, vector in zip(
            [key] + [f"other-{i}" for i in range(len(others))],
            texts,
            passage_vectors(texts),
            strict=True,
        )
    )
    assert index.search(FACTCHECKS[key], k=3)[0].key == key


# Known limitation: a candidate in another script is scored by the semantic-only model, trained
# on English pairs, and e5's cosines across languages run lower than within one. A distractor in
# the query's script that shares its words and is as close in cosine then ties with the
# translation: 0.8822 against 0.8800 on an Intel Xeon with AVX-512, 0.881 against 0.880 on an
# AMD EPYC, where the 4-bit engine's rounding put the distractor first. Which of the two comes
# first is then the CPU's to decide; what holds everywhere is that both are shown.
NEAR_TIES = [
    (
        "Zelensky used American aid money to buy two luxury yachts.",
        "Зеленський купив дві розкішні яхти за гроші американської допомоги.",
        "American aid to Ukraine included money for two navy patrol boats, Zelensky said.",
    ),
]
# The Russian paraphrase is further off (cosine 0.872 against the distractor's 0.880 on both
# CPUs): the semantic-only score puts it at 0.32, under the suggestion threshold, while the
# distractor scores 0.96. Not only second but not shown: a failure, on every machine.
_CROSS_SCRIPT_MISS = (
    "cross-script: a same-script distractor with shared words hides the translation"
)

SAME_CLAIM_AGAINST_A_DISTRACTOR_IN_THE_QUERY_SCRIPT = [
    (
        "Russia halted grain shipments from Odesa because Ukraine had mined the port.",
        "Россия остановила вывоз зерна из Одессы, потому что Украина заминировала порт.",
        "Ukraine grain exports from the Odesa port rose in March, ministers said.",
    ),
    pytest.param(
        "Zelensky bought two luxury yachts with American aid money.",
        "Зеленский приобрёл две роскошные яхты на деньги помощи из США.",
        "American aid to Ukraine included money for two navy patrol boats, Zelensky said.",
        marks=pytest.mark.xfail(strict=True, reason=_CROSS_SCRIPT_MISS),
    ),
    (
        "Вышки 5G распространяют коронавирус.",
        "5G mobile phone towers spread the coronavirus that causes COVID-19.",
        "Вышки 5G в Москве построят к концу года, сообщили городские власти.",
    ),
]


@pytest.mark.parametrize(
    ("query", "same_claim", "distractor"), SAME_CLAIM_AGAINST_A_DISTRACTOR_IN_THE_QUERY_SCRIPT
)
def test_shared_words_in_the_same_script_do_not_drown_the_semantic_match(
    query, same_claim, distractor
):
    # The distractor shares words with the query in its script; the same claim shares none.
    index = MatchIndex()
    texts = {"same-claim": same_claim, "distractor": distractor}
    index.add_many(
        (k, t, v)
        for (k, t), v in zip(texts.items(), passage_vectors(list(texts.values())), strict=True)
    )
    assert index.search(query, k=2)[0].key == "same-claim"


@pytest.mark.parametrize(("query", "same_claim", "distractor"), NEAR_TIES)
def test_a_cross_script_near_tie_still_shows_the_translation(query, same_claim, distractor):
    """The translation is shown as a suggestion and scores within a hair of the distractor."""
    from claims.matching import SUGGEST_THRESHOLD

    index = MatchIndex()
    texts = {"same-claim": same_claim, "distractor": distractor}
    index.add_many(
        (k, t, v)
        for (k, t), v in zip(texts.items(), passage_vectors(list(texts.values())), strict=True)
    )
    matches = {match.key: match for match in index.search(query, k=2)}
    assert matches["same-claim"].score >= SUGGEST_THRESHOLD
    assert matches["same-claim"].score >= max(m.score for m in matches.values()) - 0.03

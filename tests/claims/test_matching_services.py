"""Matching claims against our published fact-checks, the external library and the open
claims of other articles, with the real engine (``claims.matching``) on the test database."""

import pytest

from claims import matching
from claims.models import (
    ClaimOrigin,
    ClaimStatus,
    ClaimVector,
    ExternalFactCheck,
    MatchKind,
    MatchState,
    MatchSuggestion,
)
from claims.services import match_indexes
from claims.services.factcheck_library import library_vectors_fill
from claims.services.matching import article_claims_match, claim_match, factchecks_for_text
from tests.api.helpers import make_factcheck
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

FLED_FACTCHECK = "More than one million refugees fled Ukraine in the first week of the war"
FLED_CLAIM = "Over a million people have fled Ukraine during the war's first week"
CORRIDORS = "Russia agreed to open humanitarian corridors for civilians leaving Mariupol"
UNRELATED = "The city council approved a new budget for public libraries next year"


def _claim(text, status=ClaimStatus.QUEUED, **kwargs):
    return ClaimFactory(text=text, status=status, **kwargs)


def _external(text, **kwargs):
    return ExternalFactCheck.objects.create(
        key=f"url:https://check.example.org/{abs(hash(text))}",
        claim_text=text,
        url=f"https://check.example.org/{abs(hash(text))}",
        rating="False",
        publisher="Example Check",
        **kwargs,
    )


def _targets(claim, kind):
    return [m.target_claim_id or m.target_external_id for m in claim.matches.filter(kind=kind)]


def test_a_claim_finds_our_published_factcheck_and_not_an_unrelated_one():
    factcheck = make_factcheck(text=FLED_FACTCHECK)
    make_factcheck(text=UNRELATED)
    claim = _claim(FLED_CLAIM)
    claim_match(claim_id=claim.id)
    (match,) = claim.matches.filter(kind=MatchKind.FACTCHECK)
    assert match.target_claim == factcheck
    assert match.state == MatchState.SUGGESTED
    assert matching.SUGGEST_THRESHOLD <= match.score <= 1


def test_a_claim_finds_an_external_factcheck_once_it_is_embedded():
    external = _external(CORRIDORS)
    claim = _claim("Russia has agreed to humanitarian corridors so civilians can leave Mariupol")
    claim_match(claim_id=claim.id)
    assert _targets(claim, MatchKind.EXTERNAL) == []  # no vector yet: not in the index
    library_vectors_fill()
    claim_match(claim_id=claim.id)
    assert _targets(claim, MatchKind.EXTERNAL) == [external.id]


def test_open_claims_of_other_articles_match_but_not_new_ones_nor_the_same_article():
    other_article_queued = _claim(FLED_FACTCHECK, status=ClaimStatus.IN_PROGRESS)
    _claim(FLED_FACTCHECK, status=ClaimStatus.NEW)  # not accepted: not a target
    _claim(FLED_FACTCHECK, status=ClaimStatus.DISMISSED)
    claim = _claim(FLED_CLAIM)
    article_text = claim.article.text
    same_article = ClaimFactory(
        article=claim.article, start=0, end=len(article_text.split(".")[0]),
        quote=article_text.split(".")[0], text=FLED_FACTCHECK, status=ClaimStatus.QUEUED,
    )  # fmt: skip
    claim_match(claim_id=claim.id)
    assert _targets(claim, MatchKind.CLAIM) == [other_article_queued.id]
    assert same_article.id not in _targets(claim, MatchKind.CLAIM)


def test_a_group_is_matched_through_its_primary_not_each_copy():
    primary = _claim(FLED_FACTCHECK, status=ClaimStatus.IN_PROGRESS)
    copies = [_claim(FLED_FACTCHECK, primary=primary) for _ in range(3)]
    claim = _claim(FLED_CLAIM)
    claim_match(claim_id=claim.id)
    (match,) = claim.matches.filter(kind=MatchKind.CLAIM)
    assert match.target_claim == primary
    assert match.score >= matching.SUGGEST_THRESHOLD
    # A copy matched again finds the new claim, never its own group.
    claim_match(claim_id=copies[0].id)
    assert _targets(copies[0], MatchKind.CLAIM) == [claim.id]


def test_a_claims_own_article_and_group_are_looked_up_once_for_both_searches_among_claims(
    monkeypatch,
):
    from claims.services import matching as matching_service

    primary = _claim(FLED_FACTCHECK, status=ClaimStatus.IN_PROGRESS)
    make_factcheck(text=FLED_FACTCHECK)
    claim = _claim(FLED_CLAIM)
    looked_up = []
    real = matching_service._not_targets
    monkeypatch.setattr(
        matching_service, "_not_targets", lambda c: looked_up.append(c.id) or real(c)
    )
    claim_match(claim_id=claim.id)
    assert looked_up == [claim.id]
    # Both searches among claims still leave out the same article and group, and find theirs.
    assert _targets(claim, MatchKind.CLAIM) == [primary.id]
    assert len(_targets(claim, MatchKind.FACTCHECK)) == 1


def test_claims_left_out_of_a_search_rank_as_if_absent_and_stay_in_the_index(monkeypatch):
    target = _claim(FLED_FACTCHECK, status=ClaimStatus.IN_PROGRESS)
    own = [_claim(FLED_CLAIM), _claim(FLED_CLAIM + "!")]  # open: in the index searched
    index = match_indexes.live_index(MatchKind.CLAIM)
    changes = []
    monkeypatch.setattr(index, "remove", lambda key: changes.append(key))
    monkeypatch.setattr(index, "add_many", lambda items: changes.append(list(items)))
    search = {"k": 5, "min_score": 0.0}
    hits = match_indexes.live_search(
        MatchKind.CLAIM, FLED_CLAIM, **search, exclude=[c.id for c in own]
    )
    assert changes == []  # searched as it is, not emptied and filled again
    assert all(str(c.id) in index for c in own)
    monkeypatch.undo()
    for claim in own:
        claim.delete()
    match_indexes.live_indexes_reset()
    alone = match_indexes.live_search(MatchKind.CLAIM, FLED_CLAIM, **search)
    assert [(h.key, round(h.score, 5)) for h in hits] == [(h.key, round(h.score, 5)) for h in alone]
    assert hits[0].key == str(target.id)


def test_matching_twice_leaves_the_same_rows():
    make_factcheck(text=FLED_FACTCHECK)
    claim = _claim(FLED_CLAIM)
    claim_match(claim_id=claim.id)
    first = list(MatchSuggestion.objects.values_list("id", "target_claim_id", "score"))
    match_indexes.live_indexes_reset()  # another worker process, same database
    claim_match(claim_id=claim.id)
    assert list(MatchSuggestion.objects.values_list("id", "target_claim_id", "score")) == first
    assert ClaimVector.objects.filter(claim=claim).count() == 1


def test_an_edited_claim_drops_undecided_suggestions_but_keeps_decisions():
    fled = make_factcheck(text=FLED_FACTCHECK)
    claim = _claim(FLED_CLAIM)
    claim_match(claim_id=claim.id)
    MatchSuggestion.objects.filter(target_claim=fled).update(state=MatchState.REJECTED)
    other = _claim(FLED_FACTCHECK, status=ClaimStatus.IN_REVIEW)
    claim_match(claim_id=claim.id)
    assert set(_targets(claim, MatchKind.CLAIM)) == {other.id}
    claim.text = UNRELATED
    claim.save()
    claim_match(claim_id=claim.id)
    assert list(claim.matches.values_list("target_claim_id", "state")) == [
        (fled.id, MatchState.REJECTED)
    ]


def test_the_index_takes_new_rows_without_embedding_stored_ones_again(monkeypatch):
    make_factcheck(text=FLED_FACTCHECK)
    first = _claim(FLED_CLAIM)
    claim_match(claim_id=first.id)
    embedded = []
    real = matching.passage_vectors
    monkeypatch.setattr(
        match_indexes.matching,
        "passage_vectors",
        lambda texts: embedded.extend(texts) or real(texts),
    )
    second = make_factcheck(text=CORRIDORS)  # published after the index was built
    claim = _claim("Russia agreed to humanitarian corridors so that civilians can leave Mariupol")
    claim_match(claim_id=claim.id)
    assert _targets(claim, MatchKind.FACTCHECK) == [second.id]
    # Only the two new texts were embedded: the claim and the new fact-check.
    assert sorted(embedded) == sorted([claim.text, CORRIDORS])


def test_a_factcheck_retracted_after_indexing_is_no_longer_suggested():
    factcheck = make_factcheck(text=FLED_FACTCHECK)
    first = _claim(FLED_CLAIM)
    claim_match(claim_id=first.id)
    factcheck.status = ClaimStatus.RETRACTED
    factcheck.retracted_at = factcheck.published_at
    factcheck.save()
    claim = _claim("More than a million people fled Ukraine in the war's first week")
    claim_match(claim_id=claim.id)
    assert _targets(claim, MatchKind.FACTCHECK) == []


def test_thresholds_are_per_kind_of_target(settings):
    make_factcheck(text=FLED_FACTCHECK)
    _claim(FLED_FACTCHECK, status=ClaimStatus.IN_PROGRESS)
    settings.MATCHING_CLAIM_THRESHOLD = 1.0
    claim = _claim(FLED_CLAIM)
    claim_match(claim_id=claim.id)
    assert _targets(claim, MatchKind.CLAIM) == []
    assert len(_targets(claim, MatchKind.FACTCHECK)) == 1


def test_texts_shorter_than_the_engine_minimum_are_not_matched():
    make_factcheck(text=FLED_FACTCHECK)
    short = " ".join(FLED_CLAIM.split()[: max(1, matching.MIN_WORDS - 1)])
    claim = _claim(short)
    claim_match(claim_id=claim.id)
    assert not claim.matches.exists()
    assert ClaimVector.objects.filter(claim=claim).exists(), "matched, with nothing to show"


def test_an_article_is_matched_for_its_proposals_and_marked_claims_only():
    make_factcheck(text=FLED_FACTCHECK)
    article = ArticleFactory(text=f"{FLED_CLAIM}. {FLED_CLAIM}, again. {FLED_CLAIM}, once more.")
    spans = [(0, len(FLED_CLAIM))]
    at = article.text.index(", again")
    spans.append((at - len(FLED_CLAIM), at))
    at = article.text.index(", once")
    spans.append((at - len(FLED_CLAIM), at))
    proposal, below, marked = (
        ClaimFactory(article=article, start=s, end=e, quote=article.text[s:e], text=FLED_CLAIM,
                     status=ClaimStatus.NEW, **kw)
        for (s, e), kw in zip(spans, [{"score": 0.99}, {"score": 0.01},
                                      {"score": None, "origin": ClaimOrigin.MANUAL}], strict=True)
    )  # fmt: skip
    assert article_claims_match(article_id=article.id) == 2
    assert set(ClaimVector.objects.values_list("claim_id", flat=True)) >= {proposal.id, marked.id}
    assert not ClaimVector.objects.filter(claim=below).exists()
    assert proposal.matches.filter(kind=MatchKind.FACTCHECK).exists()


def _article_of_proposals(texts):
    article = ArticleFactory(text=" ".join(f"{text}." for text in texts))
    claims, at = [], 0
    for text in texts:
        claims.append(
            ClaimFactory(article=article, start=at, end=at + len(text), quote=text, text=text,
                         status=ClaimStatus.NEW, score=0.99)
        )  # fmt: skip
        at += len(text) + 2
    return article, claims


def _suggestions():
    return sorted(
        MatchSuggestion.objects.values_list(
            "claim_id", "kind", "target_claim_id", "target_external_id"
        )
    )


@pytest.mark.parametrize("proposals", [2, 5])
def test_an_article_looks_at_each_index_once_whatever_its_number_of_claims(monkeypatch, proposals):
    make_factcheck(text=FLED_FACTCHECK)
    _claim(CORRIDORS, status=ClaimStatus.IN_PROGRESS)
    _external("More than a million people have left Ukraine since the invasion began")
    library_vectors_fill()
    texts = [
        FLED_CLAIM,
        "Russia has agreed to humanitarian corridors so civilians can leave Mariupol",
        "Over one million refugees have left Ukraine since the invasion began last week",
        UNRELATED,
        "Civilians may leave Mariupol through corridors Russia agreed to open",
    ][:proposals]
    article, claims = _article_of_proposals(texts)
    looks = []

    def counted(kind, loader):
        return lambda since: looks.append(kind) or loader(since)

    for kind, loader in list(match_indexes._LOADERS.items()):
        monkeypatch.setitem(match_indexes._LOADERS, kind, counted(kind, loader))
    assert article_claims_match(article_id=article.id) == proposals
    assert sorted(looks) == sorted(MatchKind)  # once per kind, not once per kind and claim
    by_article = _suggestions()
    assert {kind for _, kind, _, _ in by_article} == set(MatchKind)
    # The same suggestions as matching each claim alone, each search looking first.
    MatchSuggestion.objects.all().delete()
    match_indexes.live_indexes_reset()
    looks.clear()
    for claim in claims:
        claim_match(claim_id=claim.id)
    assert len(looks) == len(MatchKind) * proposals
    assert _suggestions() == by_article


def test_a_row_changed_after_an_articles_look_is_found_by_the_next_article():
    article, _ = _article_of_proposals([FLED_CLAIM])
    article_claims_match(article_id=article.id)
    assert not MatchSuggestion.objects.exists()
    factcheck = make_factcheck(text=FLED_FACTCHECK)
    later, (claim,) = _article_of_proposals(["More than a million people fled Ukraine in a week"])
    article_claims_match(article_id=later.id)
    assert _targets(claim, MatchKind.FACTCHECK) == [factcheck.id]


def test_factchecks_for_text_answers_best_first_above_the_threshold():
    fled = make_factcheck(text=FLED_FACTCHECK)
    make_factcheck(text=CORRIDORS)
    found, floor = factchecks_for_text(text=FLED_CLAIM, limit=5)
    assert [claim.id for claim, _ in found] == [fled.id]
    assert floor == matching.SUGGEST_THRESHOLD
    assert found[0][1].score >= floor


# Paraphrases written for this test: Ukrainian and Russian versions of the English claims.
CROSS_LINGUAL = [
    ("uk", "Понад мільйон біженців залишили Україну за перший тиждень війни"),
    ("uk", "Більше мільйона людей втекли з України протягом першого тижня війни"),
    ("ru", "Более миллиона беженцев покинули Украину за первую неделю войны"),
    ("ru", "За первую неделю войны из Украины бежали больше миллиона человек"),  # noqa: RUF001
]


@pytest.mark.parametrize(("language", "text"), CROSS_LINGUAL, ids=["uk1", "uk2", "ru1", "ru2"])
def test_a_ukrainian_or_russian_claim_finds_the_english_factcheck(language, text):
    fled = make_factcheck(text=FLED_FACTCHECK)
    make_factcheck(text=CORRIDORS)
    claim = _claim(text, article=ArticleFactory(language=language))
    claim_match(claim_id=claim.id)
    assert _targets(claim, MatchKind.FACTCHECK) == [fled.id]


CORRIDORS_ELSEWHERE = {
    "uk": "Росія погодилася відкрити гуманітарні коридори для цивільних з Маріуполя",
    "ru": "Россия согласилась открыть гуманитарные коридоры для мирных жителей Мариуполя",
}


@pytest.mark.parametrize("language", ["uk", "ru"])
@pytest.mark.parametrize(
    "english",
    [
        "Russia agreed to open humanitarian corridors for civilians leaving Mariupol",
        "Moscow said it would allow humanitarian corridors so civilians can leave Mariupol",
        "Humanitarian corridors out of Mariupol for civilians were agreed by Russia",
    ],
    ids=["agreed", "moscow", "passive"],
)
def test_an_english_claim_finds_a_ukrainian_or_russian_external_factcheck(english, language):
    theirs = _external(CORRIDORS_ELSEWHERE[language], language=language)
    _external(UNRELATED)
    _external("Ukraine's grain exports through the Black Sea ports fell by half in March")
    library_vectors_fill()
    claim = _claim(english)
    claim_match(claim_id=claim.id)
    assert _targets(claim, MatchKind.EXTERNAL) == [theirs.id]


def test_an_articles_vectors_are_stored_in_one_write_and_rewritten_when_the_text_changed():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _, claims = _article_of_proposals([FLED_CLAIM, CORRIDORS, UNRELATED])
    pairs = [(c.id, c.text) for c in reversed(claims)]
    with CaptureQueriesContext(connection) as queries:
        stored = match_indexes.claim_vectors_store(pairs)
    writes = [q["sql"] for q in queries.captured_queries if "claims_claimvector" in q["sql"]]
    assert len(writes) == 1, writes
    assert writes[0].startswith("INSERT"), writes
    assert set(stored) == {c.id for c in claims}
    before = {v.claim_id: v for v in ClaimVector.objects.all()}
    assert {pk: bytes(v.vector) for pk, v in before.items()} == stored
    # A changed text replaces the claim's row, leaving the others as they were.
    edited = "Russia refused to open any humanitarian corridors out of Mariupol"
    match_indexes.claim_vectors_store([(claims[1].id, edited)])
    after = {v.claim_id: v for v in ClaimVector.objects.all()}
    assert after.keys() == before.keys()
    assert after[claims[1].id].text == edited
    assert bytes(after[claims[1].id].vector) != stored[claims[1].id]
    assert after[claims[1].id].updated_at > before[claims[1].id].updated_at
    assert after[claims[0].id].updated_at == before[claims[0].id].updated_at

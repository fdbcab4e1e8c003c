import json
import math
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from claims.extraction import CHECKWORTHY_THRESHOLD, score_checkworthiness
from claims.extraction import checkworthiness as cw

FACTUAL = [
    "Unemployment rose to 7.8 percent in 2009.",
    "We created 23 million new jobs during the last eight years.",
    "The deficit was $1.4 trillion last year.",
    "He voted against the bill three times.",
    "More than 1 million people fled Ukraine.",
    "Crime in our cities went down by 20 percent.",
]
NOT_FACTUAL = [
    "I think he is a wonderful person.",
    "What are you going to do about it?",
    "Thank you very much.",
    "Good evening and welcome.",
    "I will fight for you every single day.",
    "We need to do better.",
    "I love this country.",
]

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


def test_one_score_in_0_1_per_sentence():
    sentences = [*FACTUAL, *NOT_FACTUAL, "", "   ", "?", "10:30", "x" * 5000, "é ü 日本"]
    scores = score_checkworthiness(sentences)
    assert len(scores) == len(sentences)
    assert all(isinstance(score, float) and 0.0 <= score <= 1.0 for score in scores)


def test_empty_input_gives_empty_output():
    assert score_checkworthiness([]) == []


def test_empty_sentence_is_not_checkworthy():
    assert score_checkworthiness([""])[0] < CHECKWORTHY_THRESHOLD


def test_scores_are_deterministic_and_independent_of_the_batch():
    alone = [score_checkworthiness([sentence])[0] for sentence in FACTUAL]
    assert score_checkworthiness(FACTUAL) == alone
    assert score_checkworthiness(FACTUAL) == score_checkworthiness(FACTUAL)


@pytest.mark.parametrize("sentence", FACTUAL)
def test_factual_numeric_statements_are_checkworthy(sentence):
    assert score_checkworthiness([sentence])[0] >= CHECKWORTHY_THRESHOLD


@pytest.mark.parametrize("sentence", NOT_FACTUAL)
def test_opinions_questions_promises_and_courtesies_are_not(sentence):
    assert score_checkworthiness([sentence])[0] < CHECKWORTHY_THRESHOLD


def test_fast_scorer_equals_the_weights_summed_over_sentence_features():
    model = json.loads(cw.MODEL_PATH.read_text())
    sentences = [*FACTUAL, *NOT_FACTUAL, "", "Thank you.", "In 1998, 3,000 people (12%) left."]
    for sentence in sentences:
        features = cw.sentence_features(sentence)
        expected = sum(model["weights"].get(f, 0.0) for f in features) / math.sqrt(len(features))
        assert cw._model().decision(sentence) == pytest.approx(expected + model["bias"], abs=1e-9)


# Chunks seen first at the start of a sentence (first token lower-cased) and then inside one,
# or the other way round; a first chunk without a token; separators other than a space.
CHUNKED = [
    "Taxes rose 14 percent in 1999.",
    "In 1999 Taxes rose, said Smith.",
    "Smith said taxes rose.",
    "\u2014 The senator voted against the bill in 2010.",
    "\u2014 the senator voted against the bill in 2010.",
    "(AP) \u2014 Unemployment fell to 3.5% last month.",
    '"We cut taxes," he said.\tThe\u00a0deficit\u2028grew\u3000by $2 billion.',
    "... and THE deficit grew!!!",
    "U.S. troops left Iraq in 2011.",
    "u.s. troops left iraq in 2011.",
    "\u201cIt\u2019s a disaster,\u201d Trump\u2019s aide said.",
    "   ",
    "\u2014 \u2014",
    # A chunk that is a token seen before stands for that token alone; the Kelvin sign
    # lower-cases to "k" but is no token.
    "K rose by 5 K.",
    "\u212a rose by 5 \u212a.",
]


def _summed_over_features(model: dict, sentence: str) -> float:
    features = cw.sentence_features(sentence)
    summed = sum(model["weights"].get(f, 0.0) for f in features)
    return summed / math.sqrt(len(features)) + model["bias"]


def test_scores_from_cached_chunks_equal_the_weights_summed_over_sentence_features():
    model = json.loads(cw.MODEL_PATH.read_text())
    scorer = cw._LinearModel(model["weights"], model["bias"])
    for sentence in [*CHUNKED, *reversed(CHUNKED), *CHUNKED]:
        expected = _summed_over_features(model, sentence)
        assert scorer.decision(sentence) == pytest.approx(expected, abs=1e-9), sentence


@pytest.mark.plain_python
def test_chunk_cache_is_bounded_and_scores_survive_its_reset(monkeypatch):
    monkeypatch.setattr(cw, "_CHUNK_CACHE_LIMIT", 5)
    model = json.loads(cw.MODEL_PATH.read_text())
    scorer = cw._LinearModel(model["weights"], model["bias"])
    sentences = [f"Taxes rose {n} percent in {1990 + n} under Smith{n}." for n in range(20)]
    for sentence in [*sentences, *sentences]:
        expected = _summed_over_features(model, sentence)
        assert scorer.decision(sentence) == pytest.approx(expected, abs=1e-9)
        # Reset before a sentence, so at most the limit plus one sentence's chunks.
        assert len(scorer._chunks) < 5 + len(sentence.split())


def test_token_sums_made_when_the_model_loads_equal_the_weights_of_each_words_features():
    model = json.loads(cw.MODEL_PATH.read_text())
    weights, scorer = model["weights"], cw._model()
    words = [f for f in weights if " " not in f and not f.startswith(("m:", "c:", "len:"))]
    precomputed = [word for word in words if word in scorer._tokens]
    assert len(precomputed) > len(words) / 2
    for word in precomputed:
        own = [word, "m:" + cw._classify(word)]
        grams = [weights.get(f, 0.0) for f in cw._char_grams(word)]
        expected = weights.get(own[0], 0.0) + weights.get(own[1], 0.0) + sum(grams)
        _, _, weight, count, *_ = scorer._tokens[word]
        assert weight == pytest.approx(expected, abs=1e-12)
        assert count == len(own) + len(grams)


def test_rows_of_what_follows_a_class_hold_every_masked_ngram_weight_and_zeros_elsewhere():
    scorer = cw._model()
    pairs, triples = scorer.masked_grams[1], scorer.masked_grams[2]
    after_class = {
        (a, b): w for a, row in enumerate(scorer._after_class) for b, w in enumerate(row) if w
    }
    after_two = {
        (a, b, c): w
        for a, rows in enumerate(scorer._after_two)
        for b, row in enumerate(rows)
        for c, w in enumerate(row)
        if w
    }
    assert after_class == pairs
    assert after_two == triples


def test_tokens_are_those_of_the_former_expression():
    # The token expression was rewritten for speed only; a changed token would change scores.
    former = re.compile(r"\d+(?:[.,:]\d+)*|[A-Za-z]+(?:'[A-Za-z]+)?|n't|[$%?!\"]")
    rng = random.Random(11)
    alphabet = "aZn't 0912.,:$%?!\"'-\u00e9\u0663\n"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert cw._TOKEN_RE.findall(text) == former.findall(text), text


def test_sentences_that_differ_only_in_topic_words_share_every_masked_feature():
    def masked(sentence):
        return [f for f in cw.sentence_features(sentence) if f.startswith(("m:", "s:"))]

    first = "In 2009 Obama said taxes rose 12 percent."
    assert masked(first) == masked("In 1994 Clinton said wages rose 3 percent.")
    # What is said changes with how it is said: tense, person, modality.
    assert masked(first) != masked("In 2009 Obama will say taxes rise 12 percent.")
    assert masked("Taxes rose.") != masked("Taxes rise.")
    assert cw.sentence_features("") == ["len:0"]


def test_forms_of_a_word_share_character_grams_and_other_words_do_not():
    def grams(word):
        return {f for f in cw.sentence_features(word) if f.startswith("c:")}

    assert grams("taxes") & grams("tax") == {"c: tax"}
    assert not grams("taxes") & grams("wages")


def test_sentence_level_cues_join_words_however_far_apart():
    def cues(sentence):
        return {f for f in cw.sentence_features(sentence) if f.startswith("s:")}

    # A first-person denial of a past act, an attribution, a promise, a hypothetical.
    assert "s:past&first" in cues("I never in my whole life took a dime from that company.")
    assert "s:first&neg" in cues("I never in my whole life took a dime from that company.")
    assert "s:third&say" in cues("He called the program a scam.")
    assert "s:modal&first" in cues("We will cut your taxes.")
    assert "s:modal&cond" in cues("If they win the vote, prices would go up.")
    assert "s:past&first" not in cues("He never took a dime.")
    assert cues("Thank you.") == set()


def test_word_classes_mask_topic_words_but_keep_how_things_are_said():
    features = cw.sentence_features("In 2009 Obama said taxes rose 12 percent.")
    assert "m:YEAR CAP SAY" in features
    assert "m:STAT NUM STAT" in features
    assert "m:<s> in YEAR" in features


def test_past_events_of_political_actors_are_masked_across_topics():
    features = cw.sentence_features("The senator spent millions and the president signed the bill.")
    assert "m:the ACTOR PAST" in features
    assert "m:ACTOR SAY the" in features
    assert "m:the LAW </s>" in features


def test_shipped_model_matches_the_feature_version_of_the_code():
    model = json.loads(cw.MODEL_PATH.read_text())
    assert model["feature_version"] == cw.FEATURE_VERSION
    assert cw._model().meta == model["meta"]


def test_shipped_model_records_its_data_origin_and_licence():
    meta = json.loads(cw.MODEL_PATH.read_text())["meta"]
    assert "CheckThat!" in meta["data_origin"]
    assert "research use" in meta["data_licence"]
    assert meta["trained_on"]
    assert cw.MODEL_PATH.stat().st_size < 2_000_000


def _write_synthetic_data(data_dir):
    rng = random.Random(7)
    facts = [
        "Taxes rose {n} percent in {y}.",
        "He voted against the bill {n} times.",
        "The state lost {n} million jobs in {y}.",
        "Spending grew by ${n} billion since {y}.",
    ]
    chatter = [
        "I think we can do better.",
        "Thank you so much.",
        "What would you do?",
        "We will fight for you.",
        "I believe in this country.",
    ]
    folder = data_dir / "checkworthy"
    folder.mkdir(parents=True)
    sentence_id = 0
    for split, size in (("train", 300), ("dev", 40)):
        lines = ["Sentence_id\tText\tclass_label"]
        for _ in range(size):
            sentence_id += 1
            if rng.random() < 0.4:
                text = rng.choice(facts).format(n=rng.randint(2, 90), y=rng.randint(1980, 2020))
                lines.append(f"{sentence_id}\t{text}\tYes")
            else:
                lines.append(f"{sentence_id}\t{rng.choice(chatter)}\tNo")
        (folder / f"{split}.tsv").write_text("\n".join(lines) + "\n")


def test_training_command_reproduces_the_same_model(tmp_path, capsys):
    pytest.importorskip("sklearn")
    from claims.extraction import train_checkworthiness

    _write_synthetic_data(tmp_path / "data")
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    for out in (first, second):
        train_checkworthiness.main([str(tmp_path / "data"), "--out", str(out), "--no-teacher"])

    assert first.read_bytes() == second.read_bytes()
    assert "held-out debates" in capsys.readouterr().out
    model = json.loads(first.read_text())
    assert model["feature_version"] == cw.FEATURE_VERSION
    assert model["meta"]["rows"] == {"train": 300, "dev": 40}
    scorer = cw._LinearModel(model["weights"], model["bias"])
    assert scorer.decision("Taxes rose 14 percent in 1999.") > 0
    assert scorer.decision("Thank you so much.") < 0


def test_teacher_labels_round_trip_byte_for_byte(tmp_path):
    from claims.extraction.train_checkworthiness import read_teacher_labels, text_key
    from claims.extraction.train_checkworthiness_teacher import write_teacher_labels

    probabilities = {text_key("Taxes rose."): 0.91234, text_key("Thank you."): 0.01}
    first, second = tmp_path / "a.jsonl.gz", tmp_path / "b.jsonl.gz"
    write_teacher_labels(first, {"model": "test"}, probabilities)
    write_teacher_labels(second, {"model": "test"}, dict(reversed(probabilities.items())))

    assert first.read_bytes() == second.read_bytes()
    meta, labels = read_teacher_labels(first)
    assert meta == {"model": "test"}
    assert labels == {text_key("Taxes rose."): 0.9123, text_key("Thank you."): 0.01}


def test_unlabelled_sentences_come_from_the_transcripts_and_the_news(tmp_path):
    from claims.extraction.train_checkworthiness import unlabelled_sentences

    debates = tmp_path / "segmentation" / "debates_train"
    debates.mkdir(parents=True)
    (debates / "a.tsv").write_text("1\tHOST\tGood evening to you all.\t0\n2\tX\tHi.\t0\n")
    (tmp_path / "news").mkdir()
    article = "Prices rose 5% last year. Nobody saw it coming, said the bank."
    (tmp_path / "news" / "ct22_news330.jsonl").write_text(json.dumps({"text": article}) + "\n")

    assert unlabelled_sentences(tmp_path) == [
        "Good evening to you all.",  # "Hi." is too short to label
        "Prices rose 5% last year.",
        "Nobody saw it coming, said the bank.",
    ]
    assert unlabelled_sentences(tmp_path / "missing") == []


def test_student_learns_from_the_teachers_labels_of_unlabelled_sentences(tmp_path):
    pytest.importorskip("sklearn")
    from claims.extraction import train_checkworthiness
    from claims.extraction.train_checkworthiness import text_key
    from claims.extraction.train_checkworthiness_teacher import write_teacher_labels

    data = tmp_path / "data"
    _write_synthetic_data(data)
    # The gold data never mentions pipelines; the teacher calls every pipeline sentence of the
    # unlabelled news check-worthy, and every sentence about weather not.
    pool = [f"The pipeline carried {n} barrels of oil." for n in range(2, 60)]
    pool += [f"The weather was lovely on day {n}." for n in range(2, 60)]
    (data / "news").mkdir()
    (data / "news" / "ct22_news330.jsonl").write_text(json.dumps({"text": " ".join(pool)}) + "\n")
    teacher = tmp_path / "teacher.jsonl.gz"
    write_teacher_labels(
        teacher,
        {"model": "made up"},
        {text_key(t): (0.95 if "pipeline" in t else 0.05) for t in pool},
    )
    with_teacher, without = tmp_path / "with.json", tmp_path / "without.json"
    train_checkworthiness.main([str(data), "--out", str(with_teacher), "--teacher", str(teacher)])
    train_checkworthiness.main([str(data), "--out", str(without), "--no-teacher"])

    def decision(path, sentence):
        model = json.loads(path.read_text())
        return cw._LinearModel(model["weights"], model["bias"]).decision(sentence)

    taught = json.loads(with_teacher.read_text())
    assert taught["meta"]["teacher"] == {"model": "made up"}
    assert taught["meta"]["rows"]["teacher_labelled_unlabelled"] == len(pool)
    assert taught["meta"]["params"]["gold_share"] == train_checkworthiness.DEFAULTS["gold_share"]
    assert json.loads(without.read_text())["meta"]["teacher"] is None
    sentence = "The pipeline carried 70 barrels of oil."
    assert decision(with_teacher, sentence) > decision(without, sentence) + 0.5
    assert decision(with_teacher, sentence) > decision(
        with_teacher, "The weather was lovely on day 70."
    )


def test_threshold_maximises_held_out_f1_among_every_rounded_cut():
    np = pytest.importorskip("numpy")
    from claims.extraction.train_checkworthiness import f1_at, pick_threshold

    rng = np.random.default_rng(0)
    labels = rng.random(3000) < 0.25
    scores = 1 / (1 + np.exp(-(rng.normal(size=3000) + 1.5 * labels - 1.0)))
    threshold = pick_threshold(labels, scores)

    assert threshold == round(threshold, 3)
    best = max(f1_at(labels, scores, t / 1000) for t in range(1001))
    assert f1_at(labels, scores, threshold) == pytest.approx(best, abs=1e-12)
    # More "Yes" among the same scores wants a lower cut.
    assert pick_threshold(labels | (scores > 0.3), scores) < threshold


def test_calibration_maps_held_out_decisions_to_the_share_of_yes():
    np = pytest.importorskip("numpy")
    from claims.extraction.train_checkworthiness import calibrate

    rng = np.random.default_rng(2)
    decisions = rng.normal(size=20000) * 3.0
    truth = 1 / (1 + np.exp(-(0.5 * decisions - 1.0)))
    labels = rng.random(20000) < truth
    slope, intercept = calibrate(labels, decisions)
    assert slope == pytest.approx(0.5, abs=0.05)
    assert intercept == pytest.approx(-1.0, abs=0.1)


def test_training_command_never_reads_devtest(tmp_path):
    pytest.importorskip("sklearn")
    from claims.extraction import train_checkworthiness

    data = tmp_path / "data"
    _write_synthetic_data(data)
    without, with_devtest = tmp_path / "without.json", tmp_path / "with.json"
    train_checkworthiness.main([str(data), "--out", str(without), "--no-teacher"])
    # Later debates where a sentence of the training data's "No" kind is a "Yes": had devtest
    # any say in the weights, the calibration or the threshold, they would move.
    lines = ["Sentence_id\tText\tclass_label"]
    for n in range(40):
        lines.append(f"{1000 + n}\tTaxes rose {n + 2} percent in 1990.\tYes")
        lines.append(f"{2000 + n}\tWe will fight for you.\tYes")
        lines.append(f"{3000 + n}\tThank you so much.\tNo")
    (data / "checkworthy" / "devtest.tsv").write_text("\n".join(lines) + "\n")
    train_checkworthiness.main([str(data), "--out", str(with_devtest), "--no-teacher"])

    assert with_devtest.read_bytes() == without.read_bytes()
    assert "devtest" not in json.loads(without.read_text())["meta"]


def test_trained_scores_are_the_share_of_yes_among_sentences_alike(tmp_path):
    pytest.importorskip("sklearn")
    from claims.extraction import train_checkworthiness

    # Two kinds of sentence, one a "Yes" three times in four, the other once in ten: a score
    # that is a probability says so, wherever the F1 threshold falls.
    rng = random.Random(3)
    folder = tmp_path / "data" / "checkworthy"
    folder.mkdir(parents=True)
    for split, size, first_id in (("train", 1200, 1), ("dev", 100, 5000)):
        lines = ["Sentence_id\tText\tclass_label"]
        for n in range(size):
            if n % 2:
                text, share = f"Spending grew by {rng.randint(2, 90)} percent.", 0.75
            else:
                text, share = rng.choice(["We need to do better.", "I love this land."]), 0.1
            label = "Yes" if rng.random() < share else "No"
            lines.append(f"{first_id + n}\t{text}\t{label}")
        (folder / f"{split}.tsv").write_text("\n".join(lines) + "\n")
    out = tmp_path / "model.json"
    train_checkworthiness.main([str(tmp_path / "data"), "--out", str(out), "--no-teacher"])

    model = json.loads(out.read_text())
    scorer = cw._LinearModel(model["weights"], model["bias"])
    assert cw._sigmoid(scorer.decision("Spending grew by 44 percent.")) == pytest.approx(
        0.75, abs=0.07
    )
    assert cw._sigmoid(scorer.decision("We need to do better.")) == pytest.approx(0.1, abs=0.07)
    assert 0.1 < model["meta"]["threshold"] < 0.75


def test_checkworthy_threshold_is_the_one_training_picked_on_held_out_debates():
    meta = cw.model_meta()
    assert meta["threshold"] == CHECKWORTHY_THRESHOLD
    assert meta["threshold_picked_on"] == "the 5 folds of train.tsv's debates, held out"
    # At that threshold the held-out figures are those the training command recorded.
    held_out = meta["held_out_debates"]
    assert held_out["f1"] >= 0.70
    assert held_out["f1_latest_fold"] >= 0.70


def test_shipped_scores_are_probabilities_on_held_out_debates():
    # Recorded by the training command on sentences of debates the model was not fitted on:
    # in every band of scores holding enough sentences, the share of "Yes" is the score.
    bands = cw.model_meta()["held_out_debates"]["reliability"]
    crowded = [band for band in bands if band["sentences"] >= 500]
    assert len(crowded) >= 4  # the scores spread over 0-1
    for band in crowded:
        assert band["mean_probability"] == pytest.approx(band["share_yes"], abs=0.05)


@pytest.mark.skipif(
    not (SHARED_DATA / "checkworthy" / "train.tsv").is_file(),
    reason=f"shared data not found at {SHARED_DATA}",
)
def test_training_on_the_shared_data_reproduces_the_shipped_model(tmp_path):
    pytest.importorskip("sklearn")
    from claims.extraction import train_checkworthiness

    out = tmp_path / "model.json"
    train_checkworthiness.main([str(SHARED_DATA), "--out", str(out)])
    shipped, retrained = json.loads(cw.MODEL_PATH.read_text()), json.loads(out.read_text())

    assert retrained["feature_version"] == shipped["feature_version"]
    assert retrained["meta"]["held_out_debates"] == shipped["meta"]["held_out_debates"]
    assert retrained["meta"]["threshold"] == shipped["meta"]["threshold"]
    assert retrained["bias"] == pytest.approx(shipped["bias"], abs=1e-3)
    features = shipped["weights"].keys() | retrained["weights"].keys()
    drift = max(
        abs(shipped["weights"].get(f, 0.0) - retrained["weights"].get(f, 0.0)) for f in features
    )
    assert drift <= 0.002


def test_reader_splits_the_line_that_holds_two_rows(tmp_path):
    from claims.extraction.train_checkworthiness import read_checkworthy_tsv

    path = tmp_path / "glued.tsv"
    path.write_text("Sentence_id\tText\tclass_label\n1\tA b.\tNo2\tC d.\tYes\n3\tE.\tNo \n")
    assert read_checkworthy_tsv(path) == [(1, "A b.", False), (2, "C d.", True), (3, "E.", False)]


def test_reader_removes_csv_quoting_so_a_comma_is_not_a_quote(tmp_path):
    from claims.extraction.train_checkworthiness import read_checkworthy_tsv

    path = tmp_path / "quoted.tsv"
    path.write_text('Sentence_id\tText\tclass_label\n1\t"Well, he said ""no""."\tNo\n')
    assert read_checkworthy_tsv(path) == [(1, 'Well, he said "no".', False)]


def test_typographic_quotes_score_like_plain_ones():
    plain = 'He said "taxes rose 12 percent" and it\'s true.'
    curly = "He said \u201ctaxes rose 12 percent\u201d and it\u2019s true."
    assert cw.sentence_features(curly) == cw.sentence_features(plain)
    assert score_checkworthiness([curly]) == score_checkworthiness([plain])


def _write_evaluation_data(data_dir):
    header = "Sentence_id\tText\tclass_label\n"
    (data_dir / "checkworthy").mkdir(parents=True)
    for split in ("devtest", "dev"):
        rows = [f"{i}\t{text}\tYes\n" for i, text in enumerate(FACTUAL)]
        rows += [f"{i + 100}\t{text}\tNo\n" for i, text in enumerate(NOT_FACTUAL)]
        (data_dir / "checkworthy" / f"{split}.tsv").write_text(header + "".join(rows))
    debates = data_dir / "segmentation" / "debates_train"
    debates.mkdir(parents=True)
    (debates / "20990101_later.tsv").write_text(f"1\tX\t{FACTUAL[0]}\t1\n2\tX\tThank you.\t0\n")
    (debates / "20161019_3pres.tsv").write_text("1\tX\tSeen in training.\t1\n")


def test_evaluation_reports_f1_precision_recall_of_the_yes_class(tmp_path):
    from claims.extraction.evaluate.checkworthiness import score_checkworthiness_data

    _write_evaluation_data(tmp_path)
    result = score_checkworthiness_data(tmp_path)

    assert result["devtest"] == {
        "f1": 1.0,
        "precision": 1.0,
        "recall": 1.0,
        "roc_auc": 1.0,
        "sentences": len(FACTUAL) + len(NOT_FACTUAL),
        "positives": len(FACTUAL),
    }
    assert result["dev"] == result["devtest"]
    # The 2016 debates that are in the training data are left out.
    assert result["debates_unseen"]["sentences"] == 2
    # Recorded by the training command, not measured on tmp_path's data.
    assert result["held_out_debates"] == cw.model_meta()["held_out_debates"]
    assert result["threshold"] == CHECKWORTHY_THRESHOLD


def test_roc_auc_is_the_chance_a_yes_outranks_a_no():
    from claims.extraction.evaluate.checkworthiness import roc_auc

    assert roc_auc([True, False, True, False], [0.9, 0.1, 0.8, 0.2]) == 1.0
    assert roc_auc([True, False, True, False], [0.1, 0.9, 0.2, 0.8]) == 0.0
    # Of the four (Yes, No) pairs, one is ordered wrongly and one tied.
    assert roc_auc([True, True, False, False], [0.9, 0.5, 0.5, 0.7]) == pytest.approx(0.625)


def test_scoring_imports_no_numeric_or_learning_library():
    # The runtime stays light: the model is inferred in plain Python, whatever is installed.
    script = (
        "import sys\n"
        "from claims.extraction import score_checkworthiness\n"
        "score_checkworthiness(['Taxes rose 12 percent in 2009.'])\n"
        "heavy = {'numpy', 'scipy', 'sklearn', 'torch'} & set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_evaluation_command_prints_the_held_out_figures_and_devtest(tmp_path, capsys):
    from claims.extraction.evaluate.__main__ import main

    _write_evaluation_data(tmp_path)
    assert main([str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()

    def row(metric):
        return next(line for line in lines if line.strip().startswith(metric)).split()

    held_out = cw.model_meta()["held_out_debates"]
    assert f"{held_out['f1']:.3f}" in row("held-out debates F1 (5 folds)")
    assert f"{held_out['roc_auc']:.3f}" in row("held-out debates ROC-AUC")
    assert f"{held_out['f1_latest_fold']:.3f}" in row("latest fifth of debates F1")
    assert "1.000" in row("devtest ROC-AUC")
    assert f"{CHECKWORTHY_THRESHOLD:.3f}" in row("threshold (probability)")

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from claims.extraction import PROPOSAL_THRESHOLD
from claims.extraction.evaluate.news import score_proposals
from claims.extraction.furniture import FEATURE_NAMES
from claims.extraction.proposals import MODEL_PATH, model_meta, proposal_scores
from claims.extraction.train_proposals import (
    figures_at,
    folds_of,
    main,
    nested_figures,
    objective,
)

ROOT = Path(__file__).resolve().parents[2]


def test_shipped_model_matches_the_features_and_records_its_cross_validated_figures():
    model = json.loads(MODEL_PATH.read_text())
    assert model["features"] == list(FEATURE_NAMES)
    assert model["threshold"] == PROPOSAL_THRESHOLD
    assert 0.0 < PROPOSAL_THRESHOLD < 1.0
    figures = model_meta()["cross_validated"]
    assert {"junk_rate", "p_at_5", "ap_worth", "worth_recall", "sentences_proposed"} <= set(figures)


def test_proposal_score_is_the_logistic_of_the_standardised_weighted_cues():
    model = json.loads(MODEL_PATH.read_text())
    row = [float(i % 3) for i in range(len(FEATURE_NAMES))]
    z = model["bias"] + sum(
        w * (x - m) / s
        for w, x, m, s in zip(model["weights"], row, model["means"], model["scales"], strict=True)
    )
    assert math.isclose(proposal_scores([row])[0], 1 / (1 + math.exp(-z)))


def test_scoring_imports_no_learning_library():
    code = (
        "import sys; from claims.extraction import extract_claims; "
        "extract_claims('Prices rose by 12% last year, the office said.'); "
        "print(any(m in sys.modules for m in ('sklearn', 'numpy')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == "False"


def _article(public_id, labels):
    sentences, start = [], 0
    for i, label in enumerate(labels):
        text = f"Sentence {i} of {public_id}."
        sentences.append(
            {"i": i, "start": start, "end": start + len(text), "text": text, "label": label}
        )
        start += len(text) + 1
    return {"public_id": public_id, "sentences": sentences}


def test_news_figures_count_junk_recall_and_rank_worth_first():
    article = _article("a", ["worth", "none", "checkable", "worth"])
    s = article["sentences"]
    proposals = [
        (s[1]["start"], s[1]["end"], 0.9),  # junk ranked first
        (s[0]["start"], s[0]["end"], 0.8),
        (s[2]["start"], s[2]["end"], 0.1),
    ]
    figures = score_proposals([article], lambda _: proposals)
    assert figures["junk_rate"] == round(1 / 3, 3)
    assert figures["worth_recall"] == 0.5
    assert figures["sentences_proposed"] == 0.75
    assert figures["p_at_5"] == 0.5  # k = 2 worth sentences, one of the top two is worth
    assert figures["ap_worth"] == round((1 / 2) / 2, 3)


def test_folds_hold_whole_articles_each_once():
    articles = [{"public_id": str(i)} for i in range(30)]
    folds = folds_of(articles)
    assert sorted(i for fold in folds for i in fold) == list(range(30))
    assert all(len(fold) == 5 for fold in folds)


def test_held_out_figures_leave_out_repeats_furniture_and_hypotheticals():
    article = _article("a", ["worth", "worth", "none", "none"])
    rows = [
        {"start": s["start"], "end": s["end"], "repeat": False, "furniture": False}
        for s in article["sentences"]
    ]
    for row in rows:
        row["held_back"] = False
    rows[1]["repeat"] = True
    rows[2]["furniture"] = True
    rows[3]["held_back"] = True
    figures = figures_at([article], [rows], [[0.9, 0.9, 0.9, 0.9]], threshold=0.5)
    assert figures["proposals"] == 1
    assert figures["junk_rate"] == 0.0


def test_objective_penalises_missed_targets():
    good = {"ap_worth": 0.8, "p_at_5": 0.8, "junk_rate": 0.04, "sentences_proposed": 0.5}
    good["worth_recall"] = 0.95
    junky = dict(good, junk_rate=0.2)
    assert objective(good) > objective(junky)


def test_training_command_writes_a_model_the_scorer_reads(tmp_path, capsys):
    data = tmp_path / "data"
    (data / "news").mkdir(parents=True)
    (data / "news_claims").mkdir()
    worth = "The ministry said unemployment rose to {n}% in March, the highest since 2015."
    none = "Sign up to our newsletter for the latest news in your inbox {n}."
    checkable = "The meeting was held in the town hall on day {n}."
    with (
        (data / "news" / "ct22_news330.jsonl").open("w") as news,
        (data / "news_claims" / "dev.jsonl").open("w") as labels,
    ):
        for a in range(12):
            parts = [
                (worth.format(n=a + 3), "worth"),
                (checkable.format(n=a), "checkable"),
                (none.format(n=a), "none"),
            ]
            text, sentences, start = "", [], 0
            for i, (sentence, label) in enumerate(parts):
                sentences.append({"i": i, "start": start, "end": start + len(sentence)})
                sentences[-1].update(text=sentence, label=label)
                text += sentence + " "
                start = len(text)
            news.write(json.dumps({"public_id": f"p{a}", "text": text}) + "\n")
            labels.write(json.dumps({"public_id": f"p{a}", "sentences": sentences}) + "\n")
    out = tmp_path / "proposals.json"
    assert main([str(data), "--out", str(out)]) == 0
    model = json.loads(out.read_text())
    assert model["features"] == list(FEATURE_NAMES)
    assert model["meta"]["cross_validated"]["worth_recall"] == 1.0
    assert model["meta"]["cross_validated"]["junk_rate"] == 0.0
    assert '"threshold"' in capsys.readouterr().out


def test_evaluate_reports_news_figures_in_sample_and_held_out():
    data = ROOT.parent / "shared" / "data"
    if not (data / "news_claims" / "dev.jsonl").exists():
        pytest.skip("the shared data folder is absent")
    from claims.extraction.evaluate.__main__ import _news_proposals
    from claims.extraction.evaluate.news import score_news_proposals

    result = score_news_proposals(data)
    assert result["dev_in_sample"]["articles"] == 29  # one of the 30 has no worth sentence
    assert result["cross_validated"] == model_meta()["cross_validated"]
    rows = list(_news_proposals(result))
    junk = next(row for row in rows if row[0].strip().startswith("junk_rate"))
    assert junk[2] == "target <= 0.05"
    assert " / " in junk[1]


def test_nested_figures_choose_on_other_articles_and_score_each_article_once(monkeypatch):
    # The score alone separates worth from none in every article: whatever the choice made on
    # the other articles, each held-out article's worth sentence is found and no junk.
    from claims.extraction import train_proposals

    sets = {"checkworthiness": ("checkworthiness",), "furniture": ("checkworthiness", "credit")}
    monkeypatch.setattr(train_proposals, "FEATURE_SETS", sets)
    monkeypatch.setattr(train_proposals, "C_GRID", (1.0,))
    monkeypatch.setattr(train_proposals, "NONE_WEIGHT_GRID", (1.0,))
    monkeypatch.setattr(train_proposals, "THRESHOLDS", (0.3, 0.5, 0.7))
    articles, rows_by_article = [], []
    for a in range(12):
        article = _article(f"n{a}", ["worth", "none"])
        articles.append(article)
        rows = []
        for sentence, score in zip(article["sentences"], (3.0, -3.0), strict=True):
            features = [score + 0.01 * a] + [0.0] * (len(FEATURE_NAMES) - 1)
            rows.append(
                {
                    "start": sentence["start"],
                    "end": sentence["end"],
                    "features": features,
                    "label": sentence["label"],
                    "repeat": False,
                    "furniture": False,
                    "held_back": False,
                }
            )
        rows_by_article.append(rows)
    figures = nested_figures(articles, rows_by_article)
    assert figures["articles"] == 12
    assert figures["proposals"] == 12
    assert figures["worth_recall"] == 1.0
    assert figures["junk_rate"] == 0.0


def test_the_shipped_model_ranks_a_quotation_in_the_speakers_own_voice_lower():
    # Cross-validation over whole articles chose the quoted-opinion cue beside the score: the
    # same sentence scores lower when it is what a speaker thinks or wants, in their words.
    index = FEATURE_NAMES.index("quoted_opinion")
    reported = [0.0] * len(FEATURE_NAMES)
    reported[FEATURE_NAMES.index("checkworthiness")] = 1.5
    quoted = list(reported)
    quoted[index] = 1.0
    assert proposal_scores([quoted])[0] < proposal_scores([reported])[0]


def test_the_pipeline_computes_the_quoted_opinion_cue_for_the_model():
    from claims.extraction.pipeline import sentence_inputs

    text = (
        "Prices rose 12% in May, the statistics office said. "
        "\u201cWe think the council must act now,\u201d the mayor said."
    )
    _, sentences, _, features = sentence_inputs(text)
    index = FEATURE_NAMES.index("quoted_opinion")
    assert len(sentences) == 2
    assert [row[index] for row in features] == [0.0, 1.0]

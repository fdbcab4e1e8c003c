import json

from claims.matching import evaluate
from tests.matching.factchecks import FACTCHECKS

QUERIES = {
    "q1": ("Bleach cures the coronavirus if you drink a little, says a viral post", "bleach-cure"),
    "q2": ("They say 5G towers are what spreads COVID-19 https://t.co/x #5G", "5g-covid"),
    "q3": ("Apollo 11 never went to the Moon: it was filmed in Hollywood", "moon-landing"),
}


def test_the_command_prints_map_mrr_and_p_at_1_as_json_on_its_last_line(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("MATCHING_CACHE_DIR", str(tmp_path / "cache"))
    claims = tmp_path / "vclaims.jsonl"
    claims.write_text(
        "\n".join(
            json.dumps({"vclaim_id": key, "vclaim": text, "title": "", "subtitle": ""})
            for key, text in FACTCHECKS.items()
        )
    )
    queries = tmp_path / "queries.tsv"
    queries.write_text("".join(f"{q}\t{text}\n" for q, (text, _) in QUERIES.items()))
    qrels = tmp_path / "qrels.tsv"
    qrels.write_text("".join(f"{q}\t0\t{key}\t1\n" for q, (_, key) in QUERIES.items()))
    evaluate.main([str(claims), str(queries), str(qrels)])
    last = capsys.readouterr().out.strip().splitlines()[-1]
    figures = json.loads(last)
    assert figures["map@5"] == 1.0
    assert figures["p@1"] == 1.0
    assert figures["queries"] == 3
    assert figures["suggest_precision"] > 0.5
    assert (tmp_path / "cache" / "vectors.sqlite3").exists()

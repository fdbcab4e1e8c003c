"""``python -m claims.extraction FILE|-``: print the claims of a text, one JSON object a line."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date

from .pipeline import extract_claims


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    text = _read(args.file)
    try:
        for claim in extract_claims(text, language=args.language, published=args.published):
            sys.stdout.write(json.dumps(claim.to_dict(), ensure_ascii=False) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`... | head`): not an error. Point stdout at devnull so that
        # Python's own flush at exit does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m claims.extraction",
        description="Print the check-worthy claims of a text as JSON lines.",
    )
    parser.add_argument("file", help="a UTF-8 text file, or - for standard input")
    parser.add_argument("--published", type=date.fromisoformat, help="publication date, YYYY-MM-DD")
    parser.add_argument("--language", default="en", help="language code of the text (en)")
    return parser


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError as error:
        sys.exit(f"python -m claims.extraction: cannot read {path}: {error.strerror}")


if __name__ == "__main__":
    sys.exit(main())

"""The compiled build of extraction: the same drafts as the plain Python, used only while fresh."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claims.extraction import find_quantities, native

ROOT = Path(__file__).resolve().parents[2]


def _env(*, pure: bool) -> dict[str, str]:
    """This environment, asking for the plain Python or leaving the choice to the build."""
    env = {key: value for key, value in os.environ.items() if key != native.PURE_ENV}
    if pure:
        env[native.PURE_ENV] = "1"
    return env


def _python(code: str, *, pure: bool) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_env(pure=pure),
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.native
def test_the_compiled_build_drafts_exactly_what_the_plain_python_drafts(tmp_path, shared_data):
    """Every draft of news330, the seed article and fuzzed inputs, field by field."""
    dump = [sys.executable, str(ROOT / "bench" / "extraction_dump.py")]
    plain, compiled = tmp_path / "plain.jsonl", tmp_path / "compiled.jsonl"
    subprocess.run(
        [*dump, str(plain), "--data", str(shared_data)],
        env=_env(pure=True),
        check=True,
        capture_output=True,
    )
    result = subprocess.run(
        [*dump, str(compiled), "--data", str(shared_data), "--check", str(plain)],
        env=_env(pure=False),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert plain.stat().st_size > 1_000_000  # news330's drafts, not an empty pair of files


@pytest.mark.native
def test_a_fresh_build_is_what_the_package_runs_unless_told_otherwise():
    code = (
        "import claims.extraction as e; from claims.extraction import drafting, quantities; "
        "print(e.COMPILED, drafting.__file__.endswith('.py'), quantities.__file__.endswith('.py'))"
    )
    assert _python(code, pure=False) == "True False False"
    assert _python(code, pure=True) == "False True True"


def _copy_sources(target: Path) -> Path:
    package = target / "extraction"
    for name in native.COMPILED:
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(native.PACKAGE_DIR / name, package / name)
    return package


def test_a_build_of_other_sources_is_never_used(tmp_path, monkeypatch):
    package = _copy_sources(tmp_path)
    monkeypatch.setattr(native, "PACKAGE_DIR", package)
    monkeypatch.setattr(native, "DIGEST_FILE", tmp_path / "SOURCE_DIGEST")
    monkeypatch.delenv(native.PURE_ENV, raising=False)
    native.DIGEST_FILE.write_text(native.source_digest() + "\n", encoding="ascii")
    path = ["/the/sources"]
    assert native.use_build(path)
    assert path == [str(native.PACKAGE_BUILD_DIR), "/the/sources"]

    # One character more in one module: the build is of other sources now.
    drafting = package / "drafting.py"
    drafting.write_text(drafting.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    path = ["/the/sources"]
    assert not native.build_is_fresh()
    assert not native.use_build(path)
    assert path == ["/the/sources"]


def test_no_build_or_the_plain_python_asked_for_means_the_plain_python(tmp_path, monkeypatch):
    monkeypatch.setattr(native, "DIGEST_FILE", tmp_path / "absent" / "SOURCE_DIGEST")
    monkeypatch.delenv(native.PURE_ENV, raising=False)
    path: list[str] = []
    assert not native.use_build(path)
    assert path == []

    native.DIGEST_FILE.parent.mkdir()
    native.DIGEST_FILE.write_text(native.source_digest(), encoding="ascii")
    monkeypatch.setenv(native.PURE_ENV, "1")
    assert not native.use_build(path)
    assert path == []
    monkeypatch.setenv(native.PURE_ENV, "0")
    assert native.use_build(path)


def test_the_digest_covers_every_compiled_module_and_the_python(tmp_path, monkeypatch):
    package = _copy_sources(tmp_path)
    monkeypatch.setattr(native, "PACKAGE_DIR", package)
    before = native.source_digest()
    for name in native.COMPILED:
        source = package / name
        text = source.read_text(encoding="utf-8")
        source.write_text(text + "#", encoding="utf-8")
        assert native.source_digest() != before, name
        source.write_text(text, encoding="utf-8")
    assert native.source_digest() == before
    import sysconfig

    monkeypatch.setattr(sysconfig, "get_config_var", lambda name: ".cpython-399-other.so")
    assert native.source_digest() != before


def test_every_module_that_extract_claims_runs_is_compiled():
    """A module added to the package and imported by the pipeline is compiled too (or this
    test names it): the training and evaluation commands apart, which are run by hand."""
    code = (
        "import sys, claims.extraction as e; e.extract_claims('Prices rose 5% in 2021, "
        'officials said.\'); print(" ".join(sorted(n for n in sys.modules '
        "if n.startswith('claims.extraction.'))))"
    )
    loaded = _python(code, pure=True).split()
    compiled = {
        "claims.extraction." + name.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
        for name in native.COMPILED
    }
    assert set(loaded) - compiled == {"claims.extraction.native"}


@pytest.mark.parametrize(
    "text",
    [
        "It was the third time in a week.",
        "The fifth of the 12 ministers resigned in 2021.",
        "Two thirds of the 1,000 voters, about 5% more than in the second round.",
        "Prices rose from $3 to $4.50 between 2019 and 2021, one in five said.",
    ],
)
def test_every_value_of_a_quantity_is_a_float_as_its_type_says(text):
    """Compiled code turns an int into the float its field declares; the plain Python gives the
    float itself, so both builds write 3.0 for "third", never 3 in one and 3.0 in the other."""
    quantities = find_quantities(text)
    assert quantities
    for quantity in quantities:
        for value in (quantity.value, quantity.low, quantity.high):
            assert value is None or type(value) is float, (quantity, value)

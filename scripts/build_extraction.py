"""Compile claim extraction with mypyc into build/native/ (``make native``).

    .venv/bin/python scripts/build_extraction.py [--force]

Compiles the modules listed in ``claims.extraction.native.COMPILED`` (the same sources, type
checked by mypy on the way) and installs the result under build/native/, with the digest of the
sources it compiled. The package uses the build only while that digest matches its sources, so a
stale build is never run. Nothing to do when the build is fresh (unless --force). Needs mypy
(the dev requirements) and a C compiler; where either is missing the package keeps running its
plain Python, and this script says why and exits 1.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# Import the package's plain Python: a stale build must not be loaded while it is rebuilt.
os.environ["CLAIMS_EXTRACTION_PURE"] = "1"

from claims.extraction import native  # noqa: E402  (after the path and environment above)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--force", action="store_true", help="rebuild even if the build is fresh")
    args = parser.parse_args()
    if native.build_is_fresh() and not args.force:
        print(f"build/native is up to date ({len(native.COMPILED)} modules)")
        return 0
    try:
        from mypyc.build import mypycify
        from setuptools import Distribution
    except ImportError as error:
        print(f"cannot compile extraction: {error} (make install-dev installs mypy)")
        return 1
    started = time.monotonic()
    digest = native.source_digest()
    paths = [str(Path("claims") / "extraction" / name) for name in native.COMPILED]
    with tempfile.TemporaryDirectory(prefix="extraction-build-") as scratch:
        staging = Path(scratch) / "out"
        os.chdir(ROOT)  # mypyc names each module from its path relative to here
        extensions = mypycify(
            paths,
            opt_level="3",
            group_name=native.GROUP_NAME,
            target_dir=str(Path(scratch) / "c"),
        )
        distribution = Distribution({"name": "claims-extraction-native", "ext_modules": extensions})
        build = distribution.get_command_obj("build_ext")
        build.build_lib = str(staging)
        build.build_temp = str(Path(scratch) / "temp")
        try:
            distribution.run_command("build_ext")
        except Exception as error:  # a compiler error: the plain Python stays in use
            print(f"cannot compile extraction: {error}")
            return 1
        _install(staging, digest)
    print(
        f"compiled {len(native.COMPILED)} extraction modules into "
        f"{native.BUILD_DIR.relative_to(ROOT)} in {time.monotonic() - started:.0f} s"
    )
    return 0


def _install(staging: Path, digest: str) -> None:
    """Replace build/native with the new build: the runtime library apart, the modules in a
    package tree of their own, the model data linked, the digest written last."""
    if native.BUILD_DIR.exists():
        shutil.rmtree(native.BUILD_DIR)
    native.LIBRARY_DIR.mkdir(parents=True)
    for library in staging.glob(f"{native.GROUP_NAME}__mypyc*"):
        shutil.move(str(library), native.LIBRARY_DIR / library.name)
    native.PACKAGE_BUILD_DIR.parent.mkdir(parents=True)
    shutil.move(str(staging / "claims" / "extraction"), native.PACKAGE_BUILD_DIR)
    # The modules read their models next to themselves (Path(__file__).parent / "data").
    (native.PACKAGE_BUILD_DIR / "data").symlink_to(native.PACKAGE_DIR / "data")
    native.DIGEST_FILE.write_text(digest + "\n", encoding="ascii")


if __name__ == "__main__":
    sys.exit(main())

"""The compiled build of extraction: which modules it holds, and whether this process uses it.

``scripts/build_extraction.py`` (``make native``) compiles the modules of ``COMPILED`` with mypyc
into ``build/native/`` and writes there the digest of the sources it compiled. The package
imports them from there only while that digest still matches the sources beside this file, on
the same Python: an edited module, a checkout of another commit or a build for another Python is
never used, and the package runs its plain Python instead. The output is the same either way (a
test compares them); only the speed differs.

``CLAIMS_EXTRACTION_PURE=1`` in the environment runs the plain Python even where a build is fresh;
``CLAIMS_EXTRACTION_BUILD_DIR`` names another place for the build.
This module is not compiled itself, and imports nothing of the package.
"""

from __future__ import annotations

import hashlib
import os
import sys
import sysconfig
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# build/native in the repository root (claims/extraction/ -> claims/ -> root), or where
# CLAIMS_EXTRACTION_BUILD_DIR says (an image that installs the package into site-packages).
BUILD_DIR = Path(
    os.environ.get("CLAIMS_EXTRACTION_BUILD_DIR") or PACKAGE_DIR.parents[1] / "build" / "native"
)
# The runtime library that every compiled module imports by its top-level name, and beside it
# the compiled package tree (build/native/pkg/claims/extraction/...): mypyc names a module's
# __file__ after the library's directory, and the modules find their models from there.
LIBRARY_DIR = BUILD_DIR / "pkg"
PACKAGE_BUILD_DIR = LIBRARY_DIR / "claims" / "extraction"
DIGEST_FILE = BUILD_DIR / "SOURCE_DIGEST"
GROUP_NAME = "claims_extraction"
PURE_ENV = "CLAIMS_EXTRACTION_PURE"

# What extract_claims runs, relative to this directory. Not the training and evaluation
# commands (run by hand, and free to use what mypyc does not compile), not __init__ (it chooses
# the build) and not this module.
COMPILED = (
    "anchoring.py",
    "antecedents.py",
    "attribution.py",
    "checkworthiness.py",
    "draft_cuts.py",
    "drafting.py",
    "furniture.py",
    "pipeline.py",
    "proposals.py",
    "segmentation.py",
    "types.py",
    "words.py",
    "wordscan.py",
    "quantities/__init__.py",
    "quantities/context.py",
    "quantities/currencies.py",
    "quantities/dates.py",
    "quantities/numbers.py",
    "quantities/ranges.py",
    "quantities/units.py",
)


def source_digest() -> str:
    """SHA-256 of the compiled modules' sources, their names and the Python that runs them."""
    digest = hashlib.sha256(sysconfig.get_config_var("EXT_SUFFIX").encode())
    for name in COMPILED:
        digest.update(name.encode() + b"\0")
        digest.update((PACKAGE_DIR / name).read_bytes())
    return digest.hexdigest()


def build_is_fresh() -> bool:
    """Whether build/native holds a build of exactly these sources for this Python."""
    try:
        built = DIGEST_FILE.read_text(encoding="ascii").strip()
    except OSError:
        return False
    return built == source_digest()


def use_build(package_path: list[str]) -> bool:
    """Put the compiled modules first on the package's path where the build is fresh.

    Called by the package's ``__init__`` before it imports any of its modules. Returns whether
    the compiled modules are used.
    """
    if os.environ.get(PURE_ENV, "") not in ("", "0") or not build_is_fresh():
        return False
    package_path.insert(0, str(PACKAGE_BUILD_DIR))
    if str(LIBRARY_DIR) not in sys.path:
        sys.path.append(str(LIBRARY_DIR))
    return True

"""The diff itself: diff-match-patch's algorithm, in C++ where installed, in Python otherwise.

Both run Myers' bisection with the same tie-breaks (the C++ library is a line-by-line port
of the Python one: same prefix and suffix trimming, same ``diff_compute`` shortcuts, same
bisection, same ``diff_cleanupMerge``), so with no time limit and no line mode they return
the same diffs; tests/diff/test_core.py checks it on generated texts. The half-match
shortcut, which could pick a non-minimal split, runs in neither: both skip it when there is
no time limit.
"""

from __future__ import annotations

from diff_match_patch import diff_match_patch

try:
    import fast_diff_match_patch as _native
except ImportError:  # the pure-Python library gives the same diffs, only slower
    _native = None

DELETE = diff_match_patch.DIFF_DELETE
EQUAL = diff_match_patch.DIFF_EQUAL
INSERT = diff_match_patch.DIFF_INSERT

Diffs = list[tuple[int, str]]


def native_available() -> bool:
    """Whether the C++ diff (package fast-diff-match-patch) is installed."""
    return _native is not None


def diff_python(old: str, new: str) -> Diffs:
    """The minimal diff by the pure-Python diff-match-patch: ``[(op, text), ...]``."""
    differ = diff_match_patch()
    differ.Diff_Timeout = 0  # no deadline: always the minimal diff, never a hurried one
    return differ.diff_main(old, new, checklines=False)


def diff_native(old: str, new: str) -> Diffs:
    """The same diff by the C++ diff-match-patch, without its own cleanup."""
    if _native is None:
        raise RuntimeError("fast-diff-match-patch is not installed")
    diffs: Diffs = []
    at_old = at_new = 0
    # Lengths only: the texts are sliced here, which is cheaper than building them in C++.
    for op, length in _native.diff(old, new, timelimit=0, checklines=False, cleanup="No"):
        if op == "=":
            diffs.append((EQUAL, old[at_old : at_old + length]))
            at_old += length
            at_new += length
        elif op == "-":
            diffs.append((DELETE, old[at_old : at_old + length]))
            at_old += length
        else:
            diffs.append((INSERT, new[at_new : at_new + length]))
            at_new += length
    return diffs


def raw_diff(old: str, new: str) -> Diffs:
    """The minimal diff of two strings, by the C++ library when it is installed."""
    if _native is not None:
        return diff_native(old, new)
    return diff_python(old, new)

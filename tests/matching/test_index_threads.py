"""One index searched by some threads while another adds and removes texts."""

import sys
import threading

import pytest

from claims.matching import MatchIndex
from claims.matching.embedding import query_vector

QUERY = "Do the new 5G phone masts really spread the coronavirus?"


@pytest.fixture
def fast_switching():
    # Threads hand over the interpreter as often as it allows: races show up in a few rounds.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


def _churn(index: MatchIndex, vector: bytes, rounds: int) -> None:
    for round_ in range(rounds):
        keys = [f"noise-{round_}-{i}" for i in range(1200)]
        index.add_many((key, f"noise claim {i} about the weather {round_}", vector)
                       for i, key in enumerate(keys))  # fmt: skip
        for key in keys:  # past half of them gone, the index compacts its slots
            index.remove(key)


def test_searches_while_another_thread_adds_and_removes_stay_right(
    factcheck_index, factcheck_vectors, fast_switching
):
    vector = query_vector(QUERY)
    expected = [(m.key, m.score) for m in factcheck_index.search(QUERY, k=3, vector=vector)]
    failures: list[BaseException] = []
    writing = threading.Event()

    def write() -> None:
        try:
            _churn(factcheck_index, factcheck_vectors["chemtrails"], rounds=3)
        except BaseException as error:  # reported by the test
            failures.append(error)
        finally:
            writing.set()

    def read() -> None:
        try:
            while not writing.is_set():
                found = factcheck_index.search(QUERY, k=20, vector=vector)
                assert all(match.key is not None for match in found)
                assert found[0].key == expected[0][0]
        except BaseException as error:  # reported by the test
            failures.append(error)
            writing.set()

    threads = [threading.Thread(target=write), *(threading.Thread(target=read) for _ in range(2))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert len(factcheck_index) == 15
    assert [(m.key, m.score) for m in factcheck_index.search(QUERY, k=3, vector=vector)] == (
        pytest.approx(expected)
    )

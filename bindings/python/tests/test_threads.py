"""Threads: one shared Framework evaluated from 8 threads at once, each with its own Evaluation."""

from __future__ import annotations

import threading
import unittest
from typing import Callable, List

from _support import FX_JSONL, FX_YAML, SAMPLE, library, read

import govopen
from govopen import Calendar, Evaluation, Framework

THREADS = 8


def in_threads(fn: Callable[[int], str], rounds: int) -> List[str]:
    """Runs fn(i) `rounds` times in each of THREADS threads, started together; returns every output."""
    barrier = threading.Barrier(THREADS)
    outputs: List[List[str]] = [[] for _ in range(THREADS)]
    errors: List[BaseException] = []

    def worker(t: int) -> None:
        try:
            barrier.wait()
            for i in range(rounds):
                outputs[t].append(fn(t * rounds + i))
        except BaseException as e:  # noqa: B902 - reported by the test
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=300)
    if errors:
        raise errors[0]
    assert all(not th.is_alive() for th in threads), "a thread hung"
    return [o for out in outputs for o in out]


class ThreadsTest(unittest.TestCase):
    def setUp(self) -> None:
        library()

    def test_shared_langao_framework(self) -> None:
        sample = read(SAMPLE)
        with Framework.builtin("langao-2023") as fw:
            def evaluate(_: int) -> str:
                with Evaluation(fw, as_of="2023-12-15") as ev:
                    ev.add_text(sample, format="jsonl", source_name="sample.jsonl")
                    return ev.run().to_json()

            reference = evaluate(0)
            outputs = in_threads(evaluate, 3)
        self.assertEqual(len(outputs), THREADS * 3)
        self.assertTrue(all(o == reference for o in outputs))
        self.assertIn('"observations":{"accepted":1032,"rejected":0}', reference)

    def test_shared_fx_framework(self) -> None:
        fw = Framework.load(FX_YAML)
        obs = read(FX_JSONL)

        def evaluate(i: int) -> str:
            ev = Evaluation(fw, as_of="2023-12-15", county="min" if i % 2 else "mean")
            ev.add_text(obs, format="jsonl", source_name="fx.jsonl")
            r = ev.run()
            # reading the shared framework at the same time
            assert [p.id for p in fw.duties("县一局")] == ["P3", "P8", "P10"]
            assert len(fw.plan("模拟用户")) == 5
            return f"{r.county.total} {r.unit('甲镇').total} {r.to_json()}"

        mean, low = evaluate(0), evaluate(1)
        self.assertTrue(mean.startswith("68.17 78.52 "))
        self.assertTrue(low.startswith("46.84 78.52 "))
        outputs = in_threads(evaluate, 25)
        for i, out in enumerate(outputs):
            self.assertEqual(out, low if i % 2 else mean)  # outputs are in call order: i

    def test_shared_result_and_calendar(self) -> None:
        fw = Framework.load(FX_YAML)
        ev = Evaluation(fw, as_of="2023-12-15")
        ev.add_path(FX_JSONL)
        r = ev.run()
        cal = Calendar.builtin("cn")
        reference = r.to_json()

        def read_out(i: int) -> str:
            assert cal.add_workdays("2023-09-28", 1).isoformat() == "2023-10-07"
            assert r.cell("a", "P3").score == 16.0
            return r.to_json()

        self.assertTrue(all(o == reference for o in in_threads(read_out, 50)))

    def test_one_evaluation_from_many_threads_is_serialised(self) -> None:
        fw = Framework.load(FX_YAML)
        ev = Evaluation(fw, as_of="2023-12-15")

        def add(i: int) -> str:
            return str(ev.add({"unit": "甲镇", "point": "P1", "value": i % 2 == 0}))

        outputs = in_threads(add, 50)
        self.assertEqual(set(outputs), {"1"})
        self.assertEqual(ev.accepted, THREADS * 50)
        self.assertEqual(ev.run().cell("a", "P1").status, govopen.CellStatus.SCORED)


if __name__ == "__main__":
    unittest.main()

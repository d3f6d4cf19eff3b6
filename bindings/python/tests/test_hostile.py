"""Hostile overlays (issue 13): a tree stacked deep through `nodes:`/`in:`
is refused with GOVOPEN_ELIMIT at the entry that makes it too deep, even on
a thread with a small stack (a 41 KB overlay used to crash Python there)."""

from __future__ import annotations

import threading
import unittest

from _support import library

from govopen import Framework, LoadOptions, Status
from govopen._errors import LimitError


def chain(n: int) -> str:
    """d1 … dn, each in the one before, d1 in langao-2023's "1.1.1" (level 3);
    entry d_k is on line k + 4."""
    lines = ["schema: 1", "extends: langao-2023", "framework: {id: deep-test, title: t}", "nodes:"]
    for i in range(1, n + 1):
        lines.append("  d%d: {title: t%d, in: %s}" % (i, i, '"1.1.1"' if i == 1 else "d%d" % (i - 1)))
    lines.append("points:")
    lines.append("  q1: {in: d%d, text: t, sampling: [政府网站], responsible: [县政府办]}" % n)
    return "\n".join(lines) + "\n"


class HostileTreeTest(unittest.TestCase):
    def setUp(self) -> None:
        library()

    def _on_small_stack(self, text: str) -> object:
        """Loads `text` on a thread with a 1 MiB stack; the outcome: a
        Framework, or the exception raised."""
        box: list = []

        def run() -> None:
            try:
                box.append(Framework.from_string(text, "deep.yaml"))
            except Exception as e:  # noqa: BLE001 - handed to the test
                box.append(e)

        old = threading.stack_size(1 << 20)
        try:
            t = threading.Thread(target=run)
            t.start()
            t.join()
        finally:
            threading.stack_size(old)
        self.assertEqual(len(box), 1)
        return box[0]

    def test_deep_overlay_on_a_small_stack(self) -> None:
        for n in (1000, 8400):  # 41 KB (it crashed here) and 317 KB
            e = self._on_small_stack(chain(n))
            self.assertIsInstance(e, LimitError, n)
            assert isinstance(e, LimitError)
            self.assertEqual(e.code, Status.ELIMIT)
            self.assertEqual((e.source, e.line, e.column, e.path), ("deep.yaml", 34, 25, "nodes.d30.in"))
            self.assertTrue(e.message.startswith(
                "the indicator tree is deeper than the limit of 32 levels (GOVOPEN_OPT_MAX_TREE_DEPTH): "
                "'d30' would be at level 33"), e.message)
            self.assertEqual(sum(1 for d in e.errors if d.is_error), 1)

    def test_at_the_limit_and_the_option(self) -> None:
        fw = self._on_small_stack(chain(29))
        self.assertIsInstance(fw, Framework)
        assert isinstance(fw, Framework)
        self.assertEqual(fw.node("d29").depth, 32)
        # the walk is pre-order, the root first, then the framework's own order
        self.assertEqual([n.id for n in fw.root.walk()][1:], [n.id for n in fw.nodes])
        with self.assertRaises(LimitError) as cm:
            Framework.from_string(chain(29), "deep.yaml", options=LoadOptions(max_tree_depth=31))
        self.assertEqual((cm.exception.line, cm.exception.column), (33, 25))
        deep = Framework.from_string(chain(253), "deep.yaml", options=LoadOptions(max_tree_depth=256))
        self.assertEqual(deep.node("d253").depth, 256)
        for bad in (0, 257):
            with self.assertRaises(ValueError):
                Framework.from_string(chain(2), "deep.yaml", options=LoadOptions(max_tree_depth=bad))


if __name__ == "__main__":
    unittest.main()

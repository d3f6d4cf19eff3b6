"""Issue 13 (diag): the diagnostics cap and the unit × point limits, through the binding."""

from __future__ import annotations

import unittest

from _support import library

import govopen
from govopen import Evaluation, Framework, Status

HEAD = "schema: 1\nframework: {id: t, title: t, total: 10}\nunits: [{id: a, name: 甲, kind: town}]\n"


def bad_points(n: int) -> str:
    lines = [HEAD, "indicators:\n  - title: 一\n    score: 10\n    points:\n"]
    lines += ["      - {id: P%d, text: 文, sampling: [政府网站], responsible: [zz]}\n" % i for i in range(n)]
    return "".join(lines)


class DiagnosticsCapTest(unittest.TestCase):
    def setUp(self) -> None:
        library()

    def test_load_options_cap(self) -> None:
        with self.assertRaises(govopen.SchemaError) as cm:
            Framework.from_string(bad_points(30), options=govopen.LoadOptions(max_diagnostics=4))
        errors = cm.exception.errors
        self.assertEqual(len(errors), 5)
        last = errors[-1]
        self.assertEqual(last.code, Status.ELIMIT)
        self.assertEqual((last.line, last.column), (37, 60))
        self.assertEqual(last.path, "indicators[0].points[29].responsible[0]")
        self.assertTrue(last.message.startswith("… and 26 more errors not shown (GOVOPEN_OPT_MAX_DIAGNOSTICS keeps 4)"),
                        last.message)

    def test_strict_keeps_the_new_options(self) -> None:
        # strict=True on top of options keeps their limits
        with self.assertRaises(govopen.SchemaError) as cm:
            Framework.from_string(bad_points(30), options=govopen.LoadOptions(max_diagnostics=2), strict=True)
        self.assertEqual(len(cm.exception.errors), 3)

    def test_max_cells(self) -> None:
        doc = (HEAD + "indicators:\n  - title: 一\n    score: 10\n    points:\n"
               "      - {id: P1, text: 文, sampling: [政府网站], responsible: [a]}\n"
               "      - {id: P2, text: 文, sampling: [政府网站], responsible: [a]}\n")
        self.assertEqual(len(Framework.from_string(doc, options=govopen.LoadOptions(max_cells=2)).points), 2)
        with self.assertRaises(govopen.LimitError) as cm:
            Framework.from_string(doc, options=govopen.LoadOptions(max_cells=1))
        self.assertEqual((cm.exception.line, cm.exception.column), (9, 59))
        self.assertIn("GOVOPEN_OPT_MAX_CELLS", cm.exception.message)
        with self.assertRaises(govopen.LimitError) as cm:
            Framework.from_string(doc, options=govopen.LoadOptions(max_grid=2))
        self.assertEqual((cm.exception.line, cm.exception.column), (9, 9))
        self.assertIn("GOVOPEN_OPT_MAX_GRID", cm.exception.message)
        with self.assertRaises(govopen.InvalidArgumentError):
            Framework.from_string(doc, options=govopen.LoadOptions(max_cells=0))

    def test_evaluation_cap(self) -> None:
        fw = Framework.from_string(HEAD + "indicators:\n  - title: 一\n    score: 10\n    points:\n"
                                   "      - {id: P1, text: 文, sampling: [政府网站], responsible: [a]}\n")
        ev = Evaluation(fw, as_of="2023-12-31", max_diagnostics=2)
        bad = '{"unit": "nobody", "point": "P1", "score": 1}\n' * 6 + '{"unit": "a", "point": "P1", "score": 1}\n'
        ev.add_text(bad, format="jsonl", source_name="o.jsonl")
        self.assertEqual(ev.rejected, 6)
        diags = ev.diagnostics
        self.assertEqual(len(diags), 3)
        self.assertEqual(diags[-1].code, Status.ELIMIT)
        self.assertEqual(diags[-1].line, 6)
        self.assertIn("… and 4 more errors not shown (GOVOPEN_EVAL_MAX_DIAGNOSTICS keeps 2)", diags[-1].message)
        with self.assertRaises(govopen.InvalidArgumentError):
            Evaluation(fw, as_of="2023-12-31", max_diagnostics=0)
        ev.close()


if __name__ == "__main__":
    unittest.main()

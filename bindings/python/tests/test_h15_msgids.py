"""Issue 15 (item 4): every diagnostic names its message with a stable identifier (Diagnostic.id)."""

from __future__ import annotations

import re
import unittest

from _support import library

import govopen
from govopen import Evaluation, Framework, Status

HEAD = "schema: 1\nframework: {id: t, title: t, total: 10}\nunits: [{id: a, name: 甲, kind: town}]\n"
POINTS = "indicators:\n  - title: 一\n    score: 10\n    points:\n"
ID = re.compile(r"^[a-z]+(\.[a-z0-9_]+)+$")


class MessageIdTest(unittest.TestCase):
    def setUp(self) -> None:
        library()

    def test_load_errors(self) -> None:
        with self.assertRaises(govopen.ParseError) as cm:
            Framework.from_string("schema: 1\nframework: [oops\n")
        self.assertEqual(cm.exception.id, "yaml.syntax")
        self.assertEqual(cm.exception.errors[0].id, "yaml.syntax")
        with self.assertRaises(govopen.SchemaError) as cm:
            Framework.from_string(HEAD + POINTS + "      - {id: P1, text: 文, sampling: [政府网站], responsible: [a],"
                                  " rule: {kind: boolean, bogus: 1}}\n")
        self.assertEqual([(d.id, d.line, d.column) for d in cm.exception.errors],
                         [("schema.key_unknown", 8, 85)])
        self.assertIn("unknown key 'bogus'", cm.exception.errors[0].message)

    def test_not_shown_has_its_own(self) -> None:
        bad = "".join("      - {id: P%d, text: 文, sampling: [政府网站], responsible: [zz]}\n" % i for i in range(5))
        with self.assertRaises(govopen.SchemaError) as cm:
            Framework.from_string(HEAD + POINTS + bad, options=govopen.LoadOptions(max_diagnostics=2))
        ids = [d.id for d in cm.exception.errors]
        self.assertEqual(ids, ["framework.responsible_unknown", "framework.responsible_unknown",
                               "limit.more_not_shown"])
        self.assertEqual(cm.exception.errors[-1].code, Status.ELIMIT)

    def test_observations(self) -> None:
        fw = Framework.from_string(HEAD + POINTS + "      - {id: P1, text: 文, sampling: [政府网站], responsible: [a]}\n")
        ev = Evaluation(fw, as_of="2023-12-31")
        ev.add_text('{"unit": "nobody", "point": "P1", "score": 1}\n{"unit": "a", "point": "P9", "score": 1}\n'
                    '{"unit": "a", "point": "P1", "score": 1}\n', format="jsonl", source_name="o.jsonl")
        self.assertEqual([d.id for d in ev.diagnostics], ["observation.unit_unknown", "observation.point_unknown"])
        self.assertTrue(all(ID.match(d.id) for d in ev.diagnostics))
        ev.close()

    def test_api_misuse(self) -> None:
        fw = Framework.from_string(HEAD + POINTS + "      - {id: P1, text: 文, sampling: [政府网站], responsible: [a]}\n")
        ev = Evaluation(fw)
        with self.assertRaises(govopen.InvalidArgumentError) as cm:
            ev.set_as_of("2023-02-30")
        self.assertEqual(cm.exception.id, "date.not_ymd")
        ev.close()


if __name__ == "__main__":
    unittest.main()

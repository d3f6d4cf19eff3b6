"""Issue 14, item 1 through the binding: ``Reason.evidence`` (the pieces as
written, a list kept a list), ``Reason.note`` and ``Reason.samples`` (where
each sample named was read), read through the C accessors, equal to the
result JSON's."""

from __future__ import annotations

import io
import json
import unittest

from _support import FX_YAML, library

import govopen
from govopen import Evaluation, Framework, Reason, SamplePosition

OBS = "\n".join(json.dumps(o, ensure_ascii=False) for o in [
    {"unit": "b", "point": "P1", "value": False, "evidence": ["https://x.example/1", "截图1"], "note": "专栏打不开"},
    {"unit": "a", "point": "P3", "evidence": "申请总表", "note": "全年抽查", "samples": [
        {"received": "2023-04-20", "replied": "2023-05-19"},
        {"received": "2023-04-20", "replied": "2023-05-22", "evidence": ["申请7号", "回执7号"]},
        {"received": "2023-04-20", "replied": "2023-05-23", "note": "迟复"}]},
    {"unit": "a", "point": "P7", "samples": [{"description": "错别字", "evidence": "错别字A"},
                                             {"description": "错别字", "evidence": "错别字A", "note": "同一处"}]},
    {"unit": "b", "point": "P11", "triggered": True, "evidence": "通报文件"},
    {"unit": "b", "point": "P8", "score": 3},
    {"unit": "a", "point": "P5", "samples": [{"date": "2023-01-10"}], "note": "只找到一条"},
]) + "\n"


class ReasonDataTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        library()
        cls.fw = Framework.load(FX_YAML)
        cls.ev = Evaluation(cls.fw, as_of="2023-12-15")
        cls.ev.add_text(OBS, format="jsonl", source_name="r.jsonl")
        cls.r = cls.ev.run()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.r.close()
        cls.ev.close()
        cls.fw.close()

    def reason(self, unit: str, point: str, code: str) -> Reason:
        return next(x for x in self.r.cell(unit, point).reasons if x.code == code)

    def test_every_piece(self) -> None:
        x = self.reason("b", "P1", "boolean.false")
        self.assertEqual(x, Reason(code="boolean.false", severity="loss", text="未达到要求：支持IPv6",
                                   evidence=("https://x.example/1", "截图1"), note="专栏打不开",
                                   samples=(SamplePosition("r.jsonl", 1, 1),)))
        x = self.reason("a", "P3", "deadline.late")
        self.assertEqual(x.evidence, ("申请7号", "回执7号", "申请总表"))
        self.assertEqual(x.note, "全年抽查；迟复")
        self.assertEqual([tuple(s) for s in x.samples], [("r.jsonl", 2, 131), ("r.jsonl", 2, 214)])
        self.assertEqual((x.samples[0].source, x.samples[0].line, x.samples[0].column), ("r.jsonl", 2, 131))
        self.assertNotIn("申请7号", x.text)
        x = self.reason("a", "P7", "deduction.occurrences")
        self.assertEqual((x.text, x.evidence, x.note), ("发现2次，每次扣1.00分", ("错别字A",), "同一处"))
        self.assertEqual(x.samples, (SamplePosition("r.jsonl", 3, 42), SamplePosition("r.jsonl", 3, 86)))
        # the veto's samples, on the point it zeroes
        x = self.reason("b", "P8", "veto.applied")
        self.assertEqual((x.evidence, x.note, x.samples), (("通报文件",), None, (SamplePosition("r.jsonl", 4, 1),)))
        # a reason naming no sample
        x = self.reason("a", "P5", "count_per_period.short")
        self.assertEqual((x.evidence, x.note, x.samples), ((), None, ()))

    def test_same_as_json(self) -> None:
        d = json.loads(self.r.to_json())
        for u in d["units"]:
            for p in u["points"]:
                cell = self.r.cell(u["id"], p["id"])
                self.assertEqual(len(cell.reasons), len(p["reasons"]))
                for x, j in zip(cell.reasons, p["reasons"]):
                    self.assertEqual(list(x.evidence), j["evidence"])
                    self.assertEqual(x.note, j["note"])
                    self.assertEqual([list(s) for s in x.samples],
                                     [[s["source"], s["line"], s["column"]] for s in j["samples"]])
        # the streamed evaluation writes the same bytes
        out = io.StringIO()
        self.ev.write_json(out, pretty=False)
        self.assertEqual(out.getvalue(), self.r.to_json())

    def test_defaults(self) -> None:
        # a Reason made by hand names nothing
        self.assertEqual(Reason("x", "loss", "t"), Reason("x", "loss", "t", (), None, ()))
        self.assertEqual(SamplePosition("a", 1, 2)._fields, ("source", "line", "column"))
        self.assertIs(govopen.SamplePosition, SamplePosition)


if __name__ == "__main__":
    unittest.main()

"""Frameworks: the built-in Langao 2023 table, the fx fixture, the tree, units, groups, plans, JSON."""

from __future__ import annotations

import os
import tempfile
import unittest
from typing import Any, Dict, List

from _support import FX_YAML, SMALL, library, read

import govopen
from govopen import Framework, Group, Node, Point, Unit


def json_points(doc: Dict[str, Any]) -> List[Dict[str, Any]]:
    out: List[Dict[str, Any]] = []

    def walk(n: Dict[str, Any]) -> None:
        out.extend(n["points"])
        for c in n["children"]:
            walk(c)

    for n in doc["indicators"]:
        walk(n)
    return out


class LangaoTest(unittest.TestCase):
    fw: Framework

    @classmethod
    def setUpClass(cls) -> None:
        library()
        cls.fw = Framework.builtin("langao-2023")

    @classmethod
    def tearDownClass(cls) -> None:
        cls.fw.close()

    def test_builtins(self) -> None:
        self.assertEqual(Framework.builtins(), ["langao-2023"])

    def test_metadata(self) -> None:
        fw = self.fw
        self.assertEqual(fw.id, "langao-2023")
        self.assertEqual(fw.title, "岚皋县2023年政务公开工作绩效评估指标任务分解表")
        self.assertEqual(fw.year, 2023)
        self.assertEqual(fw.total, 100.0)
        self.assertEqual(fw.calendar, "cn")
        self.assertEqual(fw.schema, 1)
        self.assertEqual(fw.source_name, "builtin:langao-2023.yaml")
        self.assertIn("岚皋县", fw.region)
        self.assertEqual(repr(fw), "<Framework langao-2023 '岚皋县2023年政务公开工作绩效评估指标任务分解表'>")

    def test_tree(self) -> None:
        fw = self.fw
        root = fw.root
        self.assertTrue(root.is_root)
        self.assertEqual((root.id, root.depth, root.score, root.title), ("", 0, 100.0, fw.title))
        self.assertIsNone(root.parent)
        level1 = root.children
        self.assertEqual([n.score for n in level1], [38, 14, 10, 25, 13])
        self.assertEqual(level1[0].label + level1[0].title, "一、政府信息公开")
        self.assertFalse(level1[0].derived)
        self.assertTrue(level1[0].children[0].derived)
        self.assertEqual(level1[0].parent, root)
        self.assertEqual(level1[0].depth, 1)
        self.assertEqual(len(fw.nodes), 120)
        self.assertEqual(len(fw.points), 83)
        self.assertEqual(root.total_point_count, 83)
        self.assertEqual(sum(n.total_point_count for n in level1), 83)
        self.assertEqual([n.id for n in root.walk()][1:], [n.id for n in fw.nodes])
        n = fw.node("1.2.3")
        self.assertEqual((n.title, n.score, n.derived), ("行政复议行政诉讼", 6.34, True))
        self.assertEqual(n.aggregate, "sum")
        self.assertGreater(n.line, 0)
        self.assertGreater(n.column, 0)

    def test_points(self) -> None:
        fw = self.fw
        p = fw.points[0]
        self.assertEqual(p.id, "P01")
        self.assertEqual(p.index, 0)
        self.assertEqual(p.sampling, ["政府网站", "电话测评", "现场测评"])
        self.assertEqual(p.responsible, ["各镇", "县政府各部门", "直属机构"])
        self.assertEqual([type(e) for e in p.responsible_entries], [Group, Group, Group])
        self.assertEqual(p.units[0].name, "城关镇")
        p04 = fw.point("P04")
        self.assertEqual(p04.score, 0.19)
        self.assertEqual(" > ".join(n.label + n.title for n in p04.path),
                         "一、政府信息公开 > (一)主动公开 > 重点领域信息公开 > 稳岗就业信息公开")
        self.assertEqual([n.id for n in p04.path], ["1", "1.1", "1.1.1", "1.1.1.4"])
        self.assertEqual(p04.node.id, "1.1.1.4")
        self.assertIn(fw.unit("县人社局"), p04.units)
        self.assertEqual(p04.rule_kind, "checklist")
        self.assertEqual(fw.point("P29").rule_kind, "deadline")
        self.assertTrue(fw.point("P29").has_open_group)
        self.assertEqual(fw.responsible("P04"), p04.units)

    def test_units_and_groups(self) -> None:
        fw = self.fw
        self.assertEqual(len(fw.units), 39)
        self.assertEqual(len(fw.groups), 8)
        self.assertEqual(fw.units[0].name, "城关镇")
        towns = fw.group("各镇")
        self.assertEqual(len(towns.members), 12)
        self.assertEqual(towns.kinds, ["town"])
        self.assertFalse(towns.is_open)
        self.assertTrue(fw.group("各相关单位").is_open)
        u = fw.unit("县人社局")
        self.assertEqual((u.id, u.kind), ("renshe", "department"))
        self.assertEqual(fw.unit("renshe"), u)
        self.assertEqual(fw.unit("县人力资源和社会保障局"), u)
        self.assertIn("县人力资源和社会保障局", u.aliases)
        self.assertEqual(hash(fw.unit("renshe")), hash(u))
        with self.assertRaises(govopen.NotFoundError) as cm:
            fw.unit("县宣传部")
        self.assertEqual(str(cm.exception), "no unit '县宣传部' in langao-2023")
        self.assertIsInstance(cm.exception, LookupError)
        with self.assertRaises(govopen.NotFoundError) as cm:
            fw.unit("各镇")
        self.assertIn("'各镇' is a group", str(cm.exception))

    def test_duties(self) -> None:
        fw = self.fw
        doc = fw.to_dict()
        expected = [p["id"] for p in json_points(doc) if "县人社局" in p["units"]]
        duties = fw.duties("县人社局")
        self.assertEqual([p.id for p in duties], expected)
        self.assertEqual(len(duties), 32)
        self.assertEqual(round(sum(p.score for p in duties), 2), 40.34)
        self.assertEqual([p.id for p in duties[:4]], ["P01", "P02", "P04", "P08"])
        self.assertEqual(fw.duties(fw.unit("renshe")), duties)
        self.assertEqual(fw.unit("renshe").points, duties)

    def test_plan(self) -> None:
        pairs = self.fw.plan("模拟用户")
        self.assertEqual(len(pairs), 113)
        u, p = pairs[0]
        self.assertEqual((u.id, u.name, p.id), ("chengguan", "城关镇", "P28"))
        self.assertTrue(all("模拟用户" in p.sampling for _, p in pairs))
        with self.assertRaises(govopen.NotFoundError) as cm:
            self.fw.plan("电话抽查")
        self.assertIn("unknown sampling method '电话抽查'", str(cm.exception))
        self.assertIn("模拟用户", self.fw.methods)

    def test_walk(self) -> None:
        seen: List[str] = []
        self.assertIsNone(self.fw.walk(lambda n: seen.append(n.id)))
        self.assertEqual(seen, [n.id for n in self.fw.nodes])
        # a truthy value stops the walk and comes back
        found = self.fw.walk(lambda n: n if n.title == "行政复议行政诉讼" else None)
        self.assertEqual(found.id, "1.2.3")

        def boom(n: Node) -> None:
            raise KeyError(n.id)

        with self.assertRaises(KeyError) as cm:
            self.fw.walk(boom)
        self.assertEqual(cm.exception.args, ("1",))

    def test_adjustments_and_grades(self) -> None:
        adj = self.fw.adjustments
        self.assertEqual([(a.id, a.delta) for a in adj],
                         [("national-criticism", -3.0), ("national-praise", 3.0), ("publication-reprint", 1.0)])
        self.assertEqual(adj[0].text, "以上工作出现问题被国家通报批评的，在评估总得分基础上扣3分")

    def test_warnings(self) -> None:
        w = self.fw.warnings
        self.assertEqual(len(w), 5)
        self.assertTrue(all(d.severity == "warning" and not d.is_error for d in w))
        self.assertIn("the group '各相关单位' is open", w[0].message)
        self.assertTrue(str(w[0]).startswith("builtin:langao-2023.yaml:"))
        self.assertIn(": warning: the group '各相关单位' is open", str(w[0]))
        with self.assertRaises(govopen.SchemaError) as cm:
            Framework.builtin("langao-2023", strict=True)
        self.assertIn("the group '各相关单位' is open", cm.exception.message)
        self.assertEqual(sum(1 for d in cm.exception.errors if d.is_error), 5)

    def test_json(self) -> None:
        doc = self.fw.to_dict()
        self.assertEqual(doc["framework"]["id"], "langao-2023")
        self.assertEqual([n["score"] for n in doc["indicators"]], [38, 14, 10, 25, 13])
        self.assertEqual(len(json_points(doc)), 83)
        pretty = self.fw.to_json(pretty=True)
        self.assertIn("\n", pretty)
        self.assertNotIn("\n", self.fw.to_json())


class SmallFrameworksTest(unittest.TestCase):
    def setUp(self) -> None:
        library()

    def test_fx_file(self) -> None:
        with Framework.load(FX_YAML) as fw:
            self.assertEqual((fw.id, fw.title, fw.total, fw.year), ("fx", "测试框架", 100.0, 2023))
            self.assertEqual(fw.source_name, FX_YAML)
            self.assertEqual(fw.warnings, [])
            self.assertEqual([u.name for u in fw.units], ["甲镇", "乙镇", "丙镇", "县一局"])
            self.assertEqual([p.id for p in fw.points], ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P11",
                                                         "P9", "P10"])
            self.assertEqual([(g.name, g.kinds) for g in fw.groups], [("各镇", ["town"])])
            self.assertEqual([u.id for u in fw.responsible("P3")], ["a", "b", "c", "d"])
            self.assertEqual([p.id for p in fw.duties("县一局")], ["P3", "P8", "P10"])
            self.assertEqual([g.name for g in fw.grades], ["优秀", "良好", "合格"])
            self.assertEqual(fw.grades[1].min, 75.0)
            self.assertEqual(fw.grade_for(78.52), "良好")
            self.assertIsNone(fw.grade_for(10))
            self.assertEqual({p.id: p.rule_kind for p in fw.points}["P10"], "expression")
            self.assertEqual([(u.id, p.id) for u, p in fw.plan("模拟用户")],
                             [("a", "P3"), ("b", "P3"), ("c", "P3"), ("d", "P3"), ("d", "P10")])

    def test_from_string_and_pathlike(self) -> None:
        fw = Framework.from_string(SMALL, source_name="small.yaml")
        self.assertEqual(fw.source_name, "small.yaml")
        self.assertEqual([p.score for p in fw.points], [6.0, 4.0])
        self.assertTrue(fw.points[0].derived)
        self.assertEqual(fw.root.children[0].id, "1")  # ids default to the numbering
        self.assertEqual(fw.unit("县第一局").id, "d")
        fw.close()
        with tempfile.TemporaryDirectory() as tmp:
            import pathlib
            path = pathlib.Path(tmp) / "小.yaml"
            path.write_text(SMALL, encoding="utf-8")
            with Framework.load(path) as fw2:
                self.assertEqual(fw2.source_name, str(path))
        fw3 = Framework.from_string(SMALL.encode("utf-8"))
        self.assertEqual(fw3.source_name, "<string>")

    def test_views_compare_by_identity_of_framework(self) -> None:
        a = Framework.from_string(SMALL)
        b = Framework.from_string(SMALL)
        self.assertEqual(a.unit("a"), a.units[0])
        self.assertNotEqual(a.unit("a"), b.unit("a"))
        self.assertEqual(len({a.unit("a"), a.units[0], a.unit("甲镇")}), 1)
        with self.assertRaises(ValueError):
            a.duties(b.unit("a"))

    def test_lifetimes(self) -> None:
        fw = Framework.from_string(SMALL)
        node = fw.root.children[0]
        point = fw.points[0]
        del fw  # views keep the framework alive
        self.assertEqual(node.title, "一")
        self.assertEqual(point.node, node)
        self.assertEqual(point.framework.id, "small")
        fw = point.framework
        fw.close()
        fw.close()  # idempotent
        self.assertTrue(fw.closed)
        self.assertEqual(repr(fw), "<Framework (closed)>")
        with self.assertRaises(govopen.ClosedError):
            point.text
        with self.assertRaises(govopen.ClosedError):
            fw.units
        with self.assertRaises(govopen.ClosedError):
            with fw:
                pass

    def test_not_constructible_directly(self) -> None:
        with self.assertRaises(TypeError):
            Framework(None)  # type: ignore[arg-type]

    def test_to_dict_round_trip(self) -> None:
        fw = Framework.load(FX_YAML)
        doc = fw.to_dict()
        self.assertEqual(doc["framework"]["id"], "fx")
        self.assertEqual([u["id"] for u in doc["units"]], [u.id for u in fw.units])
        self.assertEqual(len(json_points(doc)), len(fw.points))

    def test_load_options(self) -> None:
        text = SMALL.replace("sampling: [政府网站]", "sampling: &web [政府网站]").replace(
            "sampling: [模拟用户]", "sampling: [模拟用户]")
        aliased = text + "      - {id: P3, text: 文三, sampling: *web, responsible: [县一局]}\n"
        with self.assertRaises(govopen.LimitError):
            Framework.from_string(aliased)
        fw = Framework.from_string(aliased, options=govopen.LoadOptions(max_aliases=1))
        self.assertEqual(fw.point("P3").sampling, ["政府网站"])
        with self.assertRaises(govopen.LimitError):
            Framework.from_string(SMALL, options=govopen.LoadOptions(max_size=100))
        with self.assertRaises(govopen.LimitError):
            Framework.from_string(SMALL, options=govopen.LoadOptions(max_depth=2))
        with self.assertRaises(govopen.InvalidArgumentError):
            Framework.from_string(SMALL, options=govopen.LoadOptions(max_depth=-1))

    def test_overlay(self) -> None:
        """An overlay of a file (tests/fixtures/overlay) and of a built-in; extends_files=False refuses files."""
        full = os.path.join(os.path.dirname(FX_YAML), "..", "overlay", "full.yaml")
        fw = Framework.load(full)
        self.assertEqual(fw.id, "overlay-2024")
        self.assertEqual([p.id for p in fw.points], ["P1", "P6", "P5", "P4", "P2"])
        with self.assertRaises(govopen.SchemaError) as cm:
            Framework.load(full, options=govopen.LoadOptions(extends_files=False))
        self.assertIn("files may not be extended here", str(cm.exception))
        own = Framework.from_string("schema: 1\nextends: langao-2023\nframework: {id: own-2024}\n"
                                    "points:\n  P01: {text: 改写}\n")
        self.assertEqual((own.id, own.point("P01").text, len(own.points)), ("own-2024", "改写", 83))

    def test_package_is_typed(self) -> None:
        self.assertTrue(os.path.exists(os.path.join(os.path.dirname(govopen.__file__), "py.typed")))
        self.assertEqual(read(FX_YAML).count("id: P"), len(Framework.load(FX_YAML).points))
        for cls in (Node, Point, Unit, Group):
            self.assertTrue(cls.__doc__)


if __name__ == "__main__":
    unittest.main()

"""Issue 14, item 7 through the binding: Result.fingerprint says what a result was made
from — the version, the framework's digest, the calendar, the as-of date and each
input's SHA-256 and counts — and its digest is the SHA-256 of the canonical text
docs/results.md defines, rebuilt here from the parts (settings and period from the
result's JSON). The same inputs give the same fingerprint (file or text, any name);
one byte of an observation file, one score of an overlay and the settings change it."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import unittest

from _support import FX_JSONL, FX_YAML, REPO, SAMPLE, library

import govopen
from govopen import Evaluation, Fingerprint, Framework, Input

OVERLAY = os.path.join(REPO, "examples", "county-overlay", "qingshan-2024.yaml")
OVERLAY_OBS = os.path.join(REPO, "examples", "county-overlay", "observations-2024.jsonl")
CALENDAR = os.path.join(REPO, "tests", "fixtures", "calendar", "county.yaml")
SETTINGS = [(1, "not_evaluated"), (2, "county"), (3, "max_named"), (4, "strict"), (5, "max_steps"),
            (6, "max_observations"), (8, "max_keys"), (9, "max_diagnostics"), (10, "min_coverage")]


def sha256_file(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def rebuilt(result: govopen.Result) -> str:
    """The fingerprint from its parts, in docs/results.md's canonical order."""
    fp = result.fingerprint
    member = json.loads(result.to_json())["fingerprint"]
    lines = ["govopen fingerprint 1", f"version\t{fp.version}", f"framework\t{fp.framework_id}\t{fp.framework_digest}",
             f"calendar\tfile\t{fp.calendar_digest}" if fp.calendar_digest else f"calendar\tbuiltin\t{fp.calendar}",
             f"as_of\t{fp.as_of.isoformat()}", "period\t%s\t%s" % (member["period"]["first"], member["period"]["last"])]
    lines += ["setting\t%d\t%d" % (n, member["settings"][name]) for n, name in SETTINGS]
    lines += [f"input\t{i.digest}\t{i.records}\t{i.accepted}\t{i.rejected}" for i in fp.inputs]
    return hashlib.sha256(("\n".join(lines) + "\n").encode("utf-8")).hexdigest()


def evaluate(fw: Framework, path: str, **settings) -> govopen.Result:
    with Evaluation(fw, as_of="2023-12-15", **settings) as ev:
        ev.add_path(path)
        return ev.run()


class FingerprintTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        library()

    def setUp(self) -> None:
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def test_parts_and_definition(self) -> None:
        with Framework.builtin("langao-2023") as fw:
            r = evaluate(fw, SAMPLE)
        fp = r.fingerprint  # the result outlives its framework and evaluation
        self.assertIsInstance(fp, Fingerprint)
        self.assertEqual(len(fp.digest), 64)
        self.assertEqual(fp.short, fp.digest[:16])
        self.assertEqual(fp.version, govopen.version())
        self.assertEqual((fp.framework_id, fp.calendar, fp.calendar_digest), ("langao-2023", "cn", None))
        self.assertEqual(len(fp.framework_digest), 64)
        self.assertEqual(fp.as_of.isoformat(), "2023-12-15")
        self.assertEqual(fp.inputs, (Input(name=SAMPLE, digest=sha256_file(SAMPLE), records=1032, accepted=1032,
                                           rejected=0),))
        self.assertEqual(fp.digest, rebuilt(r))
        member = json.loads(r.to_json())["fingerprint"]
        self.assertEqual(member["digest"], fp.digest)
        self.assertEqual(member["framework"], {"id": "langao-2023", "digest": fp.framework_digest})
        self.assertEqual(member["inputs"][0]["digest"], fp.inputs[0].digest)
        r.close()

    def test_same_inputs_same_fingerprint(self) -> None:
        with Framework.builtin("langao-2023") as fw, open(SAMPLE, "rb") as f:
            data = f.read()
            a = evaluate(fw, SAMPLE).fingerprint
            b = evaluate(fw, SAMPLE).fingerprint
            with Evaluation(fw, as_of="2023-12-15") as ev:
                ev.add_text(data, format="jsonl", source_name="另一个名字")
                c = ev.run().fingerprint
        self.assertEqual(a, b)
        self.assertEqual(c.digest, a.digest)  # names are reported, not digested
        self.assertEqual(c.inputs[0].name, "另一个名字")
        self.assertEqual(c.inputs[0].digest, a.inputs[0].digest)
        # the framework from its YAML file: the same framework, the same digest
        with Framework.load(os.path.join(REPO, "data", "frameworks", "langao-2023.yaml")) as fw:
            self.assertEqual(evaluate(fw, SAMPLE).fingerprint.digest, a.digest)

    def test_one_byte_of_an_observation_file(self) -> None:
        with open(FX_JSONL, "rb") as f:
            data = f.read()
        path = os.path.join(self.tmp.name, "fx.jsonl")
        with Framework.load(FX_YAML) as fw:
            digests = []
            for body in (data, data.replace(b"\n", b" \n", 1), data.replace(b'"value": false', b'"value": true ', 1)):
                with open(path, "wb") as f:
                    f.write(body)
                r = evaluate(fw, path)
                self.assertEqual(r.fingerprint.inputs[0].digest, hashlib.sha256(body).hexdigest())
                self.assertEqual(r.fingerprint.digest, rebuilt(r))
                digests.append(r.fingerprint.digest)
        self.assertEqual(len(set(digests)), 3)

    def test_one_score_of_an_overlay(self) -> None:
        with open(OVERLAY, encoding="utf-8") as f:
            text = f.read()
        changed = text.replace('"4": {score: 23}', '"4": {score: 22}').replace('"5": {score: 15}', '"5": {score: 16}')
        self.assertNotEqual(changed, text)
        prints = []
        for t in (text, changed):
            with Framework.from_string(t, "qingshan-2024.yaml") as fw:
                with Evaluation(fw) as ev:  # the overlay's own as-of date
                    ev.add_path(OVERLAY_OBS)
                    prints.append(ev.run().fingerprint)
        self.assertNotEqual(prints[0].framework_digest, prints[1].framework_digest)
        self.assertNotEqual(prints[0].digest, prints[1].digest)
        self.assertEqual(prints[0].inputs, prints[1].inputs)

    def test_settings_and_calendar(self) -> None:
        with Framework.load(FX_YAML) as fw:
            base = evaluate(fw, FX_JSONL).fingerprint.digest
            zero = evaluate(fw, FX_JSONL, not_evaluated="zero")
            named = evaluate(fw, FX_JSONL, max_named=7)
            cal = evaluate(fw, FX_JSONL, calendar_file=CALENDAR)
        digests = {base, zero.fingerprint.digest, named.fingerprint.digest, cal.fingerprint.digest}
        self.assertEqual(len(digests), 4)
        self.assertEqual(json.loads(named.to_json())["fingerprint"]["settings"]["max_named"], 7)
        self.assertEqual(cal.fingerprint.calendar, CALENDAR)
        self.assertEqual(cal.fingerprint.calendar_digest, sha256_file(CALENDAR))
        for r in (zero, named, cal):
            self.assertEqual(r.fingerprint.digest, rebuilt(r))

    def test_footers(self) -> None:
        with Framework.builtin("langao-2023") as fw:
            r = evaluate(fw, SAMPLE)
        fp = r.fingerprint
        zh = f"指纹 {fp.short}（govopen {fp.version}，框架 langao-2023，截至 2023-12-15）"
        en = f"Fingerprint {fp.short} (govopen {fp.version}, framework langao-2023, as of 2023-12-15)"
        self.assertTrue(r.rectify("城关镇").endswith("\n\n" + zh + "\n"))
        self.assertTrue(r.rectify("城关镇", lang="en").endswith("\n\n" + en + "\n"))
        self.assertTrue(r.to_markdown().endswith("\n---\n\n" + zh.replace("langao-2023", "langao\\-2023") + "\n"))
        self.assertIn(f'<p class="fingerprint">{en}</p></footer>', r.to_html(lang="en"))


if __name__ == "__main__":
    unittest.main()

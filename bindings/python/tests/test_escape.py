"""govopen.escape_text: text from an input made safe for a terminal (govopen_text_escape)."""

from __future__ import annotations

import unittest

from _support import library  # noqa: F401  (finds the library or skips loudly)

import govopen


class EscapeTest(unittest.TestCase):
    def test_controls(self) -> None:
        self.assertEqual(govopen.escape_text("\x1b]0;title\x07标题\x1b[2J"), "\\x1b]0;title\\x07标题\\x1b[2J")
        self.assertEqual(govopen.escape_text("a\tb\nc\x7f"), "a\\x09b\\x0ac\\x7f")
        self.assertEqual(govopen.escape_text("a\nb", keep_newline=True), "a\nb")
        self.assertEqual(govopen.escape_text("\x00"), "\\x00")

    def test_c1_and_bidi(self) -> None:
        self.assertEqual(govopen.escape_text("\u009b31m"), "\\u009b31m")
        self.assertEqual(govopen.escape_text("exe.\u202etxt"), "exe.\\u202etxt")
        self.assertEqual(govopen.escape_text("\u2066\u2069\u200e\u061c\u2028"),
                         "\\u2066\\u2069\\u200e\\u061c\\u2028")

    def test_plain_text_unchanged(self) -> None:
        for s in ["", "岚皋县", "a\\x1b", "全角＝＋", "\u3000空格\u00a0", "😀"]:
            self.assertEqual(govopen.escape_text(s), s)

    def test_ill_formed_bytes(self) -> None:
        # a str from a file name with undecodable bytes (surrogateescape)
        self.assertEqual(govopen.escape_text(b"a\xff\x9bb".decode("utf-8", "surrogateescape")), "a\\xff\\x9bb")


if __name__ == "__main__":
    unittest.main()

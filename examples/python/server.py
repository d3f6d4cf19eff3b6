#!/usr/bin/env python3
"""A minimal JSON web service for a county portal, standard library only.

usage: server.py [PORT] [--framework FILE]

Listens on 127.0.0.1 only (put a real web server in front of it to publish
it); PORT 0 (the default) takes a free port. The first line printed is
"serving on http://127.0.0.1:PORT/".

  GET  /duties?unit=县人社局
       -> 200 {"unit": {...}, "points": [{"id", "text", "score", "path", "sampling", "responsible"}]}
       -> 404 for an unknown unit, 400 without ?unit=
  POST /evaluate   {"as_of": "2023-12-15", "observations": [{...}, ...]}
       (optional "not_evaluated": "skip" | "zero", "county": "mean" | "min")
       -> 200 {"result": <docs/results.md>, "rejected": [{"line", "column", "message", "path"}]}
       -> 400 for bad JSON, a bad date or a bad setting; 413 for a body over 16 MiB

Errors are JSON too: {"error": "...", "status": 400}. The framework is loaded
once and shared by every request thread (it is immutable); each request gets
its own Evaluation.
"""

from __future__ import annotations

import argparse
import json
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Optional
from urllib.parse import parse_qs, urlsplit

import govopen

MAX_BODY = 16 * 1024 * 1024


class BadRequest(Exception):
    """A client error: answered with its HTTP status and message."""

    def __init__(self, status: HTTPStatus, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.extra = extra


def duties(fw: govopen.Framework, query: Dict[str, List[str]]) -> Dict[str, Any]:
    """GET /duties?unit=…: the unit's points with their indicator path."""
    keys = query.get("unit", [])
    if len(keys) != 1 or not keys[0]:
        raise BadRequest(HTTPStatus.BAD_REQUEST, "give one unit: /duties?unit=<id, name or alias>")
    try:
        unit = fw.unit(keys[0])
    except govopen.NotFoundError as e:
        raise BadRequest(HTTPStatus.NOT_FOUND, e.message) from None
    return {
        "unit": {"id": unit.id, "name": unit.name, "kind": unit.kind},
        "points": [{"id": p.id, "text": p.text, "score": p.score,
                    "path": [{"id": n.id, "title": n.title} for n in p.path],
                    "sampling": p.sampling, "responsible": p.responsible} for p in unit.points],
    }


def evaluate(fw: govopen.Framework, body: Any) -> Dict[str, Any]:
    """POST /evaluate: the library's result for the posted observations."""
    if not isinstance(body, dict):
        raise BadRequest(HTTPStatus.BAD_REQUEST, "the body must be a JSON object")
    as_of = body.get("as_of")
    observations = body.get("observations")
    if not isinstance(as_of, str):
        raise BadRequest(HTTPStatus.BAD_REQUEST, "'as_of' (a YYYY-MM-DD string) is required")
    if not isinstance(observations, list) or not all(isinstance(o, dict) for o in observations):
        raise BadRequest(HTTPStatus.BAD_REQUEST, "'observations' must be a list of objects")
    unknown = sorted(set(body) - {"as_of", "observations", "not_evaluated", "county"})
    if unknown:
        raise BadRequest(HTTPStatus.BAD_REQUEST, f"unknown member '{unknown[0]}'")
    try:
        with govopen.Evaluation(fw, as_of=as_of, not_evaluated=body.get("not_evaluated"),
                                county=body.get("county")) as ev:
            # Sent as JSON Lines: a rejected observation's line is its position in the list + 1.
            ev.add(observations, source_name="observations")
            rejected = [{"line": d.line, "column": d.column, "message": d.message, "path": d.path}
                        for d in ev.diagnostics]
            with ev.run() as result:
                return {"result": result.to_dict(), "rejected": rejected}
    except (govopen.InvalidArgumentError, govopen.RangeError, govopen.SchemaError, govopen.ParseError) as e:
        raise BadRequest(HTTPStatus.BAD_REQUEST, e.message) from None


def make_handler(fw: govopen.Framework) -> type:
    """A request handler class serving `fw`."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "govopen-example/" + govopen.__version__

        def send_json(self, status: HTTPStatus, doc: Dict[str, Any]) -> None:
            data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def send_error_json(self, e: BadRequest) -> None:
            self.send_json(e.status, {"error": str(e), "status": int(e.status), **e.extra})

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            url = urlsplit(self.path)
            try:
                if url.path != "/duties":
                    raise BadRequest(HTTPStatus.NOT_FOUND, f"no such endpoint: GET {url.path}")
                self.send_json(HTTPStatus.OK, duties(fw, parse_qs(url.query)))
            except BadRequest as e:
                self.send_error_json(e)

        def do_POST(self) -> None:  # noqa: N802
            url = urlsplit(self.path)
            try:
                if url.path != "/evaluate":
                    raise BadRequest(HTTPStatus.NOT_FOUND, f"no such endpoint: POST {url.path}")
                length = self.headers.get("Content-Length")
                if length is None or not length.isdigit():
                    raise BadRequest(HTTPStatus.LENGTH_REQUIRED, "a Content-Length is required")
                if int(length) > MAX_BODY:
                    raise BadRequest(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the body is over {MAX_BODY} bytes")
                raw = self.rfile.read(int(length))
                try:
                    body = json.loads(raw.decode("utf-8"))
                except (UnicodeDecodeError, json.JSONDecodeError) as e:
                    raise BadRequest(HTTPStatus.BAD_REQUEST, f"the body is not JSON: {e}") from None
                self.send_json(HTTPStatus.OK, evaluate(fw, body))
            except BadRequest as e:
                self.send_error_json(e)

        def log_message(self, format: str, *args: Any) -> None:
            sys.stderr.write("%s - %s\n" % (self.address_string(), format % args))

    return Handler


def main(argv: Optional[List[str]] = None) -> int:
    """Serves until interrupted; returns the exit status."""
    parser = argparse.ArgumentParser(description="A JSON web service over libgovopen.")
    parser.add_argument("port", nargs="?", type=int, default=0, help="the port (0: a free one)")
    parser.add_argument("--framework", help="a county's framework YAML (default: built-in langao-2023)")
    args = parser.parse_args(argv)
    try:
        fw = govopen.Framework.load(args.framework) if args.framework else govopen.Framework.builtin()
    except govopen.GovOpenError as e:
        print(f"server: {e}", file=sys.stderr)
        return 1
    with fw, ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(fw)) as httpd:
        httpd.daemon_threads = True
        host, port = httpd.server_address[:2]
        print(f"serving on http://{host}:{port}/", flush=True)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())

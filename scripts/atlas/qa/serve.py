"""Serve a built site folder on 127.0.0.1 the way a static host does, for the browser tests.

A random free port, so parallel runs never collide; threaded, because a browser opens several
connections at once; missing files get the site's own 404.html with status 404, as GitHub Pages,
Netlify and most static hosts do.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator


class _StaticHostHandler(SimpleHTTPRequestHandler):
    def send_error(self, code, message=None, explain=None):
        not_found_page = Path(self.directory) / "404.html"
        if code == 404 and not_found_page.is_file():
            body = not_found_page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format, *args):
        pass  # quiet: test output should show failures, not every request


def serve(site_dir: Path):
    """Serve `site_dir` for the duration of the `with` block; yields its base URL."""
    return serve_with(_StaticHostHandler, site_dir)


@contextlib.contextmanager
def serve_with(handler_class, site_dir: Path, *, server_class=ThreadingHTTPServer, name: str = "atlas-test-server") -> Iterator[str]:
    """Serve `site_dir` on a free port of 127.0.0.1 with `handler_class` (a static-file
    handler) for the `with` block; yields its base URL. Shared by the tests and the benchmark."""
    handler = functools.partial(handler_class, directory=str(Path(site_dir).resolve()))
    server = server_class(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

"""`make edit`'s front door: /admin/ comes from the prepared tree, untouched; everything else
passes through to the preview, whose live-reload script stays off the editor's page."""

from __future__ import annotations

import http.server
import threading
import urllib.request

from atlas.editor.local import serve_front_door


class Preview(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        body = f"<html><body>preview {self.path}<script>livereload()</script></body></html>".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_admin_is_served_as_written_and_the_rest_passes_through(tmp_path):
    admin = tmp_path / "admin"
    admin.mkdir()
    (admin / "index.html").write_text("<html>editor</html>")
    (admin / "config.yml").write_text("backend: {}\n")
    preview = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Preview)
    threading.Thread(target=preview.serve_forever, daemon=True).start()
    door = serve_front_door(("127.0.0.1", 0), admin=admin, preview=preview.server_address)
    base = f"http://127.0.0.1:{door.server_address[1]}"
    try:
        assert urllib.request.urlopen(f"{base}/admin/").read() == b"<html>editor</html>"
        config = urllib.request.urlopen(f"{base}/admin/config.yml")
        assert config.headers["Content-Type"] == "text/yaml"
        page = urllib.request.urlopen(f"{base}/photos/x/").read().decode()
        assert "preview /photos/x/" in page and "livereload" in page
        try:
            urllib.request.urlopen(f"{base}/admin/../../etc/passwd")
        except urllib.error.HTTPError as error:
            assert error.code == 404
    finally:
        door.shutdown()
        preview.shutdown()

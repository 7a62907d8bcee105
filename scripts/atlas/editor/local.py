"""`make edit`: the staff editor on a laptop, against the working copy.

- decap-server (Decap's local backend, from scripts/node) reads and writes the working copy,
  on 127.0.0.1:8081 only;
- the preview (atlas.preview, on either engine) runs on an internal port;
- a small front door on the address staff open (127.0.0.1:8000) serves /admin/ itself, from the
  prepared tree, and passes everything else through to the preview byte for byte (HTTP and the
  engines' live-reload connections alike). So the preview's live-reload script, which both
  engines inject into every HTML page they serve, never reaches /admin/;
- the catalog lock is held the whole time, so `make withdraw` or `make add-photo` in a terminal
  waits or refuses instead of racing an editor save.
"""

from __future__ import annotations

import mimetypes
import os
import socket
import socketserver
import subprocess
import threading
from pathlib import Path

from .admin import ADMIN_FOLDER, NODE_TOOLS

BACKEND_PORT = 8081
_HEADER_END = b"\r\n\r\n"


def decap_server(project: Path) -> subprocess.Popen:
    server = NODE_TOOLS / "node_modules" / ".bin" / "decap-server"
    if not server.is_file():
        raise FileNotFoundError(f"{server} is missing: run `make edit` (it installs it) or `npm ci --prefix scripts/node`")
    env = {**os.environ, "PORT": str(BACKEND_PORT), "BIND_HOST": "127.0.0.1", "GIT_REPO_DIRECTORY": str(project)}
    return subprocess.Popen([str(server)], cwd=project, env=env)


class FrontDoor(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], *, admin: Path, preview: tuple[str, int]):
        self.admin, self.preview = admin, preview
        super().__init__(address, _Handler)


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        head = b""
        while _HEADER_END not in head and len(head) < 65536:
            chunk = self.request.recv(4096)
            if not chunk:
                return
            head += chunk
        request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
        parts = request_line.split(" ")
        path = parts[1].split("?", 1)[0] if len(parts) > 1 else "/"
        if path == f"/{ADMIN_FOLDER}" or path.startswith(f"/{ADMIN_FOLDER}/"):
            self._serve_admin(path)
        else:
            self._pass_through(head)

    def _serve_admin(self, path: str) -> None:
        relative = path[len(f"/{ADMIN_FOLDER}"):].lstrip("/") or "index.html"
        file = (self.server.admin / relative).resolve()
        if self.server.admin.resolve() not in file.parents or not file.is_file():
            self.request.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return
        body = file.read_bytes()
        kind = {".yml": "text/yaml", ".wasm": "application/wasm"}.get(file.suffix) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        self.request.sendall(
            f"HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n"
            "Cache-Control: no-store\r\nConnection: close\r\n\r\n".encode("latin-1") + body
        )

    def _pass_through(self, head: bytes) -> None:
        try:
            upstream = socket.create_connection(self.server.preview, timeout=30)
        except OSError:
            self.request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return
        upstream.settimeout(None)
        upstream.sendall(head)
        back = threading.Thread(target=_pipe, args=(upstream, self.request), daemon=True)
        back.start()
        _pipe(self.request, upstream)
        back.join()


def _pipe(source: socket.socket, target: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    finally:
        for sock, how in ((target, socket.SHUT_WR), (source, socket.SHUT_RD)):
            try:
                sock.shutdown(how)
            except OSError:
                pass


def serve_front_door(address: tuple[str, int], *, admin: Path, preview: tuple[str, int]) -> FrontDoor:
    door = FrontDoor(address, admin=admin, preview=preview)
    threading.Thread(target=door.serve_forever, daemon=True).start()
    return door


__all__ = ["BACKEND_PORT", "decap_server", "serve_front_door"]

#!/usr/bin/env python3
"""A fault-injecting HTTP proxy for the Redmine loader tests, put in front of the real Redmine.

Of every PERIOD requests it answers one with 429 and Retry-After, one with 503, drops one connection before
forwarding, and for a write drops one connection after forwarding (Redmine did it, the answer is lost); the
rest pass through unchanged.

    fault_proxy.py UPSTREAM_PORT PORT_FILE [PERIOD] [RETRY_AFTER_SECONDS]
writes the port it listens on (127.0.0.1, a free one) into PORT_FILE.
"""
import http.client
import http.server
import itertools
import sys
import threading

UPSTREAM_PORT = int(sys.argv[1])
PORT_FILE = sys.argv[2]
PERIOD = int(sys.argv[3]) if len(sys.argv) > 3 else 11
RETRY_AFTER = sys.argv[4] if len(sys.argv) > 4 else "1"
COUNTER = itertools.count(1)
LOCK = threading.Lock()
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


class FaultyHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, headers=(), body=b""):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def drop(self):
        self.close_connection = True  # nothing written: the client sees the connection close

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        with LOCK:
            slot = next(COUNTER) % PERIOD
        if slot == 2:
            return self.answer(429, [("Retry-After", RETRY_AFTER)])
        if slot == 4:
            return self.answer(503)
        if slot == 6:
            return self.drop()
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        upstream = http.client.HTTPConnection("127.0.0.1", UPSTREAM_PORT, timeout=120)
        upstream.request(self.command, self.path, body=body, headers=headers)
        response = upstream.getresponse()
        data = response.read()
        upstream.close()
        if slot == 8 and self.command != "GET":
            return self.drop()
        self.answer(response.status, [(k, v) for k, v in response.getheaders() if k.lower() not in HOP_BY_HOP], data)

    do_GET = do_POST = do_PUT = do_DELETE = handle_any


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FaultyHandler)
server.daemon_threads = True
with open(PORT_FILE + ".tmp", "w") as out:
    out.write(str(server.server_address[1]))
import os  # noqa: E402  (rename last, so a reader never sees a half-written file)
os.rename(PORT_FILE + ".tmp", PORT_FILE)
server.serve_forever()

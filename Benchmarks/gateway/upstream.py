"""A fast stand-in for an MCP server: answers any POST with one JSON-RPC result of SIZE
bytes (chunked transfer encoding), an e-mail address about every 2 KiB.

Usage: upstream.py PORT SIZE
"""
import http.server
import sys

SIZE = int(sys.argv[2])
line = ("lorem ipsum dolor sit amet " * 70 + "contact ann.smith@example.com ").encode()
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        def chunk(b):
            self.wfile.write(b"%x\r\n" % len(b) + b + b"\r\n")
        chunk(b'{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"')
        block = line * (65536 // len(line))
        sent = 0
        while sent < SIZE:
            chunk(block); sent += len(block)
        chunk(b'"}]}}')
        self.wfile.write(b"0\r\n\r\n")
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()

"""A fast stand-in for an MCP server answering small calls: HTTP/1.1 keep-alive, each POSTed
JSON-RPC request gets a result of about 1 KiB echoing its id (one e-mail address in the text),
sent with chunked transfer encoding as the SDK servers stream; notifications get 202.

Usage: small_upstream.py PORT
"""
import asyncio
import json
import sys

TEXT = (
    "The quarterly review covered the migration of the billing service, the new retention "
    "policy for audit records and the on-call rota for the holiday period. Most of the open "
    "questions were settled in the meeting; the remaining ones concern the export format for "
    "the finance team and the schedule for the load tests on the staging cluster. For anything "
    "about the rota, contact ann.smith@example.com before Friday. The migration itself is "
    "planned in three steps: first the read path moves to the new cluster, then the write path "
    "follows once the replication lag stays under a second for a full week, and finally the old "
    "nodes are drained and retired. Each step has a rollback plan that was rehearsed on staging. "
    "The retention policy keeps audit records for thirteen months and summaries for seven years, "
    "and the export format will be settled with the finance team at the next review meeting. Minutes follow by the end of the week."
)
# The reply is sent as two chunks in one write: '{"jsonrpc":"2.0","id":' + id, then the rest.
HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
PREFIX = b'{"jsonrpc":"2.0","id":'
REST = (',"result":{"content":[{"type":"text","text":' + json.dumps(TEXT) + '}],"isError":false}}').encode()
INIT = (',"result":{"protocolVersion":"2025-06-18","capabilities":{"tools":{}},'
        '"serverInfo":{"name":"small-upstream","version":"1"}}}').encode()
REST_CHUNK = b"%x\r\n" % len(REST) + REST + b"\r\n0\r\n\r\n"
INIT_CHUNK = b"%x\r\n" % len(INIT) + INIT + b"\r\n0\r\n\r\n"
ACCEPTED = b"HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n"
NOT_ALLOWED = b"HTTP/1.1 405 Method Not Allowed\r\nAllow: POST\r\nContent-Length: 0\r\n\r\n"
BAD = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"


async def read_chunked(reader):
    parts = []
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";", 1)[0], 16)
        if size == 0:
            while await reader.readuntil(b"\r\n") != b"\r\n":  # trailers
                pass
            return b"".join(parts)
        parts.append((await reader.readexactly(size + 2))[:-2])


async def serve(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.split(b"\r\n")
            method = lines[0].split(b" ", 1)[0]
            length, chunked = 0, False
            for line in lines[1:]:
                name, _, value = line.partition(b":")
                name = name.strip().lower()
                if name == b"content-length":
                    length = int(value)
                elif name == b"transfer-encoding":
                    chunked = b"chunked" in value.lower()
            body = await read_chunked(reader) if chunked else await reader.readexactly(length)
            if method != b"POST":
                writer.write(NOT_ALLOWED)
                continue
            try:
                message = json.loads(body)
            except ValueError:
                writer.write(BAD)
                continue
            if not isinstance(message, dict) or "id" not in message or "method" not in message:
                writer.write(ACCEPTED)  # a notification or a response
                continue
            first = PREFIX + json.dumps(message["id"]).encode()
            rest = INIT_CHUNK if message["method"] == "initialize" else REST_CHUNK
            writer.write(HEAD + b"%x\r\n" % len(first) + first + b"\r\n" + rest)
            if writer.transport.get_write_buffer_size() > 1 << 16:
                await writer.drain()
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError, ValueError):
        pass
    finally:
        writer.close()


async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", int(sys.argv[1]), backlog=256)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass

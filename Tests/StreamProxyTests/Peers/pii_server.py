"""A stdio MCP server (official Python SDK) whose tool returns planted personal data.

Used by the StreamProxy end-to-end tests: every value below is a canary that must never
reach the client or the audit log unmasked.
"""
import asyncio
import os
import sys
from typing import TypedDict

from mcp.server.mcpserver import Context, MCPServer

EMAIL = "canary.person@example.org"
CARD = "4111 1111 1111 1111"
IBAN = "DE89 3704 0044 0532 0130 00"
PHONE = "+1 415 555 2671"
SSN = "078-05-1120"

server = MCPServer("pii-server")
# A duplicate of the protocol channel, taken before the SDK diverts descriptor 1 to stderr.
WIRE = os.dup(1)


class Customer(TypedDict):
    name: str
    email: str
    card: str
    phone: str


@server.tool()
async def lookup_customer(customer_id: str, ctx: Context) -> Customer:
    """Returns a customer record full of personal data, with progress along the way."""
    await ctx.report_progress(1, 2, f"found {EMAIL} for {customer_id}")
    await ctx.report_progress(2, 2, f"card on file {CARD}")
    return Customer(name="Canary Person", email=EMAIL, card=CARD, phone=PHONE)


@server.tool()
async def big_report(lines: int) -> str:
    """Returns a long text with a planted value on every line."""
    return "\n".join(f"row {i}: contact {EMAIL} iban {IBAN} ssn {SSN}" for i in range(lines))


HTTP = len(sys.argv) > 2 and sys.argv[1] == "--http"
# --stateless: no sessions, and every answer as one JSON body (no event stream).
STATELESS = "--stateless" in sys.argv


@server.tool()
async def crash_midway(ctx: Context) -> str:
    """Dies mid-response: over stdio after half a response line with a planted value; over HTTP
    after a progress notification, with the event stream open."""
    if HTTP:
        await ctx.report_progress(1, 2, f"working for {EMAIL}")
        await asyncio.sleep(0.3)
        os._exit(3)
    os.write(WIRE, ('{"jsonrpc":"2.0","id":99,"result":{"content":[{"type":"text","text":"' + EMAIL).encode())
    os._exit(3)


if __name__ == "__main__":
    print(f"pii-server starting; support contact {EMAIL}", file=sys.stderr)
    if HTTP:
        # Streamable HTTP on 127.0.0.1:PORT/mcp (the SDK's default path).
        import anyio
        anyio.run(lambda: server.run_streamable_http_async(host="127.0.0.1", port=int(sys.argv[2]),
                                                           stateless_http=STATELESS, json_response=STATELESS))
    else:
        server.run("stdio")

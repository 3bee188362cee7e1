"""An MCP client (official Python SDK) that talks to a server through Veil.

Usage:
    client.py stdio VEIL AUDIT_DB SERVER_SCRIPT [session|crash]   (launches `veil wrap`)
    client.py http URL [session|crash|modern]                     (talks to `veil proxy`)

Prints one JSON object with what the client received. `session`: the tool results (text and
structuredContent), the progress messages in arrival order, event order markers and the size
of a large report. `crash`: the error the client got when the server died mid-response.
`modern`: the `session` run with the SDK's `Client`, which probes `server/discover` and speaks
the stateless 2026-07-28 protocol (Mcp-Method and Mcp-Name headers) when the server does;
the output then also names the protocol version agreed.
"""
import asyncio
import contextlib
import json
import sys

from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client


@contextlib.asynccontextmanager
async def connect(argv):
    if argv[0] == "stdio":
        veil, audit_db, server_script = argv[1:4]
        params = StdioServerParameters(command=veil, args=["wrap", "--audit-db", audit_db, "--", sys.executable, server_script])
        async with stdio_client(params) as (read, write):
            yield read, write
    else:
        async with streamable_http_client(argv[1]) as streams:
            yield streams[0], streams[1]


async def session_run(argv) -> dict:
    events, progress = [], []

    async def on_progress(value, total, message):
        progress.append(message)
        events.append("progress")

    async with connect(argv) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            result = await session.call_tool("lookup_customer", {"customer_id": "C-1", "contact": "caller.secret@example.net"},
                                             progress_callback=on_progress)
            events.append("result")
            report = await session.call_tool("big_report", {"lines": 3000})
    return {
        "text": [c.text for c in result.content if getattr(c, "type", "") == "text"],
        "structured": result.structured_content,
        "isError": result.is_error,
        "progress": progress,
        "events": events,
        "report_chars": sum(len(c.text) for c in report.content if getattr(c, "type", "") == "text"),
    }


async def crash_run(argv) -> dict:
    outcome = {"error": None}
    try:
        async with connect(argv) as (read, write):
            async with ClientSession(read, write) as session:
                await session.initialize()
                try:
                    await asyncio.wait_for(session.call_tool("crash_midway", {}), timeout=20)
                except Exception as error:  # the JSON-RPC error Veil sends for the lost answer
                    outcome["error"] = str(error)
    except BaseException as error:  # the transport closing under the session
        if outcome["error"] is None:
            outcome["error"] = "transport: " + repr(error)
    return outcome


async def modern_run(argv) -> dict:
    from mcp.client.client import Client

    events, progress = [], []

    async def on_progress(value, total, message):
        progress.append(message)
        events.append("progress")

    async with Client(argv[1]) as client:
        result = await client.call_tool("lookup_customer", {"customer_id": "C-1", "contact": "caller.secret@example.net"},
                                        progress_callback=on_progress)
        events.append("result")
        report = await client.call_tool("big_report", {"lines": 3000})
        protocol = client.session.protocol_version
    return {
        "protocol": protocol,
        "text": [c.text for c in result.content if getattr(c, "type", "") == "text"],
        "structured": result.structured_content,
        "progress": progress,
        "events": events,
        "report_chars": sum(len(c.text) for c in report.content if getattr(c, "type", "") == "text"),
    }


def main() -> None:
    argv = sys.argv[1:]
    positional = 4 if argv[0] == "stdio" else 2
    mode = argv[positional] if len(argv) > positional else "session"
    run = {"crash": crash_run, "modern": modern_run}.get(mode, session_run)
    print(json.dumps(asyncio.run(run(argv))))


main()

"""An MCP client (official Python SDK) that talks to a stdio server through `veil wrap`.

Usage: stdio_client.py VEIL AUDIT_DB SERVER_SCRIPT [session|crash]
Prints one JSON object with what the client received. `session`: the tool results (text and
structuredContent), the progress messages in arrival order, and event order markers.
`crash`: the error the client got when the server died mid-response.
"""
import asyncio
import json
import sys

from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client


async def main() -> None:
    veil, audit_db, server_script = sys.argv[1:4]
    mode = sys.argv[4] if len(sys.argv) > 4 else "session"
    params = StdioServerParameters(
        command=veil,
        args=["wrap", "--audit-db", audit_db, "--", sys.executable, server_script],
    )
    events = []
    progress = []

    async def on_progress(value, total, message):
        progress.append(message)
        events.append("progress")

    if mode == "crash":
        outcome = {"error": None}
        try:
            async with stdio_client(params) as (read, write):
                async with ClientSession(read, write) as session:
                    await session.initialize()
                    try:
                        await asyncio.wait_for(session.call_tool("crash_midway", {}), timeout=20)
                    except Exception as error:  # the JSON-RPC error Veil sends for the lost answer
                        outcome["error"] = str(error)
        except BaseException as error:  # the transport closing under the session
            if outcome["error"] is None:
                outcome["error"] = "transport: " + repr(error)
        print(json.dumps(outcome))
        return

    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            result = await session.call_tool("lookup_customer", {"customer_id": "C-1", "contact": "caller.secret@example.net"},
                                             progress_callback=on_progress)
            events.append("result")
            report = await session.call_tool("big_report", {"lines": 3000})
    out = {
        "text": [c.text for c in result.content if getattr(c, "type", "") == "text"],
        "structured": result.structured_content,
        "isError": result.is_error,
        "progress": progress,
        "events": events,
        "report_chars": sum(len(c.text) for c in report.content if getattr(c, "type", "") == "text"),
        "report_head": [c.text[:200] for c in report.content if getattr(c, "type", "") == "text"],
    }
    print(json.dumps(out))


asyncio.run(main())

#!/usr/bin/env python3
"""Open-loop latency of small MCP round trips: POSTs a JSON-RPC tools/call of about 1 KiB at a
fixed rate over HTTP/1.1 keep-alive connections and reports latency percentiles.

Requests are scheduled every 1/RATE seconds whether or not earlier ones have been answered (a
pacing thread hands them to whichever connection is free), and latency runs from the scheduled
send time to the last byte of the response, so a stall is charged to every request it delays
(no coordinated omission). Requests scheduled in the first WARMUP seconds are sent but not
counted. A response is an error unless it is 2xx and carries a JSON-RPC result; requests still
unanswered TIMEOUT seconds after the last one was scheduled count as errors too. "pacing lag" is
how late the event loop took each request in hand: if its p99 is not well under the latencies,
the generator itself is the bottleneck. "send lag" also counts the wait for a free connection.

Usage: latency.py [--url URL] [--rate N] [--duration S] [--warmup S] [--connections N]
                  [--timeout S] [--json]
"""
import argparse
import asyncio
import json
import sys
import threading
import time
from urllib.parse import urlsplit

PROSE = (
    "Summarise the attached notes for the weekly report. The team finished moving the search "
    "index to the new storage tier, which cut the nightly rebuild from four hours to seventy "
    "minutes. Two incidents were closed: a misconfigured health check that restarted healthy "
    "pods, and a certificate that expired on a staging endpoint nobody had used in months. Next "
    "week the focus is the rate limiter for the public API, the cleanup of unused feature flags "
    "and the first draft of the capacity plan for the spring release. Please keep the summary "
    "under two hundred words, list the open risks separately, and leave out internal ticket "
    "numbers. The audience is the wider engineering group, so avoid project code names and "
    "explain any abbreviation on first use. If something in the notes is unclear, say so rather "
    "than guessing, and point to the section it came from. Thanks for turning this around by "
    "Thursday afternoon at the latest."
)


def percentile(ordered, p):
    """Nearest-rank percentile of an ascending list."""
    if not ordered:
        return float("nan")
    rank = max(1, -(-len(ordered) * p // 100))  # ceil(n * p / 100)
    return ordered[min(len(ordered), int(rank)) - 1]


class Generator:
    def __init__(self, args):
        url = urlsplit(args.url)
        if url.scheme != "http":
            sys.exit("latency.py: only http:// URLs are supported")
        self.host, self.port = url.hostname, url.port or 80
        path = (url.path or "/") + (f"?{url.query}" if url.query else "")
        self.args = args
        self.head = (
            f"POST {path} HTTP/1.1\r\nHost: {url.netloc}\r\n"
            "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
        ).encode()
        self.prefix = b'{"jsonrpc":"2.0","id":'
        self.suffix = (',"method":"tools/call","params":{"name":"echo","arguments":{"text":'
                       + json.dumps(PROSE) + "}}}").encode()
        self.next_id = 0
        self.queue = asyncio.Queue()
        self.outstanding = 0
        self.pacing_done = False
        self.idle = asyncio.Event()
        self.measure_from = 0.0
        self.latencies = []  # seconds, successful requests scheduled after the warm-up
        self.lags = []  # seconds from scheduled to actual send, same requests
        self.pacing = []  # seconds from scheduled to taken in hand by the event loop
        self.last_end = 0.0
        self.errors = {}
        self.measured_sent = 0

    def request(self):
        self.next_id += 1
        body = self.prefix + str(self.next_id).encode() + self.suffix
        return self.head + b"Content-Length: %d\r\n\r\n" % len(body) + body

    def error(self, kind, scheduled):
        if scheduled >= self.measure_from:
            self.errors[kind] = self.errors.get(kind, 0) + 1

    # Pacing runs in its own thread: time.sleep wakes within tens of microseconds, while the
    # event loop's timers only have millisecond resolution (epoll), which would add up to 1 ms
    # of scheduling jitter to every request.
    def pace(self, loop, start, count, interval):
        for i in range(count):
            t = start + i * interval
            delay = t - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            loop.call_soon_threadsafe(self.dispatch, t)
        loop.call_soon_threadsafe(self.finish_pacing)

    def dispatch(self, scheduled):
        if scheduled >= self.measure_from:
            self.pacing.append(time.perf_counter() - scheduled)
        self.outstanding += 1
        self.queue.put_nowait(scheduled)

    def finish_pacing(self):
        self.pacing_done = True
        if self.outstanding == 0:
            self.idle.set()

    async def connect(self):
        return await asyncio.open_connection(self.host, self.port)

    async def worker(self, conn):
        reader, writer = conn
        while True:
            scheduled = await self.queue.get()
            try:
                if writer is None:
                    reader, writer = await self.connect()
                sent = time.perf_counter()
                writer.write(self.request())
                status, body, keep = await read_response(reader)
                end = time.perf_counter()
                if not keep:
                    writer.close()
                    reader = writer = None
                if not 200 <= status < 300:
                    self.error(f"HTTP {status}", scheduled)
                elif b'"result"' not in body:
                    self.error("JSON-RPC error" if b'"error"' in body else "no result", scheduled)
                elif scheduled >= self.measure_from:
                    self.latencies.append(end - scheduled)
                    self.lags.append(sent - scheduled)
                    self.last_end = max(self.last_end, end)
            except (OSError, EOFError, ValueError, asyncio.IncompleteReadError,
                    asyncio.LimitOverrunError) as e:
                self.error(type(e).__name__, scheduled)
                if writer is not None:
                    writer.close()
                reader = writer = None
            finally:
                self.outstanding -= 1
                if self.pacing_done and self.outstanding == 0:
                    self.idle.set()

    async def run(self):
        a = self.args
        conns = [await self.connect() for _ in range(a.connections)]
        workers = [asyncio.create_task(self.worker(c)) for c in conns]
        interval = 1.0 / a.rate
        count = round((a.warmup + a.duration) * a.rate)
        start = time.perf_counter() + 0.05
        self.measure_from = start + round(a.warmup * a.rate) * interval - interval / 2
        self.measured_sent = count - round(a.warmup * a.rate)
        pacer = threading.Thread(target=self.pace, daemon=True,
                                 args=(asyncio.get_running_loop(), start, count, interval))
        pacer.start()
        await asyncio.get_running_loop().run_in_executor(None, pacer.join)
        try:
            await asyncio.wait_for(self.idle.wait(), a.timeout)
        except asyncio.TimeoutError:
            pass
        for w in workers:
            w.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
        answered = len(self.latencies) + sum(self.errors.values())
        if answered < self.measured_sent:
            self.errors["timeout"] = self.measured_sent - answered
        return self.report(self.measure_from + interval / 2)

    def report(self, window_start):
        a = self.args
        lat = sorted(self.latencies)
        lags = sorted(self.lags)
        elapsed = max(self.last_end - window_start, a.duration)
        ms = lambda s: round(s * 1000, 3)
        return {
            "url": a.url, "target_rate": a.rate, "duration_s": a.duration,
            "connections": a.connections, "requests": self.measured_sent, "ok": len(lat),
            "errors": sum(self.errors.values()), "error_kinds": self.errors,
            "achieved_rate": round(len(lat) / elapsed, 1),
            "p50_ms": ms(percentile(lat, 50)), "p90_ms": ms(percentile(lat, 90)),
            "p99_ms": ms(percentile(lat, 99)), "p99_9_ms": ms(percentile(lat, 99.9)),
            "max_ms": ms(lat[-1]) if lat else float("nan"),
            "pacing_lag_p99_ms": ms(percentile(sorted(self.pacing), 99)),
            "send_lag_p99_ms": ms(percentile(lags, 99)),
        }


async def read_response(reader):
    """Reads one HTTP/1.1 response; returns (status, body, keep-alive)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    length, chunked, keep = None, False, not lines[0].startswith(b"HTTP/1.0")
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        name, value = name.strip().lower(), value.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding":
            chunked = value.endswith(b"chunked")
        elif name == b"connection":
            keep = b"close" not in value if keep else b"keep-alive" in value
    if 100 <= status < 200:  # an interim response; the real one follows
        return await read_response(reader)
    if status in (204, 304):
        return status, b"", keep
    if chunked:
        parts = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";", 1)[0], 16)
            if size == 0:
                while await reader.readuntil(b"\r\n") != b"\r\n":  # trailers
                    pass
                return status, b"".join(parts), keep
            chunk = await reader.readexactly(size + 2)
            if chunk[-2:] != b"\r\n":
                raise ValueError("bad chunk")
            parts.append(chunk[:-2])
    if length is not None:
        return status, await reader.readexactly(length), keep
    return status, await reader.read(), False  # delimited by the end of the connection


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--url", default="http://127.0.0.1:28202/mcp")
    p.add_argument("--rate", type=float, default=1000, help="requests per second (default 1000)")
    p.add_argument("--duration", type=float, default=10, help="measured seconds (default 10)")
    p.add_argument("--warmup", type=float, default=1, help="seconds not counted (default 1)")
    p.add_argument("--connections", type=int, default=16, help="keep-alive connections (default 16)")
    p.add_argument("--timeout", type=float, default=10,
                   help="seconds to wait for answers after the last request (default 10)")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    a = p.parse_args()
    sys.setswitchinterval(0.0002)  # let the pacing thread take the GIL promptly
    r = asyncio.run(Generator(a).run())
    if a.json:
        print(json.dumps(r))
        return
    print(f"{r['url']}: {r['ok']}/{r['requests']} ok over {a.duration:g} s, "
          f"{r['achieved_rate']:g}/s achieved (target {a.rate:g}/s), {r['connections']} connections")
    print("latency ms: " + "  ".join(f"{k} {r[k + '_ms']:.3f}"
                                     for k in ("p50", "p90", "p99", "p99_9", "max")).replace("_", "."))
    print(f"pacing lag p99: {r['pacing_lag_p99_ms']:.3f} ms  send lag p99: {r['send_lag_p99_ms']:.3f} ms")
    print(f"errors: {r['errors']}" + (f" {r['error_kinds']}" if r["errors"] else ""))


if __name__ == "__main__":
    main()

"""A bounded load test of `lawcode serve` and of OpenFisca's web API serving the peer, on loopback.

    python benchmarks/serve_load.py [--requests 10000] [--clients 32] [--workers 1 2] [--no-peer] [--json]

For each server (lawcode with 1 and 2 worker processes; OpenFisca's web API under gunicorn with as
many workers) and each endpoint (lawcode's POST /v1/decide and /v1/explain; OpenFisca's POST
/calculate), the same number of requests is sent by ``--clients`` concurrent keep-alive clients,
each request about a freshly drawn person (benchmarks/people.py: fully known people, as OpenFisca
can take nothing else; the three benchmarked questions in turn, each asked on its own date).
Reported: requests per second, and the latency's median and 99th percentile, with the machine's
load average before and after each run. The client runs on the same (shared, 2-core) machine,
in one process with uvloop, and takes CPU from the server: compare figures of one run only.

Every server listens on 127.0.0.1 only and is started and stopped by this script; every run is
bounded by its request count and by a time limit. A run whose answers are not all 200 is reported
as failed. `make bench-serve` installs what it needs (the bench extra) and runs it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.people import QUESTIONS, draw_known  # noqa: E402

HOST = "127.0.0.1"
ON = {"conscription.liable_by_age": dt.date(2024, 4, 15), "summons.served_on": dt.date(2024, 5, 1),
      "measures.in_force": dt.date(2024, 6, 1)}
RUN_TIME_LIMIT = 300.0  # seconds: a run that has not finished by then is stopped and reported


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def people(n: int, seed: int) -> list[tuple[str, dt.date, dict[str, Any]]]:
    """``n`` fresh, fully known people, the three questions in turn (each person asked once)."""
    per_question = {q: draw_known(q, n // len(QUESTIONS) + 1, seed, ON[q]).facts() for q in QUESTIONS}
    return [(QUESTIONS[i % len(QUESTIONS)], ON[QUESTIONS[i % len(QUESTIONS)]],
             per_question[QUESTIONS[i % len(QUESTIONS)]][i // len(QUESTIONS)]) for i in range(n)]


def _iso(facts: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in facts.items()}


def http_request(path: str, body: bytes, port: int) -> bytes:
    return (f"POST {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body


# -- the client ----------------------------------------------------------------------------------
@dataclass
class Result:
    seconds: float
    latencies: list[float]
    statuses: dict[int, int]

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1e3


async def _exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> tuple[int, bool]:
    """Send one request, read its whole answer; (status, whether the server keeps the connection)."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    length, keep = 0, True
    for line in lines[1:]:
        name, _, value = line.partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "connection" and value.strip().lower() == "close":
            keep = False
    if length:
        await reader.readexactly(length)
    elif not keep:
        await reader.read()
    return status, keep


async def _load(port: int, requests: list[bytes], clients: int) -> Result:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    next_index = 0

    async def client() -> None:
        nonlocal next_index
        reader = writer = None
        while next_index < len(requests):
            request = requests[next_index]
            next_index += 1
            start = time.perf_counter()
            if writer is None:
                reader, writer = await asyncio.open_connection(HOST, port)
            assert reader is not None
            status, keep = await _exchange(reader, writer, request)
            latencies.append(time.perf_counter() - start)
            statuses[status] = statuses.get(status, 0) + 1
            if not keep:
                writer.close()
                reader = writer = None
        if writer is not None:
            writer.close()

    start = time.perf_counter()
    await asyncio.wait_for(asyncio.gather(*(client() for _ in range(clients))), RUN_TIME_LIMIT)
    return Result(time.perf_counter() - start, latencies, statuses)


def load(port: int, requests: list[bytes], clients: int) -> Result:
    try:
        import uvloop
        return uvloop.run(_load(port, requests, clients))
    except ImportError:
        return asyncio.run(_load(port, requests, clients))


# -- the servers ---------------------------------------------------------------------------------
def _wait(url: str, process: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"no answer from {url} within {timeout} s") from None
            time.sleep(0.2)


@contextlib.contextmanager
def lawcode_server(workers: int) -> Iterator[int]:
    port = free_port()
    command = [str(Path(sys.executable).parent / "lawcode"), "serve", "--host", HOST, "--port", str(port),
               "--workers", str(workers)]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
        try:
            _wait(f"http://{HOST}:{port}/healthz", process)
            yield port
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextlib.contextmanager
def openfisca_server(workers: int) -> Iterator[int]:
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        pidfile = Path(tmp) / "gunicorn.pid"
        command = [sys.executable, str(ROOT / "benchmarks" / "peers" / "openfisca_serve.py"), "--port", str(port),
                   "--workers", str(workers), "--pidfile", str(pidfile)]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        try:
            _wait(f"http://{HOST}:{port}/spec", process, timeout=120)
            yield port
        finally:
            master = int(pidfile.read_text()) if pidfile.exists() else process.pid
            with contextlib.suppress(ProcessLookupError):
                os.kill(master, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


# -- the runs ------------------------------------------------------------------------------------
def lawcode_bodies(path: str, drawn: list[tuple[str, dt.date, dict[str, Any]]], port: int) -> list[bytes]:
    return [http_request(path, json.dumps({"question": q, "facts": _iso(f), "on": on.isoformat()}).encode(), port)
            for q, on, f in drawn]


def openfisca_bodies(drawn: list[tuple[str, dt.date, dict[str, Any]]], port: int) -> list[bytes]:
    from benchmarks.peers import openfisca_summons as peer

    return [http_request("/calculate", json.dumps(peer.situation(f, on, q)).encode(), port) for q, on, f in drawn]


def run(name: str, workers: int, port: int, requests: list[bytes], warm: list[bytes], clients: int) -> dict[str, Any]:
    load(port, warm, clients)
    before = os.getloadavg()
    result = load(port, requests, clients)
    after = os.getloadavg()
    row = {"server": name, "workers": workers, "requests": len(result.latencies), "clients": clients,
           "rps": round(result.rps, 1), "p50_ms": round(result.percentile(50), 2),
           "p99_ms": round(result.percentile(99), 2), "statuses": result.statuses,
           "load_before": [round(x, 2) for x in before], "load_after": [round(x, 2) for x in after]}
    print(f"  {name:32} workers={workers} {row['rps']:9.1f} req/s  p50 {row['p50_ms']:7.2f} ms  "
          f"p99 {row['p99_ms']:7.2f} ms  statuses {result.statuses}  load {row['load_before']} -> "
          f"{row['load_after']}", file=sys.stderr)
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=10_000, help="requests per run (default 10000)")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients (default 32)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker processes (default 1 2)")
    parser.add_argument("--no-peer", action="store_true", help="skip OpenFisca's web API")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--json", action="store_true", help="print the rows as JSON on stdout")
    args = parser.parse_args()
    if not 0 < args.requests <= 1_000_000 or not 0 < args.clients <= 256:
        parser.error("--requests must be in 1..1000000 and --clients in 1..256")
    drawn = people(args.requests, args.seed)
    warm = people(min(500, args.requests), args.seed + 1000)
    print(f"{args.requests} requests per run, {args.clients} clients, fresh fully known people; "
          f"{os.cpu_count()} cores; load {[round(x, 2) for x in os.getloadavg()]}", file=sys.stderr)
    rows = []
    for workers in args.workers:
        with lawcode_server(workers) as port:
            for path in ("/v1/decide", "/v1/explain"):
                rows.append(run(f"lawcode POST {path}", workers, port, lawcode_bodies(path, drawn, port),
                                lawcode_bodies(path, warm, port), args.clients))
        if not args.no_peer:
            with openfisca_server(workers) as port:
                rows.append(run("OpenFisca POST /calculate", workers, port, openfisca_bodies(drawn, port),
                                openfisca_bodies(warm, port), args.clients))
    failed = [r for r in rows if set(r["statuses"]) != {200}]
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print("| server | workers | req/s | p50 ms | p99 ms | load (1 min) before -> after |")
        print("|---|---|---|---|---|---|")
        for r in rows:
            print(f"| {r['server']} | {r['workers']} | {r['rps']:.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | "
                  f"{r['load_before'][0]:.2f} -> {r['load_after'][0]:.2f} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""``lawcode serve`` in a subprocess on 127.0.0.1 and a free port, started and stopped by a test."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

LAWCODE = str(Path(sys.executable).parent / "lawcode")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A running service: its base URL, and what it wrote to stderr once stopped."""

    def __init__(self, process: subprocess.Popen[bytes], url: str, stderr: tempfile._TemporaryFileWrapper[bytes]):
        self.process = process
        self.url = url
        self.stderr = stderr  # a file, not a pipe: a full pipe would stall the server
        self.log = ""

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.stderr.seek(0)
        self.log = self.stderr.read().decode("utf-8", "replace")
        return self.log


@contextlib.contextmanager
def serving(*args: str, timeout: float = 30.0) -> Iterator[Server]:
    """Start ``lawcode serve --port P *args``, wait until /healthz answers, and stop it afterwards."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    stderr = tempfile.NamedTemporaryFile(prefix="lawcode-serve-", suffix=".log")  # noqa: SIM115 - closed below
    process = subprocess.Popen([LAWCODE, "serve", "--port", str(port), *args], stdout=subprocess.DEVNULL,
                               stderr=stderr, env=env)
    server = Server(process, f"http://127.0.0.1:{port}", stderr)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"lawcode serve exited with {process.returncode}: {server.stop()}")
            try:
                with urllib.request.urlopen(server.url + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"lawcode serve did not answer within {timeout} s") from None
                time.sleep(0.1)
        yield server
    finally:
        server.stop()
        stderr.close()

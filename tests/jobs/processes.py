"""Real consult processes for the crash tests: `consult serve` and `consult worker` on loopback."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from consult.settings import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def environment(**values: str) -> dict[str, str]:
    """The test process's environment for a child, with the given settings."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CONSULT_RUN_STALE_SECONDS": "4"}
    env.update(values)
    return env


class Child:
    """A consult command running in its own process group, its output in a file."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        self.log = log
        self._out = log.open("ab")
        self.process = subprocess.Popen([sys.executable, "-m", "consult", *args], cwd=ROOT, env=env,
                                        stdout=self._out, stderr=subprocess.STDOUT, start_new_session=True)

    def kill(self) -> None:
        """SIGKILL: no clean-up of any kind, as when the machine's OOM killer or a power cut strikes."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self._out.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        if not self._out.closed:
            self._out.close()

    def output(self) -> str:
        return self.log.read_text(errors="replace")


async def wait_for(check: Callable[[], Awaitable[bool]], seconds: float, what: str, child: Child | None = None) -> None:
    """Poll `check` until it holds (every 50 ms, at most `seconds`)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if await check():
            return
        if child is not None and child.process.poll() is not None:
            raise AssertionError(f"{what}: the process ended early:\n{child.output()[-3000:]}")
        await asyncio.sleep(0.05)
    raise AssertionError(f"{what}: not within {seconds} s" + (f"\n{child.output()[-3000:]}" if child else ""))


async def wait_http(port: int, seconds: float, child: Child) -> None:
    """Until the server answers on loopback."""
    import httpx

    async def up() -> bool:
        try:
            async with httpx.AsyncClient(timeout=1) as client:
                return (await client.get(f"http://127.0.0.1:{port}/")).status_code < 500
        except httpx.HTTPError:
            return False

    await wait_for(up, seconds, "the server to answer", child)

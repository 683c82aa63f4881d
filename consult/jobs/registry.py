"""The kinds of background run: each feature registers its own; the workers iterate over them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from piccolo.table import Table


@dataclass(frozen=True, slots=True)
class Task:
    """One kind of run: its table (the run columns of consult.jobs.runs), what executes a claimed run,
    the procrastinate task name and queue, and the message a run gets after too many attempts."""

    kind: str
    table: type[Table]
    execute: Callable[[int], Awaitable[None]]
    name: str
    queue: str
    gave_up: str


_TASKS: dict[str, Task] = {}


def register(kind: str, *, table: type[Table], execute: Callable[[int], Awaitable[None]], name: str, queue: str,
             gave_up: str) -> Task:
    """Make a kind of run known to the workers; the in-app worker takes kinds in registration order."""
    task = Task(kind, table, execute, name, queue, gave_up)
    _TASKS[kind] = task
    return task


def tasks() -> list[Task]:
    """Every registered kind, in registration order."""
    return list(_TASKS.values())


def task(kind: str) -> Task:
    """The registered kind `kind` (a KeyError names a kind no feature registered)."""
    return _TASKS[kind]


def queues() -> list[str]:
    """The procrastinate queues the registered kinds use, each once."""
    return list(dict.fromkeys(t.queue for t in _TASKS.values()))

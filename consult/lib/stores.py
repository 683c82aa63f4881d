"""Litestar stores kept in the database, so that every app process (on one machine or several)
counts the same rate limits."""

from __future__ import annotations

import hashlib
import random
from datetime import datetime, timedelta, timezone

from litestar.stores.base import Store
from litestar.stores.memory import MemoryStore
from litestar.stores.registry import StoreRegistry

from consult.cache.tables import SharedEntry

MAX_KEY = 500
SWEEP_ODDS = 200  # about one write in this many also deletes the expired entries


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _seconds(value: int | timedelta | None) -> timedelta | None:
    if value is None:
        return None
    return value if isinstance(value, timedelta) else timedelta(seconds=value)


class DatabaseStore(Store):
    """A Litestar store over the `shared_entry` table, one namespace per store name."""

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace

    def _key(self, key: str) -> str:
        full = f"{self.namespace}:{key}"
        if len(full) > MAX_KEY:
            full = f"{self.namespace}:sha256:{hashlib.sha256(key.encode()).hexdigest()}"
        return full

    async def set(self, key: str, value: str | bytes, expires_in: int | timedelta | None = None) -> None:
        data = value.encode() if isinstance(value, str) else value
        ttl = _seconds(expires_in)
        expires = _now() + ttl if ttl else None
        await SharedEntry.insert(SharedEntry(key=self._key(key), value=data, expires_at=expires)).on_conflict(
            target=SharedEntry.key, action="DO UPDATE", values=[SharedEntry.value, SharedEntry.expires_at])
        if random.randrange(SWEEP_ODDS) == 0:
            await SharedEntry.delete().where(SharedEntry.expires_at < _now())

    async def get(self, key: str, renew_for: int | timedelta | None = None) -> bytes | None:
        row = await SharedEntry.select(SharedEntry.value, SharedEntry.expires_at).where(
            SharedEntry.key == self._key(key)).first()
        if row is None or (row["expires_at"] is not None and row["expires_at"] <= _now()):
            return None
        renew = _seconds(renew_for)
        if renew and row["expires_at"] is not None:
            await SharedEntry.update({SharedEntry.expires_at: _now() + renew}).where(SharedEntry.key == self._key(key))
        value = row["value"]
        return bytes(value) if value is not None else None

    async def delete(self, key: str) -> None:
        await SharedEntry.delete().where(SharedEntry.key == self._key(key))

    async def delete_all(self) -> None:
        await SharedEntry.delete().where(SharedEntry.key.like(f"{self.namespace}:%"))

    async def exists(self, key: str) -> bool:
        return await self.get(key) is not None

    async def expires_in(self, key: str) -> int | None:
        row = await SharedEntry.select(SharedEntry.expires_at).where(SharedEntry.key == self._key(key)).first()
        if row is None or row["expires_at"] is None:
            return None
        return max(0, int((row["expires_at"] - _now()).total_seconds()))


def shared_stores() -> StoreRegistry:
    """Every store the app asks for by name lives in the database, except Litestar's response
    cache (favicon and the like: the same in every process, so each may keep its own)."""

    def make(name: str) -> Store:
        return MemoryStore() if name == "response_cache" else DatabaseStore(name)

    return StoreRegistry(default_factory=make)

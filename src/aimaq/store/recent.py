"""A bounded cache of the values used last (least recently used dropped first): what an ingest run keeps of
recent documents between its batches (their pairing keys, their shingle sets)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

V = TypeVar("V")


class Recent(Generic[V]):
    """At most ``size`` values by key; reading or writing a key makes it the most recent."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[str, V] = OrderedDict()

    def get(self, key: str) -> V | None:
        found = self._values.get(key)
        if found is not None:
            self._values.move_to_end(key)
        return found

    def put(self, key: str, value: V) -> None:
        self._values[key] = value
        self._values.move_to_end(key)
        if len(self._values) > self.size:
            self._values.popitem(last=False)

    def update(self, change: Callable[[V], V]) -> None:
        """Replace every value by ``change(value)``, in the same order."""
        for key, value in self._values.items():
            self._values[key] = change(value)

    def get_or_make(self, key: str, make: Callable[[], V]) -> V:
        """The value of ``key``, made (and kept) when it is not held."""
        found = self.get(key)
        if found is None:
            found = make()
            self.put(key, found)
        return found

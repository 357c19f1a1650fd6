"""A property computed on first use and kept on the instance, that threads never queue on.

Before Python 3.12, ``functools.cached_property`` held one lock per property for all instances: while
one worker indexed its article (``Evidence.whole``), every other worker asking for its own article's
index waited. Here two threads that ask for the same instance's value at once may both compute it (the
values are equal; one is kept), and no thread waits on another instance's.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")

if sys.version_info >= (3, 12):  # pragma: no cover  # the standard one no longer locks
    from functools import cached_property
else:

    class cached_property(Generic[T]):  # the standard name, so it reads as the standard one
        """``functools.cached_property`` without the class-wide lock."""

        def __init__(self, func: Callable[[Any], T]) -> None:
            self.func = func
            self.attrname = func.__name__
            self.__doc__ = func.__doc__

        def __set_name__(self, owner: type, name: str) -> None:
            self.attrname = name

        @overload
        def __get__(self, instance: None, owner: type | None = None) -> cached_property[T]: ...

        @overload
        def __get__(self, instance: object, owner: type | None = None) -> T: ...

        def __get__(self, instance: object | None, owner: type | None = None) -> T | cached_property[T]:
            if instance is None:
                return self
            cache = instance.__dict__
            if self.attrname in cache:
                return cache[self.attrname]
            value = self.func(instance)
            cache[self.attrname] = value
            return value


__all__ = ["cached_property"]

"""`NamedTuple`, `cast` and `TYPE_CHECKING` for the modules of `cookiedesk list`, without `typing`.

Importing `typing` costs ~3 ms of a `cookiedesk list` (issue 13: the listing must stay close
to a bare sqlite3 read), and nothing else the listing imports needs it: its modules import
these two names from here. Type checkers see `typing.NamedTuple` itself (and mypy treats any
name `TYPE_CHECKING` as true); at run time the same class statement makes a
`collections.namedtuple`, which is what `typing.NamedTuple` makes too: the same fields,
defaults, `_replace`, `_asdict` and `_fields`, with the class body's methods, properties and
docstring.
"""

from __future__ import annotations

TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
    from typing import cast as cast
else:
    from collections import namedtuple

    def cast(kind, value):
        """`typing.cast`: the value itself."""
        return value

    # What a class body holds besides its fields and methods (typing skips the same).
    _NOT_COPIED = frozenset({"__module__", "__qualname__", "__annotations__", "__dict__",
                             "__weakref__", "__orig_bases__"})

    class _NamedTupleMeta(type):
        def __new__(mcls, name, bases, namespace):
            if not bases:  # the `NamedTuple` base itself
                return super().__new__(mcls, name, bases, namespace)
            annotations = namespace.get("__annotations__", {})
            fields = tuple(annotations)
            defaults = [namespace[field] for field in fields if field in namespace]
            record = namedtuple(name, fields, defaults=defaults,
                                module=namespace["__module__"])
            record.__qualname__ = namespace.get("__qualname__", name)
            record.__annotations__ = dict(annotations)
            for key, value in namespace.items():
                if key not in _NOT_COPIED and key not in fields:
                    setattr(record, key, value)
            return record

    class NamedTuple(metaclass=_NamedTupleMeta):
        """Subclass with annotated fields, as `typing.NamedTuple`."""

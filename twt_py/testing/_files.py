"""Text files the kit injects into pages (the mock SDK, axe-core), read once per version."""

from __future__ import annotations

from pathlib import Path

_CACHE: dict[Path, tuple[float, str]] = {}


def cached_text(path: Path) -> str:
    """`path`'s text, read again only when the file changes (its mtime)."""
    mtime = path.stat().st_mtime
    cached = _CACHE.get(path)
    if cached is None or cached[0] != mtime:
        cached = (mtime, path.read_text("utf-8"))
        _CACHE[path] = cached
    return cached[1]

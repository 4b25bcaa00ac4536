"""Minimal stand-in for `aiofile` (Josev only uses async_open(path, mode) + read)."""
import aiofiles


def async_open(path, mode="r", *args, **kwargs):
    return aiofiles.open(str(path), mode, *args, **kwargs)

"""Minimal stand-in for the `environs` package (not packaged in Debian, PyPI not
reachable here). Covers only what Josev's EVCC uses: Env(eager=False), read_env,
str/bool/int/float/path/list, seal, dump."""
import os
from pathlib import Path

_TRUE = {"1", "true", "yes", "y", "on", "t"}


class Env:
    def __init__(self, eager=True, expand_vars=False):
        self._values = {}

    def read_env(self, path=None, recurse=True, verbose=False, override=False):
        p = path or os.path.join(os.getcwd(), ".env")
        if not os.path.isfile(p):
            return False
        for raw in open(p, encoding="utf-8"):
            line = raw.strip()
            if not line or line.startswith("#") or "=" not in line:
                continue
            k, v = line.split("=", 1)
            k, v = k.strip(), v.strip()
            if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
                v = v[1:-1]
            if override or k not in os.environ:
                os.environ[k] = v
        return True

    def _get(self, name, default, conv):
        raw = os.environ.get(name)
        val = default if raw is None else conv(raw)
        self._values[name] = val
        return val

    def str(self, name, default=None):
        return self._get(name, default, lambda s: s)

    def bool(self, name, default=None):
        return self._get(name, default, lambda s: s.strip().lower() in _TRUE)

    def int(self, name, default=None):
        return self._get(name, default, int)

    def float(self, name, default=None):
        return self._get(name, default, float)

    def path(self, name, default=None):
        v = self._get(name, default, Path)
        return Path(v) if v is not None else None

    def list(self, name, default=None, subcast=None):
        conv = lambda s: [subcast(x) if subcast else x for x in s.split(",") if x]
        return self._get(name, default, conv)

    def seal(self):
        pass

    def dump(self):
        return dict(self._values)

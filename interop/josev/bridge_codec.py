"""IEXICodec for Josev that talks to JosevExiBridge (EXIficient) over a pipe,
replacing Josev's closed EXICodec.jar (absent from the mirror) and py4j (not
packaged in Debian)."""
import base64
import os
import subprocess
import threading

from iso15118.shared.iexi_codec import IEXICodec


class BridgeEXICodec(IEXICodec):
    def __init__(self):
        cp = os.environ["JOSEV_BRIDGE_CP"]
        schemas = os.environ["JOSEV_BRIDGE_SCHEMAS"]
        self._p = subprocess.Popen(
            ["java", "-cp", cp, "JosevExiBridge", schemas],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            bufsize=1,
        )
        self._lock = threading.Lock()

    def _call(self, line: str) -> str:
        with self._lock:
            self._p.stdin.write(line + "\n")
            self._p.stdin.flush()
            resp = self._p.stdout.readline().rstrip("\n")
        if resp.startswith("OK "):
            return resp[3:]
        raise Exception(resp[4:] if resp.startswith("ERR ") else f"bridge: {resp!r}")

    def encode(self, message: str, namespace: str) -> bytes:
        # Josev passes a str-Enum; on Python 3.11 f"{enum}" gives "Namespace.SAP"
        namespace = getattr(namespace, "value", namespace)
        b64 = base64.b64encode(message.encode()).decode()
        return bytes.fromhex(self._call(f"E {namespace} {b64}"))

    def decode(self, stream: bytes, namespace: str) -> str:
        namespace = getattr(namespace, "value", namespace)
        return base64.b64decode(self._call(f"D {namespace} {bytes(stream).hex()}")).decode()

    def get_version(self) -> str:
        return self._call("V")

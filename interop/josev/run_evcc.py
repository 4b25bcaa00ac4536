"""Josev EVCC entry point (same as iso15118/evcc/main.py) with BridgeEXICodec."""
import asyncio
import sys

import iso15118.shared.exificient_exi_codec as exi_mod
from bridge_codec import BridgeEXICodec

exi_mod.ExificientEXICodec = BridgeEXICodec  # in case anything falls back to it
import iso15118.evcc.main as evcc_main  # noqa: E402

evcc_main.ExificientEXICodec = BridgeEXICodec

if __name__ == "__main__":
    evcc_main.run()

"""Josev SECC entry point (as iso15118/secc/main.py) with BridgeEXICodec in place of its EXICodec.jar,
so that our conformance suite can run against another open charger (README "Josev's SECC")."""
import asyncio

import iso15118.shared.exificient_exi_codec as exi_mod
from bridge_codec import BridgeEXICodec

exi_mod.ExificientEXICodec = BridgeEXICodec
import iso15118.secc.main as secc_main  # noqa: E402

secc_main.ExificientEXICodec = BridgeEXICodec

if __name__ == "__main__":
    secc_main.run()

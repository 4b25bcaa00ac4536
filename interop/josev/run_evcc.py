"""Josev EVCC entry point (same as iso15118/evcc/main.py) with BridgeEXICodec."""
import asyncio
import os
import sys

import iso15118.shared.exificient_exi_codec as exi_mod
from bridge_codec import BridgeEXICodec

exi_mod.ExificientEXICodec = BridgeEXICodec  # in case anything falls back to it
import iso15118.evcc.main as evcc_main  # noqa: E402

evcc_main.ExificientEXICodec = BridgeEXICodec

if os.environ.get("JOSEV_RELAX_PRICE_SCHEDULE") == "1":
    # Josev requires exactly one of PriceLevelSchedule/AbsolutePriceSchedule in
    # Charging/DischargingSchedule; the XSD has that choice minOccurs="0" and our
    # SECC sends neither. Opt-in relaxation to get past ScheduleExchange.
    from iso15118.shared.messages.iso15118_20 import common_messages as cm

    for cls in (cm.ChargingSchedule, cm.DischargingSchedule):
        cls.__pre_root_validators__ = []
    print("run_evcc: price-schedule validator relaxed", file=sys.stderr)

if os.environ.get("JOSEV_SIM_VOLTAGE_V"):
    # Josev's SimEVController reports EV present/target voltage 20 kV
    # (RationalNumber(exponent=3, value=20)) in DC_PreChargeReq; opt-in override.
    from iso15118.evcc.controller.simulator import SimEVController
    from iso15118.shared.messages.iso15118_20.common_types import RationalNumber

    _v = int(os.environ["JOSEV_SIM_VOLTAGE_V"])

    async def _voltage(self):
        return RationalNumber(exponent=0, value=_v)

    SimEVController.get_present_voltage = _voltage
    SimEVController.get_target_voltage = _voltage
    print(f"run_evcc: sim EV voltage {_v} V", file=sys.stderr)

if __name__ == "__main__":
    evcc_main.run()

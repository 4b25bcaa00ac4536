#!/usr/bin/env bash
# Start Josev's SECC in netns "ev" on veth-ev (after setup.sh); the suite runs on veth-secc.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SCRATCH=${SCRATCH:-/work/josev-scratch}
source "$SCRATCH/josev.env"
cd "$SCRATCH/iso15118"
export PROTOCOLS=${PROTOCOLS:-DIN_SPEC_70121,ISO_15118_2,ISO_15118_20_AC,ISO_15118_20_DC}
export AUTH_MODES=${AUTH_MODES:-EIM}
export FREE_CHARGING_SERVICE=${FREE_CHARGING_SERVICE:-False}
exec ip netns exec ev /usr/bin/python3 "$HERE/run_secc.py"

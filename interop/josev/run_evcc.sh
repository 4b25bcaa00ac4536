#!/usr/bin/env bash
# Start Josev's EVCC in netns "ev" on veth-ev (after setup.sh). Arg: EV config json.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SCRATCH=${SCRATCH:-/work/josev-scratch}
source "$SCRATCH/josev.env"
cd "$SCRATCH/iso15118"   # Josev reads ./.env if present; we rely on env vars only
exec ip netns exec ev /usr/bin/python3 "$HERE/run_evcc.py" ${1:-$EVCC_CONFIG_PATH}

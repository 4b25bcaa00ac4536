#!/usr/bin/env bash
# Reproducible setup for running Josev's EVCC (SwitchEV/iso15118) against our SECC.
# Run as root from anywhere. Scratch space: $SCRATCH (default /work/josev-scratch).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SCRATCH=${SCRATCH:-/work/josev-scratch}
MIRROR=${JOSEV_MIRROR:-/work/.mirror/SwitchEV+iso15118/repo}   # bare git dir of SwitchEV/iso15118
mkdir -p "$SCRATCH"

# 1. Python deps from Debian (PyPI unreachable). Use /usr/bin/python3 (Debian 3.11).
#    Not in Debian: environs, aiofile, py4j -> pyshim/ (environs, aiofile) and the
#    bridge codec below (replaces py4j + EXICodec.jar).
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
  python3-pydantic python3-aiofiles python3-psutil python3-dotenv python3-cryptography iproute2 >/dev/null

# 2. Josev source: HEAD of the mirror (0.28.3 at the time of writing). The mirror
#    lacks the blob of iso15118/shared/EXICodec.jar (closed-source, large file), so
#    archive every path but that one.
if [ ! -d "$SCRATCH/iso15118/iso15118" ]; then
  rm -rf "$SCRATCH/iso15118"; mkdir -p "$SCRATCH/iso15118"
  git --git-dir="$MIRROR" ls-tree -r HEAD --name-only | grep -v 'EXICodec.jar' > "$SCRATCH/files.txt"
  git --git-dir="$MIRROR" archive HEAD $(cat "$SCRATCH/files.txt") | tar -x -C "$SCRATCH/iso15118"
fi

# 3. EXI codec: JosevExiBridge (EXIficient 1.0.7 + our copy of the ISO and DIN XSDs), spoken
#    to over a pipe by bridge_codec.BridgeEXICodec. xmldsig-core-schema.xsd has a
#    DOCTYPE pointing at w3.org (no network) -> strip it in a scratch copy.
rm -rf "$SCRATCH/schemas"; cp -r "$REPO/exi-codec/src/main/schemas" "$SCRATCH/schemas"
python3 - "$SCRATCH"/schemas/xmldsig-core-schema.xsd "$SCRATCH"/schemas/*/xmldsig-core-schema.xsd <<'PY'
import re, sys
for p in sys.argv[1:]:
    t = open(p, encoding="utf-8").read()
    open(p, "w", encoding="utf-8").write(re.sub(r"<!DOCTYPE.*?\]>", "", t, flags=re.S))
PY
mkdir -p "$SCRATCH/bridge/lib" "$SCRATCH/bridge/classes"
mvn -B -ntp -q -f "$HERE/bridge/pom.xml" dependency:copy-dependencies -DoutputDirectory="$SCRATCH/bridge/lib"
javac -d "$SCRATCH/bridge/classes" -cp "$SCRATCH/bridge/lib/*" "$HERE/bridge/JosevExiBridge.java"

# 4. Network: veth pair, EV side in netns "ev" (SDP is IPv6 multicast; lo is no good).
if ! ip netns list | grep -qw ev; then
  ip netns add ev
  ip link add veth-secc type veth peer name veth-ev
  ip link set veth-ev netns ev
  sysctl -qw net.ipv6.conf.veth-secc.accept_dad=0
  ip netns exec ev sysctl -qw net.ipv6.conf.all.accept_dad=0
  ip netns exec ev sysctl -qw net.ipv6.conf.default.accept_dad=0
  ip link set veth-secc up
  ip netns exec ev ip link set lo up
  ip netns exec ev ip link set veth-ev up
  sleep 2
fi
ip -6 addr show dev veth-secc; ip netns exec ev ip -6 addr show dev veth-ev

# 5. Environment for run_evcc.sh
cat > "$SCRATCH/josev.env" <<ENV
export PYTHONPATH=$SCRATCH/iso15118:$HERE/pyshim:$HERE
export JOSEV_BRIDGE_CP='$SCRATCH/bridge/classes:$SCRATCH/bridge/lib/*'
export JOSEV_BRIDGE_SCHEMAS=$SCRATCH/schemas
export NETWORK_INTERFACE=veth-ev
export LOG_LEVEL=DEBUG
export MESSAGE_LOG_JSON=True
export MESSAGE_LOG_EXI=True
export PKI_PATH=$SCRATCH/iso15118/iso15118/shared/pki/
export EVCC_CONFIG_PATH=\${EVCC_CONFIG_PATH:-$SCRATCH/iso15118/iso15118/shared/examples/evcc/iso15118_20/evcc_config_dc_bpt.json}
ENV
echo "setup done; now: $HERE/run_evcc.sh [evcc_config.json]"

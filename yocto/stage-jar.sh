#!/bin/sh
# Builds secc-app.jar with Maven and stages it where the meta-secc recipe's SRC_URI finds it.
# Run from anywhere: yocto/stage-jar.sh [--no-build]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/yocto/meta-secc/recipes-secc/secc/files/secc-app.jar"
if [ "${1:-}" != "--no-build" ]; then
    (cd "$root" && mvn -B -ntp -q package -DskipTests -pl secc-app -am)
fi
jar="$root/secc-app/target/secc-app.jar"
if [ ! -f "$jar" ]; then
    echo "stage-jar: $jar not found; build it with 'mvn -B -ntp package -DskipTests' first" >&2
    exit 1
fi
cp "$jar" "$dest"
echo "staged $jar -> $dest"

#!/bin/sh
# Records what the real procps-ng 4.0.2 free(1) prints for option combinations that the truth
# samples do not cover. Run as root on a machine with procps-ng 4.0.2 (Debian 12): each input is
# bind-mounted over /proc/meminfo in a private mount namespace (unshare -m), so nothing else sees it.
# cases.txt: one case per line: <input under ../../truth> <output name> <free flags...>
set -eu
D=$(cd "$(dirname "$0")" && pwd)
free -V | grep -q 'procps-ng 4.0.2'
grep -v '^#' "$D/cases.txt" | while read -r input name flags; do
  [ -n "$input" ] || continue
  unshare -m sh -c "mount --bind '$D/../../truth/$input' /proc/meminfo && LC_ALL=C free $flags" > "$D/$name.txt"
done

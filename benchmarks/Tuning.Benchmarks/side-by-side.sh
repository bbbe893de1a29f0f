#!/usr/bin/env bash
# Times our Cholesky and LAPACK's dpotrf the same way (wall clock, best of 4e8/n³ runs, one thread), alternately,
# so both see the same machine load. Usage: ./side-by-side.sh [rounds]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dotnet build -c Release "$here" >/dev/null
for round in $(seq 1 "${1:-3}"); do
  echo "== round $round, load $(cut -d' ' -f1-3 /proc/loadavg)"
  /work/shared/tools/lapack-reference/run | grep -v '^n=50 '
  dotnet "$here/bin/Release/net10.0/Tuning.Benchmarks.dll" quick 100,200,500,1000,2000 wall | sed 's/^maxdiff [^ ]* //'
done

#!/usr/bin/env bash
# Times our Cholesky, MathNet's (one thread) and LAPACK's dpotrf the same way (wall clock, best of 4e8/n³ runs, at
# most 20 for MathNet), alternately so all see the same machine load; then the kernel matrix and the many-RHS solve
# against their scalar twins (wall clock, best of 10 / 5). Usage: ./side-by-side.sh [rounds]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# The LAPACK reference is a shared tool beside the repository: ../shared/… from the repository root.
lapack="$(cd "$here/../.." && pwd)/../shared/tools/lapack-reference/run"
dotnet build -c Release "$here" >/dev/null
for round in $(seq 1 "${1:-3}"); do
  echo "== round $round, load $(cut -d' ' -f1-3 /proc/loadavg)"
  "$lapack" | grep -v '^n=50 '
  dotnet "$here/bin/Release/net10.0/Tuning.Benchmarks.dll" quick 100,200,500,1000,2000 wall mathnet single | sed 's/^maxdiff [^ ]* //'
  dotnet "$here/bin/Release/net10.0/Tuning.Benchmarks.dll" quick others wall
done

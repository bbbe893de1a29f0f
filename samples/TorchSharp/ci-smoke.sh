#!/usr/bin/env bash
# Smoke test of the TorchSharp sample, for CI: restore it (about 1.3 GB the first time, then cached), make TorchSharp
# loadable on Debian 12, build, and tune on a tiny budget with two workers. Exits non-zero on any failure.
#
# Environment:
#   TORCHSHARP_APPLY  the Debian 12 fix to run after the restore; the default is <repo>/../shared/tools/torchsharp-on-debian12/apply.
#                     Set it to "none" where no fix is needed (Debian 13, Ubuntu 24.04, Windows, macOS).
#   SMOKE_ARGS        the sample's arguments; the default is "--trials 6 --max-epochs 3 --workers 2". A second run tunes
#                     with the multi-fidelity suggester (26 trials of up to 3 epochs, past its 24 startup trials).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
project="$here/TorchSharpDigits.csproj"
start=$(date +%s)

dotnet restore "$project"

apply=${TORCHSHARP_APPLY:-$repo/../shared/tools/torchsharp-on-debian12/apply}
if [ "$apply" != none ]; then
  if [ -x "$apply" ]; then
    packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: *//')
    "$apply" "$packages"
  else
    echo "note: $apply not found; on Debian 12 TorchSharp will not load without it (see samples/TorchSharp/README.md)" >&2
  fi
fi

dotnet build "$project" --no-restore -c Release

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# shellcheck disable=SC2086
dotnet run --project "$project" --no-build -c Release -- ${SMOKE_ARGS:---trials 6 --max-epochs 3 --workers 2} | tee "$log"
grep -q '^Best: trial ' "$log" || { echo "TorchSharp sample: no best trial reported" >&2; exit 1; }
dotnet run --project "$project" --no-build -c Release -- --trials 26 --max-epochs 3 --method multi-fidelity | tee "$log"
grep -q '^Best: trial ' "$log" || { echo "TorchSharp sample (multi-fidelity): no best trial reported" >&2; exit 1; }
echo "TorchSharp smoke run passed in $(( $(date +%s) - start )) s"

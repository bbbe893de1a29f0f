#!/usr/bin/env bash
# Packs Tuning, Tuning.Reporting and Tuning.Cli and checks what they cost a user:
#   - the bytes Tuning.Reporting adds to a linux-x64 publish of a console app that already uses Tuning (limit 10 MB);
#   - the size of the Tuning.Cli tool package (limit 25 MB).
# Prints one line per figure and exits 1 when a limit is exceeded. Nothing is left behind: the packages, the consumer
# apps and their NuGet folder live in a temporary folder, and the packages get a one-off version so no cached copy of
# an earlier pack is ever used.
set -euo pipefail
cd "$(dirname "$0")/.."
reporting_limit=${REPORTING_LIMIT_BYTES:-10000000}
cli_limit=${CLI_LIMIT_BYTES:-25000000}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version="0.0.0-sizecheck.$(date +%s)"
feed="$work/feed"
for project in src/Tuning src/Tuning.Reporting src/Tuning.Cli; do
  dotnet pack "$project" -c Release -o "$feed" -p:Version="$version" -p:IncludeSymbols=false >"$work/pack.log" 2>&1 \
    || { cat "$work/pack.log"; echo "packing $project failed"; exit 1; }
done

# A consumer app that references the given packages, published for linux-x64 (framework-dependent, as most are).
publish_size() {
  local name=$1; shift
  local dir="$work/$name"
  mkdir -p "$dir"
  {
    echo '<Project Sdk="Microsoft.NET.Sdk">'
    echo '  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable>'
    echo "    <RestoreAdditionalProjectSources>$feed</RestoreAdditionalProjectSources>"
    echo "    <RestorePackagesPath>$work/packages</RestorePackagesPath>"
    echo "    <RestoreFallbackFolders>${NUGET_PACKAGES:-$HOME/.nuget/packages}</RestoreFallbackFolders></PropertyGroup>"
    echo '  <ItemGroup>'
    for package in "$@"; do echo "    <PackageReference Include=\"$package\" Version=\"$version\" />"; done
    echo '  </ItemGroup>'
    echo '</Project>'
  } >"$dir/$name.csproj"
  echo 'System.Console.WriteLine(typeof(Tuning.Study).Assembly.GetName().Name);' >"$dir/Program.cs"
  dotnet publish "$dir/$name.csproj" -c Release -r linux-x64 --self-contained false -o "$dir/out" >"$dir/publish.log" 2>&1 \
    || { cat "$dir/publish.log" >&2; echo "publishing $name failed" >&2; return 1; }
  du -sb "$dir/out" | cut -f1
}

mb() { awk -v b="$1" 'BEGIN { printf "%.2f MB", b / 1000000 }'; }

core=$(publish_size CoreOnly Tuning)
with_reporting=$(publish_size WithReporting Tuning Tuning.Reporting)
added=$((with_reporting - core))
cli=$(stat -c %s "$feed/Tuning.Cli.$version.nupkg")

status=0
echo "linux-x64 publish: Tuning $(mb "$core"), with Tuning.Reporting $(mb "$with_reporting"): Tuning.Reporting adds $(mb "$added") (limit $(mb "$reporting_limit"))"
if [ "$added" -gt "$reporting_limit" ]; then echo "Tuning.Reporting adds more than its limit"; status=1; fi
echo "Tuning.Cli package: $(mb "$cli") (limit $(mb "$cli_limit"))"
if [ "$cli" -gt "$cli_limit" ]; then echo "the Tuning.Cli package is larger than its limit"; status=1; fi
exit $status

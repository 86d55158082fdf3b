#!/usr/bin/env bash
# Builds the container image and runs `pixel-audit demo` inside it, then checks the evidence
# bundle it wrote: run.json says exit 1 (the demo site leaks), the demo site's bundle has
# findings.json with Meta Pixel findings and a manifest that `verify` accepts (run in the image
# too). Where no Docker engine answers, it says "skipped: no Docker engine" and exits 0: the
# image was not tested, and the message says so rather than pretending.
#
#   scripts/docker-smoke.sh [image-tag]        (default: pixel-audit:smoke)
set -euo pipefail

tag="${1:-pixel-audit:smoke}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v docker >/dev/null 2>&1; then
  echo "skipped: no Docker engine (no docker command)"
  exit 0
fi
if ! docker info >/dev/null 2>&1; then
  echo "skipped: no Docker engine (docker info: the daemon does not answer)"
  exit 0
fi

echo "building ${tag} from ${root}"
docker build --tag "${tag}" "${root}"

out="$(mktemp -d)"
# The image runs as uid 10001: let it write into the bind-mounted folder.
chmod 0777 "${out}"
trap 'rm -rf "${out}"' EXIT

run() { docker run --rm --shm-size=1g --network none -v "${out}:/data" "${tag}" "$@"; }

run --help | grep -q 'pixel-audit' || { echo "FAIL: --help does not name pixel-audit"; exit 1; }
if [ "$(docker image inspect --format '{{.Config.User}}' "${tag}")" = "" ]; then
  echo "FAIL: the image runs as root"; exit 1
fi

# The demo exits 1: its site leaks. Anything else (2: no browser, 3: incomplete) is a failure.
set +e
run demo --out /data/runs
code=$?
set -e
[ "${code}" -eq 1 ] || { echo "FAIL: demo exited ${code}, expected 1 (findings)"; exit 1; }

runjson="$(ls "${out}"/runs/*/run.json | head -n 1)"
[ -f "${runjson}" ] || { echo "FAIL: no run.json"; exit 1; }
rundir="$(dirname "${runjson}")"
grep -q '"exitCode": 1' "${runjson}" || { echo "FAIL: run.json has no exitCode 1"; exit 1; }
bundle="$(ls -d "${rundir}"/sites/*/ | head -n 1)"
for file in evidence.json requests.har findings.json report.html manifest.json notification.md; do
  [ -s "${bundle}/${file}" ] || { echo "FAIL: ${file} missing from ${bundle}"; exit 1; }
done
grep -q '"tracker": "meta-pixel"' "${bundle}/findings.json" || { echo "FAIL: no Meta Pixel finding"; exit 1; }
run verify "/data/runs/$(basename "${rundir}")" || { echo "FAIL: verify rejected the bundle"; exit 1; }

echo "ok: image ${tag} scanned the demo site and wrote a verified bundle"

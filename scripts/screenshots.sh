#!/bin/sh
# screenshots.sh regenerates the pictures of the review page (mentormatch
# serve) under docs/serve/: the program, the roster, a mentee, a mentor
# and a week calendar of the built-in example, taken by the same headless
# chromium as the browser tests (serve/browser_test.go, TestScreenshots).
#
# Needs Go and chromium (Debian: apt-get install -y chromium).
# Run from anywhere: scripts/screenshots.sh
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 ||
	{ echo "screenshots: chromium is not installed (apt-get install -y chromium)" >&2; exit 1; }
mkdir -p "$root/docs/serve"
cd "$root" && go test -count=1 -run '^TestScreenshots$' ./serve -args -screenshots "$root/docs/serve"
ls -l "$root/docs/serve"

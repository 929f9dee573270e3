#!/bin/sh
# readme-picture.sh renders the Summary sheet of the example plan workbook
# to docs/summary.png, the picture in the README:
#
#   mentormatch plan --example  ->  plan.xlsx
#   LibreOffice headless        ->  plan.pdf (the Summary sheet is page 1)
#   pdftoppm (poppler-utils)    ->  docs/summary.png
#
# Needs Go, soffice (Debian: libreoffice-calc-nogui), pdftoppm and
# pdftotext (poppler-utils) and awk.
# The schedule starts on a fixed date so the picture does not change with
# the day it is made. Run from anywhere: scripts/readme-picture.sh
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/docs/summary.png"
for tool in go soffice pdftoppm pdftotext awk; do
	command -v "$tool" >/dev/null 2>&1 || { echo "readme-picture: $tool is not installed" >&2; exit 1; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

printf 'schedule:\n  start: "2027-01-04"\n' >"$tmp/program.yaml"
(cd "$root" && go run ./cmd/mentormatch plan --example --quiet --config "$tmp/program.yaml" --out "$tmp/plan.xlsx" >/dev/null 2>"$tmp/plan.log") ||
	{ cat "$tmp/plan.log" >&2; exit 1; }

# A profile of its own, so that a LibreOffice already open does not take
# the conversion over.
soffice -env:UserInstallation="file://$tmp/profile" --headless --norestore \
	--convert-to pdf --outdir "$tmp" "$tmp/plan.xlsx" >"$tmp/soffice.log" 2>&1 ||
	{ cat "$tmp/soffice.log" >&2; exit 1; }

# Crop the page to what is on it: the box around every word of page 1
# (chart titles, labels and legends are words too), plus a margin.
dpi=150 margin=24 # points
pdftotext -f 1 -l 1 -bbox "$tmp/plan.pdf" "$tmp/words.html"
box=$(awk -v m="$margin" -v dpi="$dpi" '
	match($0, /xMin="[0-9.]+" yMin="[0-9.]+" xMax="[0-9.]+" yMax="[0-9.]+"/) {
		split(substr($0, RSTART, RLENGTH), a, "\"")
		if (n++ == 0 || a[2] < x0) x0 = a[2]; if (n == 1 || a[4] < y0) y0 = a[4]
		if (a[6] > x1) x1 = a[6]; if (a[8] > y1) y1 = a[8]
	}
	END {
		if (n == 0) exit 1
		s = dpi / 72; x0 = (x0 > m ? x0 - m : 0); y0 = (y0 > m ? y0 - m : 0)
		printf "%d %d %d %d\n", x0 * s, y0 * s, (x1 + m - x0) * s, (y1 + m - y0) * s
	}' "$tmp/words.html")
set -- $box
mkdir -p "$root/docs"
pdftoppm -f 1 -l 1 -r "$dpi" -x "$1" -y "$2" -W "$3" -H "$4" -png -singlefile "$tmp/plan.pdf" "${out%.png}"
echo "wrote $out"

#!/bin/sh
# render-workbooks.sh prints the metrics, plan and template workbooks the
# way a program manager would: LibreOffice headless turns each into a
# PDF (with the page setup the workbook asks for), pdftoppm turns every
# page into a PNG. Look at the pictures: charts drawn, nothing cut off,
# every sheet one page wide.
#
#   scripts/render-workbooks.sh [DIR]     (default: ./rendered)
#
# writes DIR/metrics.pdf, DIR/plan.pdf, DIR/template.pdf and
# DIR/NAME-PAGE.png, and prints how many pages each PDF has and how wide
# they are. Needs Go, soffice (Debian: libreoffice-calc), pdftoppm and
# pdfinfo (poppler-utils). The schedule starts on a fixed date so that the
# pictures do not change with the day they are made.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:-rendered}" && cd "${1:-rendered}" && pwd)
for tool in go soffice pdftoppm pdfinfo; do
	command -v "$tool" >/dev/null 2>&1 || { echo "render-workbooks: $tool is not installed" >&2; exit 1; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

printf 'schedule:\n  start: "2027-01-04"\n' >"$tmp/program.yaml"
mm() { (cd "$root" && go run ./cmd/mentormatch "$@" >/dev/null 2>>"$tmp/run.log") || { cat "$tmp/run.log" >&2; exit 1; }; }
mm report --example --config "$tmp/program.yaml" --out "$out/metrics.xlsx"
mm plan --example --quiet --config "$tmp/program.yaml" --out "$out/plan.xlsx"
mm template --out "$out/template.xlsx"

for name in metrics plan template; do
	# A profile of its own, so that a LibreOffice already open does not
	# take the conversion over.
	soffice -env:UserInstallation="file://$tmp/profile" --headless --norestore \
		--convert-to pdf --outdir "$out" "$out/$name.xlsx" >"$tmp/soffice.log" 2>&1 ||
		{ cat "$tmp/soffice.log" >&2; exit 1; }
	rm -f "$out/$name"-*.png
	pdftoppm -r 60 -png "$out/$name.pdf" "$out/$name"
	pages=$(pdfinfo "$out/$name.pdf" | awk '/^Pages:/ { print $2 }')
	size=$(pdfinfo "$out/$name.pdf" | awk '/^Page size:/ { print $3 " x " $5 " pt" }')
	echo "$name.pdf: $pages pages, $size"
done

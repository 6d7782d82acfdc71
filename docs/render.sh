#!/usr/bin/env bash
# Renders the README's screenshots from the sample offers:
#   1. builds offerbook from this checkout,
#   2. analyzes samples/offers.csv into a temporary folder,
#   3. converts the workbook to PDF with LibreOffice (recalculating formulas
#      on load, in a throw-away user profile),
#   4. finds the page where each wanted sheet starts (pdftotext) and renders
#      it with `pdftoppm -png -r 70` into docs/.
# Needs: go, soffice (apt-get install -y libreoffice-calc-nogui), pdftoppm and
# pdftotext (apt-get install -y poppler-utils).
# Usage: docs/render.sh            # writes docs/offer-sheet.png,
#                                  # docs/candidates.png,
#                                  # docs/candidate-chart.png and
#                                  # docs/dashboard.png (docs/summary.png
#                                  # when the workbook has no Dashboard)
set -euo pipefail
cd "$(dirname "$0")/.."
docs=$PWD/docs

for tool in go soffice pdftoppm pdftotext; do
  command -v "$tool" >/dev/null || { echo "render.sh: $tool is not installed" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/offerbook" ./cmd/offerbook
SOURCE_DATE_EPOCH=1767225600 "$work/offerbook" analyze samples/offers.csv --out-dir "$work/out" --quiet >/dev/null
xlsx=$(ls "$work"/out/*.xlsx)

# Recalculate on load ("always"): LibreOffice otherwise shows cached values.
mkdir -p "$work/profile/user"
cat >"$work/profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU
timeout 120 soffice --headless --norestore -env:UserInstallation="file://$work/profile" \
  --convert-to pdf --outdir "$work" "$xlsx" >/dev/null 2>&1
pdf="$work/$(basename "${xlsx%.xlsx}").pdf"

# page TEXT: the first page whose text starts with TEXT (a sheet's title).
page() {
  local n i top
  n=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  for ((i = 1; i <= n; i++)); do
    # No early-exiting reader (grep -q, head) in a pipe: with pipefail the
    # writer's SIGPIPE would fail the test at random.
    top=$(pdftotext -f "$i" -l "$i" -layout "$pdf" - | sed -n '/[^[:space:]]/p' | sed -n '1,3p')
    if [[ $top == *"$1"* ]]; then
      echo "$i"
      return 0
    fi
  done
  return 1
}

# render TEXT NAME [PDFTOPPM-OPTIONS]: renders the page that starts with TEXT
# to docs/NAME.png, at 70 dpi unless the options say otherwise.
render() {
  local p text=$1 name=$2
  shift 2
  p=$(page "$text") || { echo "render.sh: no page starts with '$text'" >&2; return 1; }
  pdftoppm -png -r 70 "$@" -f "$p" -l "$p" -singlefile "$pdf" "$docs/$name"
  echo "docs/$name.png: page $p ('$text')"
}

# An offer sheet prints columns A to M on one landscape page (at about 43%),
# too small to read at 70 dpi: render it at 200 dpi and keep the top (the
# verdict, the start of the inputs and the chart beside them).
render "Offer A-02" offer-sheet -r 200 -x 50 -y 90 -W 1800 -H 760
render "Candidates: offers side by side" candidates
# The first candidate chart (a tall table sends it to the page after).
p=$(page "year totals by offer") || { echo "render.sh: no candidate chart" >&2; exit 1; }
pdftoppm -png -r 70 -f "$p" -l "$p" -singlefile "$pdf" "$docs/candidate-chart"
echo "docs/candidate-chart.png: page $p (the first candidate chart)"
if render "Dashboard" dashboard 2>/dev/null; then
  :
else
  echo "render.sh: the workbook has no Dashboard sheet yet; rendering Summary instead" >&2
  render "Summary" summary
fi

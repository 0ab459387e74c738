#!/usr/bin/env bash
# Sets up reportgen on a fresh Debian/Ubuntu machine: system packages, then a virtualenv in .venv.
#   fonts-liberation2        Liberation Serif 2 (has the Vietnamese letters; 1.07 in fonts-liberation lacks ơ, ư, ạ),
#                            metric-compatible with Times New Roman, embedded in the PDF
#   libharfbuzz-subset0      lets WeasyPrint subset the embedded font with HarfBuzz
#   libpango-1.0-0 ...       what WeasyPrint (PDF) draws text with
#   libreoffice-writer-nogui the tests convert our DOCX with a second real consumer (headless)
#   libreoffice-calc-nogui   the tests recalculate our XLSX formulas with a real spreadsheet engine (headless)
#   poppler-utils            pdftoppm/pdftotext, to look at and read the PDF pages
#   chromium                 the real browser the end-to-end test of `reportgen serve` drives (headless)
#   chromium-driver          chromedriver, through which Selenium drives that chromium (no browser download)
set -euo pipefail
cd "$(dirname "$0")/.."
PACKAGES="fonts-liberation2 libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils chromium chromium-driver"
missing=$(for p in $PACKAGES; do
  dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed || echo "$p"
done | tr '\n' ' ')
missing=${missing% }
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else SUDO="none"; fi
  if [ "$SUDO" = none ] || ! command -v apt-get >/dev/null; then
    echo "Cần cài các gói hệ thống: $missing (không có apt-get hoặc quyền root)." >&2
  else
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
fi
python3 -m venv --clear .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e '.[test]'

#!/usr/bin/env bash
# Installs the system packages Dossier needs to build, test and run, if any
# are missing. At run time only tesseract (optional, for OCR) is used; the
# rest are for building and for the tests. Idempotent: when everything is
# present it only checks.
# Debian and Ubuntu only (apt); elsewhere it says what to install.
set -euo pipefail

packages=(
  gcc pkg-config                                   # cgo: SQLite and the GL window
  libgl1-mesa-dev libxcursor-dev libxrandr-dev     # Fyne's window on X11
  libxinerama-dev libxi-dev libxxf86vm-dev
  xvfb xauth xdotool                               # a virtual display for GUI checks, and clicks on it
  tesseract-ocr tesseract-ocr-eng                  # OCR of screenshots (optional at run time)
  poppler-utils qpdf img2pdf ghostscript           # tests only: PDFs of every shape, cross-checks
  libimage-exiftool-perl                           # metadata checks in the redaction tests
  imagemagick                                      # test images: phone photos turned by EXIF, HEIC (libheif), WebP
  sqlite3 openssl                                  # benchmark yardsticks: .import, SHA-256
  fonts-dejavu-core
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "deps: please install: ${missing[*]} (no apt-get here)" >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "deps: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v go >/dev/null; then
  [ -x /usr/local/go/bin/go ] && export PATH="/usr/local/go/bin:$PATH"
fi
if ! command -v go >/dev/null; then
  echo "deps: Go is not installed; install Go 1.26 or newer from https://go.dev/dl/ and run this again" >&2
  exit 1
fi

#!/usr/bin/env bash
# Installs what npm cannot: Debian's Chromium (e2e), a CJK font (Chinese in screenshots and
# PDFs) and poppler-utils (PDF rendering in tests). As root via apt-get; otherwise says how.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "Missing system packages: ${missing[*]}. Run: sudo apt-get install -y ${missing[*]}" >&2
	exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

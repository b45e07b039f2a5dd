#!/usr/bin/env bash
# Photo benchmark on real photographs (tests/benches/photos.rs).
#
# The photographs come from two Debian packages of desktop wallpapers that ship real camera
# pictures with their EXIF intact: mate-backgrounds (Canon EOS 350D/400D, Konica Minolta Z5,
# Sony RX100 IV — the largest at 5640x3172, 17.9 MP, progressive) and
# plasma-workspace-wallpapers (Olympus E-M1, Canon EOS 70D, Sony NEX-3N with GPS, Nokia N9;
# 2560x1600). The packages are downloaded with `apt-get download` and unpacked into
# target/bench-photos, never installed. scripts/bench-photos.py keeps the camera photographs
# (EXIF names a maker, long edge ≥ 1,600 px, one copy each) and cuts two 12 MP baseline JPEGs,
# as a phone writes them, from the 17.9 MP one (Pillow, from PyPI when missing). The benchmark
# prints ms per MP as well.
#
#   scripts/bench-photos.sh            # fetch (once) and run
#   RUHU_PHOTO_DIR=<folder> cargo bench --workspace --bench photos   # your own photographs
set -euo pipefail
cd "$(dirname "$0")/.."

dir=target/bench-photos
if [ ! -f "$dir/.unpacked" ]; then
  rm -rf "$dir"
  mkdir -p "$dir/debs" "$dir/unpacked"
  as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root apt-get update -qq
  # apt-get download writes into the current directory as the _apt user where it can.
  chmod 777 "$dir/debs"
  (cd "$dir/debs" && apt-get download mate-backgrounds plasma-workspace-wallpapers)
  for deb in "$dir"/debs/*.deb; do dpkg-deb -x "$deb" "$dir/unpacked"; done
  touch "$dir/.unpacked"
fi
python3 -c 'import PIL' 2>/dev/null || python3 -m pip install --quiet pillow
rm -rf "$dir/photos"
mkdir -p "$dir/photos"
python3 scripts/bench-photos.py "$dir/unpacked" "$dir/photos"
RUHU_PHOTO_DIR="$PWD/$dir/photos" cargo bench --workspace --bench photos

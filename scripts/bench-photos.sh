#!/usr/bin/env bash
# Photo benchmark on real photographs (tests/benches/photos.rs).
#
# The photographs come from two Debian packages of desktop wallpapers that ship real camera
# pictures with their EXIF intact: mate-backgrounds (Canon EOS 350D/400D, Konica Minolta Z5,
# Sony RX100 IV — the largest at 5640x3172, 17.9 MP) and plasma-workspace-wallpapers (Olympus
# E-M1, Canon EOS 70D, Sony NEX-3N with GPS, Nokia N9; 2560x1600). The packages are downloaded
# with `apt-get download` and unpacked into target/bench-photos, never installed; only JPEGs
# whose EXIF names a camera maker are kept (the rendered, drawn wallpapers have none), one copy
# of each distinct file. None reaches 12 MP at 4:3, so the benchmark also prints ms per MP.
#
#   scripts/bench-photos.sh            # fetch (once) and run
#   RUHU_PHOTO_DIR=<folder> cargo bench --workspace --bench photos   # your own photographs
set -euo pipefail
cd "$(dirname "$0")/.."

dir=target/bench-photos
if [ ! -f "$dir/.complete" ]; then
  rm -rf "$dir"
  mkdir -p "$dir/debs" "$dir/unpacked" "$dir/photos"
  as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root apt-get update -qq
  # apt-get download writes into the current directory as the _apt user where it can.
  chmod 777 "$dir/debs"
  (cd "$dir/debs" && apt-get download mate-backgrounds plasma-workspace-wallpapers)
  for deb in "$dir"/debs/*.deb; do dpkg-deb -x "$deb" "$dir/unpacked"; done
  python3 - "$dir/unpacked" "$dir/photos" <<'EOF'
"""Copies every distinct JPEG whose EXIF names a camera maker (tag 0x010F)."""
import hashlib, os, shutil, struct, sys

def long_edge(data):
    """The frame's long edge from its SOF header, 0 when there is none."""
    i = 2
    while i + 9 <= len(data) and data[i] == 0xFF:
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            h, w = struct.unpack(">HH", data[i + 5:i + 9])
            return max(w, h)
        i += 2 + length
    return 0

def camera_make(data):
    i = 2
    while i + 4 <= len(data) and data[i] == 0xFF:
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        seg = data[i + 4:i + 2 + length]
        if marker == 0xE1 and seg.startswith(b"Exif\0\0"):
            tiff = seg[6:]
            end = {b"II": "<", b"MM": ">"}.get(tiff[:2])
            if end is None or len(tiff) < 8:
                return None
            ifd = struct.unpack(end + "I", tiff[4:8])[0]
            if ifd + 2 > len(tiff):
                return None
            count = struct.unpack(end + "H", tiff[ifd:ifd + 2])[0]
            for n in range(count):
                e = tiff[ifd + 2 + 12 * n: ifd + 14 + 12 * n]
                if len(e) < 12:
                    return None
                tag, _, size = struct.unpack(end + "HHI", e[:8])
                if tag == 0x010F:
                    off = struct.unpack(end + "I", e[8:12])[0] if size > 4 else None
                    raw = e[8:8 + size] if off is None else tiff[off:off + size]
                    return raw.rstrip(b"\0 ").decode("ascii", "replace") or None
            return None
        if marker == 0xDA:
            return None
        i += 2 + length
    return None

src, out = sys.argv[1], sys.argv[2]
seen = set()
for root, _, names in sorted(os.walk(src)):
    for name in sorted(names):
        if not name.lower().endswith((".jpg", ".jpeg")):
            continue
        path = os.path.join(root, name)
        data = open(path, "rb").read()
        digest = hashlib.sha256(data).hexdigest()
        # Previews (the packages' 400x250 screenshots) are not camera photographs.
        if digest in seen or long_edge(data) < 1600 or not camera_make(data):
            continue
        seen.add(digest)
        label = os.path.relpath(path, src).removeprefix("usr/share/").replace("/", "_")
        shutil.copyfile(path, os.path.join(out, label))
print(f"{len(seen)} real photographs in {out}")
EOF
  touch "$dir/.complete"
fi
RUHU_PHOTO_DIR="$PWD/$dir/photos" cargo bench --workspace --bench photos

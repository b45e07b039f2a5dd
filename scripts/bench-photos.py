"""Picks the benchmark's photographs out of the unpacked wallpaper packages.

Keeps every distinct JPEG whose EXIF names a camera maker (tag 0x010F) and whose long edge is at
least 1,600 px, then makes two 12 MP baseline JPEGs as a phone writes them (a 4000x3000 crop of
the 17.9 MP Sony photograph at quality 85 and 92, its EXIF kept) with Pillow.

    python3 scripts/bench-photos.py <unpacked packages> <output folder>
"""
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

# The packages' largest photographs are progressive JPEGs, which no phone camera writes.
from PIL import Image

big = Image.open(os.path.join(src, "usr/share/backgrounds/mate/abstract/Elephants_5640x3172.jpg"))
w, h = big.size
left, top = (w - 4000) // 2, (h - 3000) // 2
crop = big.crop((left, top, left + 4000, top + 3000))
for q in (85, 92):
    crop.save(os.path.join(out, f"phone12mp_q{q}.jpg"), quality=q, subsampling=2,
              exif=big.info.get("exif", b""))
print("and 2 phone-like 12 MP baseline JPEGs cut from the 17.9 MP photograph")

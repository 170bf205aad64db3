#!/usr/bin/python3
"""Prints every non-ASCII character the page needs from a CJK font: those in the UI's
source (its Chinese strings) and in the given snapshots' text. With --gb2312, adds the 3,755
level-1 GB2312 hanzi, for a fallback font that covers names a future snapshot may bring.
Usage: cjk_text.py [--gb2312] SOURCE_DIR SNAPSHOT..."""
import json
import pathlib
import sys

args = sys.argv[1:]
gb2312 = "--gb2312" in args
args = [a for a in args if a != "--gb2312"]
source, snapshots = pathlib.Path(args[0]), args[1:]

chars = set()
for path in sorted((source / "src/ui").glob("*.cpp")) + sorted((source / "src/core").glob("*.cpp")):
    chars.update(c for c in path.read_text(encoding="utf-8") if ord(c) > 0x7F)


def walk(value):
    if isinstance(value, str):
        chars.update(c for c in value if ord(c) > 0x7F)
    elif isinstance(value, list):
        for v in value:
            walk(v)
    elif isinstance(value, dict):
        for k, v in value.items():
            walk(k)
            walk(v)


for snapshot in snapshots:
    walk(json.loads(pathlib.Path(snapshot).read_text(encoding="utf-8")))
if gb2312:
    for b1 in range(0xB0, 0xD8):
        for b2 in range(0xA1, 0xFF):
            try:
                chars.add(bytes([b1, b2]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
# The number formats (万, 亿, 小时, ¥) come from escapes in the core's source; name them here.
chars.update("万亿小时¥")
sys.stdout.write("".join(sorted(chars)))

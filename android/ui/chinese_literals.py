#!/usr/bin/env python3
"""Fails when a Kotlin string literal with Chinese in it is written in the ui module's sources.

Every word a screen shows lives in src/main/res/values/strings*.xml (read with stringResource);
only preview data (*Previews.kt, *StateProvider.kt: fictional names and addresses) may spell
Chinese in code. Comments are not literals and are skipped. Usage:

    chinese_literals.py <kotlin source dir>

prints each offending literal as path:line: "text" and exits 1 when there is one.
"""
import pathlib
import re
import sys

# CJK punctuation, ideographs (with extension A) and full-width forms: what a Chinese word uses.
CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
PREVIEW_FILE = re.compile(r"(Previews|StateProvider)\.kt$")


def literals(text):
    """Yields (line, literal text) for each string literal in Kotlin [text], comments skipped."""
    i, n, line = 0, len(text), 1
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            line += text.count("\n", i, end)
            i = end
        elif text.startswith('"""', i):
            end = text.find('"""', i + 3)
            end = n if end < 0 else end + 3
            yield line, text[i + 3:end - 3]
            line += text.count("\n", i, end)
            i = end
        elif c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            yield line, text[i + 1:j]
            i = j + 1
        else:
            i += 1


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: chinese_literals.py <kotlin source dir>")
    root = pathlib.Path(sys.argv[1])
    found = []
    for path in sorted(root.rglob("*.kt")):
        if PREVIEW_FILE.search(path.name):
            continue
        for line, literal in literals(path.read_text(encoding="utf-8")):
            if CHINESE.search(literal):
                found.append(f'{path}:{line}: "{literal}"')
    if found:
        print("Chinese words written in code: move them into src/main/res/values/strings*.xml "
              "and read them with stringResource:", file=sys.stderr)
        print("\n".join(found), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

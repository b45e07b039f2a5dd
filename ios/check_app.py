#!/usr/bin/env python3
"""Static checks of the iPhone app (ios/App), which cannot be compiled on the Linux CI machine.

Rules (each a function over texts, so that ios/check_app_test.py can feed it bad input):

1. keys        every L("…") key used in ios/App/Sources exists in the string table
               (Resources/zh-Hans.lproj/Localizable.strings), every L( key is a string literal,
               and the number of arguments matches the text's placeholders;
2. chinese     no Chinese in a string literal in ios/App/Sources (comments may): all words come
               from the table;
3. views       nothing in ios/App/Sources/Screens calls the core: no `try`, no `RuhuStore`, no
               `RuhuCore.` function, no call of a method of a view-model core protocol
               (ios/Sources/RuhuViewModels/*/*Core.swift) on a receiver or bare (an action
               case of the same name, `.importBundle(…)`, is no call): views render state and
               send actions;
4. a11y        every Button / Toggle in Screens whose label is an image only has an
               accessibilityLabel, and every tap gesture in Screens is followed in its modifier
               chain by an accessibilityLabel; no font of a fixed size anywhere in
               ios/App/Sources (text styles only, so Dynamic Type reaches every text);
5. permissions every privacy-sensitive API the sources use has its usage key in project.yml,
               and every background task identifier the sources use is permitted there.

  python3 ios/check_app.py        # exits 1 with one line per problem
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
APP = os.path.join(HERE, "App")
SOURCES = os.path.join(APP, "Sources")
SCREENS = os.path.join(SOURCES, "Screens")
TABLE = os.path.join(APP, "Resources/zh-Hans.lproj/Localizable.strings")
PROJECT = os.path.join(APP, "project.yml")
CORE_PROTOCOLS = os.path.join(HERE, "Sources/RuhuViewModels")

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


# ---------------------------------------------------------------- Swift text, roughly lexed

def lex(source):
    """Splits Swift source into (code, literals, comments): `code` is the source with comments
    replaced by spaces and each string literal's content by spaces (its quotes kept, so offsets
    stay); `literals` lists (offset, content) of every string literal (interpolations included
    in the content); newlines are kept so that line numbers stay."""
    out = []
    literals = []
    i, n = 0, len(source)

    def blank(text):
        return "".join(c if c == "\n" else " " for c in text)

    while i < n:
        c = source[i]
        if source.startswith("//", i):
            j = source.find("\n", i)
            j = n if j < 0 else j
            out.append(blank(source[i:j]))
            i = j
        elif source.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if source.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif source.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(blank(source[i:j]))
            i = j
        elif c == '"' or (c == "#" and source.startswith('#"', i)):
            hashes = 0
            while source.startswith("#", i + hashes):
                hashes += 1
            start = i + hashes
            triple = source.startswith('"""', start)
            quote = '"""' if triple else '"'
            close = quote + "#" * hashes
            j = start + len(quote)
            depth = 0
            while j < n:
                if hashes == 0 and source[j] == "\\" and j + 1 < n:
                    if source[j + 1] == "(":
                        depth += 1
                        j += 2
                        continue
                    j += 2
                    continue
                if depth and source[j] == "(":
                    depth += 1
                elif depth and source[j] == ")":
                    depth -= 1
                elif not depth and source.startswith(close, j):
                    break
                elif not triple and source[j] == "\n":
                    break
                j += 1
            content = source[start + len(quote):j]
            literals.append((i, content))
            end = min(n, j + len(close))
            out.append(source[i:start + len(quote)] + blank(content) + source[j:end])
            i = end
        else:
            out.append(c)
            i += 1
    return "".join(out), literals


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


def balanced(code, i, open_c, close_c):
    """The index just past the bracket closing the one at code[i] (== open_c)."""
    depth = 0
    for j in range(i, len(code)):
        if code[j] == open_c:
            depth += 1
        elif code[j] == close_c:
            depth -= 1
            if depth == 0:
                return j + 1
    return len(code)


def skip_space(code, i):
    while i < len(code) and code[i] in " \t\r\n":
        i += 1
    return i


def call_extent(code, i):
    """From a call's name end at `i`: past its (arguments) and trailing closures (labelled ones
    too). Returns the end index."""
    j = skip_space(code, i)
    if j < len(code) and code[j] == "(":
        i = balanced(code, j, "(", ")")
    while True:
        j = skip_space(code, i)
        if j < len(code) and code[j] == "{":
            i = balanced(code, j, "{", "}")
            continue
        m = re.match(r"[A-Za-z_]\w*\s*:\s*\{", code[j:j + 80])
        if m:
            brace = j + m.group(0).rindex("{")
            i = balanced(code, brace, "{", "}")
            continue
        return i


def modifier_chain(code, i):
    """From `i` (just past a view's expression): past its chain of .modifier(…){…} calls.
    Returns the end index."""
    while True:
        j = skip_space(code, i)
        m = re.match(r"\.\s*[A-Za-z_]\w*", code[j:])
        if not m:
            return i
        i = call_extent(code, j + len(m.group(0)))


# ---------------------------------------------------------------- rule 1: keys

def parse_table(text):
    """Key -> text of a Localizable.strings file."""
    table = {}
    for m in re.finditer(r'^"((?:[^"\\]|\\.)*)"\s*=\s*"((?:[^"\\]|\\.)*)";\s*$', text, re.M):
        table[m.group(1)] = m.group(2)
    return table


def placeholders(text):
    """How many arguments a table text takes."""
    text = text.replace("%%", "")
    positions = set()
    plain = 0
    for m in re.finditer(r"%(?:(\d+)\$)?[-#+ 0]*\d*(?:\.\d+)?(@|lld|ld|d|f|x|s)", text):
        if m.group(1):
            positions.add(int(m.group(1)))
        else:
            plain += 1
    return max(positions) if positions else plain


def split_arguments(code, start, end):
    """Top-level comma-separated pieces of code[start:end]."""
    pieces, depth, last = [], 0, start
    for j in range(start, end):
        c = code[j]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth == 0:
            pieces.append((last, j))
            last = j + 1
    pieces.append((last, end))
    return [(a, b) for a, b in pieces if code[a:b].strip()]


def check_keys(files, table_text):
    """files: {path: source}. Problems as strings."""
    table = parse_table(table_text)
    problems = []
    for path, source in sorted(files.items()):
        code, literals = lex(source)
        if re.search(r"\bfunc\s+L\s*\(", code):
            continue  # the helper itself (Support/Localized.swift) passes its key on
        by_offset = dict(literals)
        for m in re.finditer(r"(?<![\w.])L\s*\(", code):
            open_paren = m.end() - 1
            close = balanced(code, open_paren, "(", ")")
            args = split_arguments(code, open_paren + 1, close - 1)
            where = f"{path}:{line_of(code, m.start())}"
            if not args:
                problems.append(f"{where}: L() without a key")
                continue
            a, b = args[0]
            first = code[a:b].strip()
            literal_at = a + (len(code[a:b]) - len(code[a:b].lstrip()))
            if not (first.startswith('"') and first.endswith('"') and literal_at in by_offset):
                problems.append(f"{where}: L( with a key that is not a string literal ({first!r})")
                continue
            key = by_offset[literal_at]
            if "\\(" in key:
                problems.append(f"{where}: L( with an interpolated key")
                continue
            if key not in table:
                problems.append(f"{where}: L(\"{key}\"): no such key in the string table")
                continue
            wanted = placeholders(table[key])
            given = len(args) - 1
            if wanted != given:
                problems.append(f"{where}: L(\"{key}\") given {given} argument(s), its text takes {wanted}")
    return problems


# ---------------------------------------------------------------- rule 2: chinese

def check_chinese(files):
    problems = []
    for path, source in sorted(files.items()):
        code, literals = lex(source)
        for offset, content in literals:
            if CJK.search(content):
                problems.append(
                    f"{path}:{line_of(source, offset)}: Chinese in a string literal "
                    f"(\"{content[:30]}\"): put it in the string table and use L(\"…\")")
    return problems


# ---------------------------------------------------------------- rule 3: views

def core_methods(protocol_sources):
    """Names of the methods of the view models' core protocols."""
    names = set()
    for source in protocol_sources.values():
        code, _ = lex(source)
        for block in re.finditer(r"\bprotocol\s+\w+[^{]*\{", code):
            body_end = balanced(code, block.end() - 1, "{", "}")
            for f in re.finditer(r"\bfunc\s+([A-Za-z_]\w*)", code[block.end():body_end]):
                names.add(f.group(1))
    return names


def check_views(screen_files, methods):
    problems = []
    call = re.compile(r"(?<![\w])(" + "|".join(sorted(map(re.escape, methods))) + r")\s*\(") if methods else None
    for path, source in sorted(screen_files.items()):
        code, _ = lex(source)
        for m in re.finditer(r"\btry\b[?!]?", code):
            problems.append(f"{path}:{line_of(code, m.start())}: `{m.group(0)}` in a view (core work is the view model's)")
        for m in re.finditer(r"\bRuhuStore\b", code):
            problems.append(f"{path}:{line_of(code, m.start())}: RuhuStore in a view (views render view-model state)")
        for m in re.finditer(r"\bRuhuCore\s*\.\s*[a-z]\w*\s*\(", code):
            problems.append(f"{path}:{line_of(code, m.start())}: a core function called in a view")
        if call:
            for m in call.finditer(code):
                before = code[:m.start()].rstrip()
                if before.endswith("func"):
                    continue
                if code[:m.start()].endswith("."):
                    # `x.name(` calls a method; `(.name(` / `, .name(` is an enum case or static
                    # member named like one (an action such as .importBundle(...)), no call.
                    receiver = code[:m.start() - 1].rstrip(" \t")
                    if not receiver or not (receiver[-1].isalnum() or receiver[-1] in "_)]?!"):
                        continue
                problems.append(
                    f"{path}:{line_of(code, m.start())}: {m.group(1)}( is a core call "
                    f"(a method of a view-model core protocol); send the view model an action")
    return problems


# ---------------------------------------------------------------- rule 4: accessibility

def has_text(body):
    # A text view, a label, a table text, or a title literal as the first argument.
    return bool(re.search(r"\b(Text|Label|L)\s*\(", body) or re.match(r'\s*\(\s*"', body))


def check_a11y(screen_files):
    problems = []
    for path, source in sorted(screen_files.items()):
        code, _ = lex(source)
        for m in re.finditer(r"(?<![\w.])(Button|Toggle)\b(?=\s*[({])", code):
            end = call_extent(code, m.end())
            body = code[m.end():end]
            chain = code[end:modifier_chain(code, end)]
            image_only = re.search(r"\bImage\s*\(", body) and not has_text(strip_action(body))
            if image_only and ".accessibilityLabel" not in body and ".accessibilityLabel" not in chain:
                problems.append(
                    f"{path}:{line_of(code, m.start())}: {m.group(1)} with an image-only label "
                    f"has no accessibilityLabel")
        for m in re.finditer(r"\.\s*onTapGesture\b|\bTapGesture\s*\(", code):
            end = call_extent(code, m.end())
            chain = code[end:modifier_chain(code, end)]
            if ".accessibilityLabel" not in chain:
                problems.append(
                    f"{path}:{line_of(code, m.start())}: a tap gesture without an accessibilityLabel "
                    f"after it (and .accessibilityAddTraits(.isButton))")
    return problems


def check_fixed_fonts(files):
    """Dynamic Type everywhere: no font of a fixed point size (.system(size:), .custom(…, size:)
    without relativeTo:)."""
    problems = []
    for path, source in sorted(files.items()):
        code, _ = lex(source)
        for m in re.finditer(r"\.system\s*\(\s*size\s*:|\bUIFont\s*\.\s*systemFont\s*\(\s*ofSize", code):
            problems.append(f"{path}:{line_of(code, m.start())}: a fixed font size (use a text style: Dynamic Type)")
        for m in re.finditer(r"\.custom\s*\(", code):
            end = balanced(code, m.end() - 1, "(", ")")
            if "relativeTo" not in code[m.end():end] and "size" in code[m.end():end]:
                problems.append(f"{path}:{line_of(code, m.start())}: a custom font without relativeTo: (Dynamic Type)")
    return problems


def strip_action(body):
    """A Button's arguments without its `action:` closure (which may name texts it sends)."""
    m = re.search(r"\baction\s*:\s*\{", body)
    if not m:
        return body
    brace = m.end() - 1
    return body[:m.start()] + body[balanced(body, brace, "{", "}"):]


# ---------------------------------------------------------------- rule 5: permissions

# An API's name in the sources -> the Info.plist key it needs.
PERMISSIONS = [
    (r"\bAVCaptureDevice\b|\bAVCaptureSession\b", "NSCameraUsageDescription"),
    (r"\bCLLocationManager\b", "NSLocationWhenInUseUsageDescription"),
    (r"\brequestAlwaysAuthorization\b", "NSLocationAlwaysAndWhenInUseUsageDescription"),
    (r"\bPHPhotoLibrary\b|\bPHPickerViewController\b.*\bphotoLibrary\b", "NSPhotoLibraryUsageDescription"),
    (r"\bAVAudioSession\b|\bAVAudioRecorder\b", "NSMicrophoneUsageDescription"),
    (r"\bCNContactStore\b", "NSContactsUsageDescription"),
    (r"\bLAContext\b", "NSFaceIDUsageDescription"),
    (r"\bCBCentralManager\b|\bCBPeripheralManager\b", "NSBluetoothAlwaysUsageDescription"),
    (r"\bUNUserNotificationCenter\b", None),  # needs no key, only the request
    (r"\bBGTaskScheduler\b", "BGTaskSchedulerPermittedIdentifiers"),
    (r"\bBGAppRefreshTask\b", "UIBackgroundModes:fetch"),
    (r"\bBGProcessingTask\b", "UIBackgroundModes:processing"),
    (r"\bonOpenURL\b", "CFBundleDocumentTypes"),
]


def yaml_keys(project_text):
    """Key -> value text (the rest of its line) of every `key:` line in project.yml."""
    keys = {}
    for m in re.finditer(r"^[ \t]*([A-Za-z][\w.-]*)[ \t]*:[ \t]*(.*)$", project_text, re.M):
        keys.setdefault(m.group(1), m.group(2).split(" #")[0].strip())
    return keys


def yaml_list(project_text, key):
    """The items of `key`, as a flow list ([a, b]) or a block list (- a) under it."""
    m = re.search(r"^([ \t]*)" + re.escape(key) + r"[ \t]*:[ \t]*(.*)$", project_text, re.M)
    if not m:
        return None
    rest = m.group(2).split(" #")[0].strip()
    if rest.startswith("["):
        return [x.strip().strip("'\"") for x in rest.strip("[]").split(",") if x.strip()]
    items = []
    indent = len(m.group(1))
    for line in project_text[m.end():].splitlines()[1:]:
        if not line.strip() or line.strip().startswith("#"):
            continue
        lead = len(line) - len(line.lstrip())
        if lead < indent or (lead == indent and not line.lstrip().startswith("-")):
            break
        s = line.strip()
        if s.startswith("- "):
            items.append(s[2:].split(" #")[0].strip().strip("'\""))
        elif lead <= indent:
            break
    return items


def check_permissions(files, project_text, bundle_prefix="app.ruhu."):
    problems = []
    keys = yaml_keys(project_text)
    for path, source in sorted(files.items()):
        code, literals = lex(source)
        for pattern, key in PERMISSIONS:
            if key is None:
                continue
            m = re.search(pattern, code)
            if not m:
                continue
            where = f"{path}:{line_of(code, m.start())}"
            if ":" in key:
                list_key, item = key.split(":")
                items = yaml_list(project_text, list_key) or []
                if item not in items:
                    problems.append(f"{where}: uses {m.group(0).strip()} but project.yml's {list_key} lacks {item}")
            elif key not in keys:
                problems.append(f"{where}: uses {m.group(0).strip()} but project.yml has no {key}")
            elif key.endswith("UsageDescription") and not keys[key]:
                problems.append(f"{where}: project.yml's {key} is empty")
        if re.search(r"\bBGTaskScheduler\b", code):
            permitted = yaml_list(project_text, "BGTaskSchedulerPermittedIdentifiers") or []
            for offset, content in literals:
                if content.startswith(bundle_prefix) and content not in permitted:
                    problems.append(
                        f"{path}:{line_of(source, offset)}: background task identifier \"{content}\" "
                        f"is not in project.yml's BGTaskSchedulerPermittedIdentifiers")
    return problems


# ---------------------------------------------------------------- the app as it is

def read_tree(root, ext=".swift"):
    files = {}
    for folder, _, names in os.walk(root):
        for name in names:
            if name.endswith(ext):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as f:
                    files[os.path.relpath(path, os.path.dirname(HERE))] = f.read()
    return files


def main():
    problems = []
    sources = read_tree(SOURCES)
    screens = {p: s for p, s in sources.items() if "/Screens/" in p}
    if not sources:
        problems.append("ios/App/Sources: no Swift sources")
    if not screens:
        problems.append("ios/App/Sources/Screens: no views")
    try:
        with open(TABLE, encoding="utf-8") as f:
            table = f.read()
    except FileNotFoundError:
        problems.append("the string table is missing: run python3 ios/strings_from_android.py")
        table = ""
    try:
        with open(PROJECT, encoding="utf-8") as f:
            project = f.read()
    except FileNotFoundError:
        problems.append("ios/App/project.yml is missing")
        project = ""
    protocols = {p: s for p, s in read_tree(CORE_PROTOCOLS).items() if p.endswith("Core.swift")}
    methods = core_methods(protocols)
    if not methods:
        problems.append("no view-model core protocols found under ios/Sources/RuhuViewModels")
    problems += check_keys(sources, table)
    problems += check_chinese(sources)
    problems += check_views(screens, methods)
    problems += check_a11y(screens)
    problems += check_fixed_fonts(sources)
    problems += check_permissions(sources, project)
    for p in problems:
        print(f"check_app: {p}", file=sys.stderr)
    if problems:
        print(f"check_app: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"check_app: {len(sources)} Swift files ({len(screens)} views), "
          f"{len(parse_table(table))} strings, {len(methods)} core methods: all rules hold")
    return 0


if __name__ == "__main__":
    sys.exit(main())

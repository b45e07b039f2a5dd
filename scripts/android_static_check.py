#!/usr/bin/env python3
"""Static checks of the Android Gradle project that this machine cannot build (no Android SDK).

Reads android/ (or the directory given) and fails, listing every finding, when:
- the app manifest is not well-formed XML, lacks allowBackup="false", the network security
  config, or a needed permission, or names a @string/@xml/@style resource that does not exist;
- the network security config allows cleartext beyond localhost;
- the version catalog is not valid TOML, names an undefined version.ref, or a build file uses a
  libs.* / plugin alias the catalog does not define;
- a module in settings.gradle.kts has no build.gradle.kts, or an inline version in a module
  build file differs from the catalog's (AGP, Kotlin, Compose BOM, coroutines);
- a Kotlin file under app/ imports a package outside the declared dependencies' namespaces
  (android, androidx, kotlin, kotlinx.coroutines, java, javax, ZXing, the bindings), or a
  project class (app.ruhu.*, uniffi.ruhu_core.*) that no source file of those modules declares;
- Kotlin under app/ names an R.string that strings.xml lacks;
- anything mentions Google Play services or Firebase.
"""
import pathlib
import re
import sys
import tomllib
import xml.etree.ElementTree as ET

ANDROID_NS = "{http://schemas.android.com/apk/res/android}"
NEEDED_PERMISSIONS = {
    "android.permission.INTERNET",
    "android.permission.ACCESS_NETWORK_STATE",
    "android.permission.CAMERA",
    "android.permission.ACCESS_FINE_LOCATION",
}
# Package prefixes the app's declared external dependencies (and the platform) provide.
EXTERNAL_PREFIXES = (
    "android.", "androidx.", "kotlin.", "kotlinx.coroutines.", "java.", "javax.", "com.google.zxing.",
)
# Project modules the app depends on -> their Kotlin source roots.
PROJECT_SOURCES = {
    "bindings": "bindings/src/main/kotlin",
    "presentation": "presentation/src/main/kotlin",
    "ui": "ui/src/main/kotlin",
    "app": "app/src/main/kotlin",
}
GENERATED_IN_APP = {"app.ruhu.app.R", "app.ruhu.app.BuildConfig"}


def main(root: pathlib.Path) -> int:
    problems: list[str] = []
    catalog = check_catalog(root, problems)
    check_settings(root, catalog, problems)
    check_manifest(root, problems)
    check_network_config(root, problems)
    check_imports(root, problems)
    check_strings(root, problems)
    check_no_play_services(root, problems)
    for p in problems:
        print("android-static-check: " + p, file=sys.stderr)
    if problems:
        print(f"android-static-check: FAILED ({len(problems)} problems)", file=sys.stderr)
        return 1
    print("android-static-check: ok")
    return 0


def check_catalog(root, problems):
    path = root / "gradle/libs.versions.toml"
    try:
        catalog = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        problems.append(f"{path}: not a readable TOML catalog ({e})")
        return {}
    versions = catalog.get("versions", {})
    for section in ("libraries", "plugins"):
        for name, entry in catalog.get(section, {}).items():
            ref = entry.get("version", {}).get("ref") if isinstance(entry.get("version"), dict) else entry.get("version.ref")
            if ref is not None and ref not in versions:
                problems.append(f"catalog {section}.{name}: version.ref '{ref}' is not in [versions]")
    return catalog


def accessor(alias: str) -> str:
    return re.sub(r"[-_]", ".", alias)


def check_settings(root, catalog, problems):
    settings = (root / "settings.gradle.kts").read_text(encoding="utf-8")
    modules = re.findall(r'include\(\s*"(:[^"]+)"\s*\)', settings)
    if not modules:
        problems.append("settings.gradle.kts includes no module")
    libs = {accessor(k) for k in catalog.get("libraries", {})}
    plugins = {accessor(k) for k in catalog.get("plugins", {})}
    versions = catalog.get("versions", {})
    build_files = [root / "build.gradle.kts"]
    for m in modules:
        build = root / m.lstrip(":").replace(":", "/") / "build.gradle.kts"
        if not build.is_file():
            problems.append(f"module {m} has no {build.relative_to(root)}")
        else:
            build_files.append(build)
    for build in build_files:
        # Comments may name the catalog's file (libs.versions.toml); only code counts.
        text = re.sub(r"//[^\n]*", "", build.read_text(encoding="utf-8"))
        rel = build.relative_to(root)
        for ref in re.findall(r"\blibs\.plugins\.([A-Za-z0-9_.]+)", text):
            if ref not in plugins:
                problems.append(f"{rel}: plugin alias libs.plugins.{ref} is not in the catalog")
        for ref in re.findall(r"\blibs\.(?!plugins\.)([A-Za-z0-9_.]+)", text):
            if ref not in libs:
                problems.append(f"{rel}: library alias libs.{ref} is not in the catalog")
        inline = {
            "composeBom": re.findall(r'compose-bom:([0-9.]+)', text),
            "coroutines": re.findall(r'kotlinx-coroutines-[a-z]+:([0-9.]+)', text),
            "kotlin": re.findall(r'org\.jetbrains\.kotlin:kotlin-[a-z-]+:([0-9.]+)', text)
            + re.findall(r'id\("org\.jetbrains\.kotlin\.[a-z.]+"\) version "([0-9.]+)"', text),
            "agp": re.findall(r'id\("com\.android\.[a-z]+"\) version "([0-9.]+)"', text),
            "jna": re.findall(r'net\.java\.dev\.jna:jna:([0-9.]+)', text),
        }
        for key, found in inline.items():
            for v in found:
                if key in versions and v != versions[key]:
                    problems.append(f"{rel}: inline {key} version {v} differs from the catalog's {versions[key]}")


def check_manifest(root, problems):
    path = root / "app/src/main/AndroidManifest.xml"
    try:
        manifest = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        problems.append(f"{path.relative_to(root)}: not well-formed ({e})")
        return
    app = manifest.find("application")
    if app is None:
        problems.append("manifest has no <application>")
        return
    if app.get(ANDROID_NS + "allowBackup") != "false":
        problems.append('manifest: <application> must set android:allowBackup="false"')
    if app.get(ANDROID_NS + "networkSecurityConfig") != "@xml/network_security_config":
        problems.append("manifest: <application> must name @xml/network_security_config")
    granted = {p.get(ANDROID_NS + "name") for p in manifest.findall("uses-permission")}
    for missing in sorted(NEEDED_PERMISSIONS - granted):
        problems.append(f"manifest: missing permission {missing}")
    res = root / "app/src/main/res"
    strings = string_names(res)
    for el in manifest.iter():
        for value in el.attrib.values():
            m = re.fullmatch(r"@(string|xml|style)/([A-Za-z0-9_.]+)", value)
            if not m:
                continue
            kind, name = m.groups()
            if kind == "string" and name not in strings:
                problems.append(f"manifest: @string/{name} is not in strings.xml")
            if kind == "xml" and not (res / "xml" / f"{name}.xml").is_file():
                problems.append(f"manifest: @xml/{name} has no res/xml/{name}.xml")
            if kind == "style" and name not in style_names(res):
                problems.append(f"manifest: @style/{name} is not defined")
    activities = [a.get(ANDROID_NS + "name") for a in app.findall("activity")]
    if activities != [".MainActivity"]:
        problems.append(f"manifest: expected exactly one activity .MainActivity, found {activities}")


def string_names(res):
    names = set()
    for f in res.glob("values*/strings.xml"):
        names |= {s.get("name") for s in ET.parse(f).getroot().findall("string")}
    return names


def style_names(res):
    names = set()
    for f in res.glob("values*/*.xml"):
        names |= {s.get("name") for s in ET.parse(f).getroot().findall("style")}
    return names


def check_network_config(root, problems):
    path = root / "app/src/main/res/xml/network_security_config.xml"
    try:
        cfg = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        problems.append(f"network security config unreadable ({e})")
        return
    base = cfg.find("base-config")
    if base is None or base.get("cleartextTrafficPermitted") != "false":
        problems.append('network security config: base-config must set cleartextTrafficPermitted="false"')
    for dc in cfg.findall("domain-config"):
        if dc.get("cleartextTrafficPermitted") == "true":
            for d in dc.findall("domain"):
                if d.text.strip() not in ("localhost", "127.0.0.1"):
                    problems.append(f"network security config: cleartext allowed to {d.text.strip()}")


DECL = re.compile(
    r"^(?:(?:public|internal|private|sealed|data|enum|abstract|open|inline|value|annotation|fun)\s+)*"
    r"(?:class|interface|object|fun|val|var|typealias)\s+(?:<[^>]*>\s*)?(?:[A-Za-z0-9_.]+\.)?`?([A-Za-z0-9_]+)`?",
    re.M,
)


def declared_symbols(root):
    """Fully qualified top-level (and nested, by simple name under the package) declarations."""
    symbols = set()
    for src in PROJECT_SOURCES.values():
        for f in (root / src).rglob("*.kt"):
            text = f.read_text(encoding="utf-8")
            pkg = re.search(r"^package\s+([A-Za-z0-9_.]+)", text, re.M)
            if not pkg:
                continue
            for name in DECL.findall(text):
                symbols.add(f"{pkg.group(1)}.{name}")
    return symbols


def check_imports(root, problems):
    symbols = declared_symbols(root) | GENERATED_IN_APP
    for f in sorted((root / "app/src/main/kotlin").rglob("*.kt")):
        rel = f.relative_to(root)
        for imp in re.findall(r"^import\s+([A-Za-z0-9_.`]+)", f.read_text(encoding="utf-8"), re.M):
            imp = imp.replace("`", "")
            if imp.startswith(EXTERNAL_PREFIXES):
                continue
            if imp.startswith(("app.ruhu.", "uniffi.ruhu_core.")):
                # The import or its enclosing class must be declared in a project module.
                parts = imp.split(".")
                if not any(".".join(parts[:i]) in symbols for i in range(len(parts), 2, -1)):
                    problems.append(f"{rel}: imports {imp}, which no module of the project declares")
                continue
            problems.append(f"{rel}: imports {imp}, outside the app's declared dependencies")


def check_strings(root, problems):
    names = string_names(root / "app/src/main/res")
    for f in sorted((root / "app/src/main/kotlin").rglob("*.kt")):
        for name in sorted(set(re.findall(r"\bR\.string\.([a-z0-9_]+)", f.read_text(encoding="utf-8")))):
            if name not in names:
                problems.append(f"{f.relative_to(root)}: R.string.{name} is not in strings.xml")


def check_no_play_services(root, problems):
    for f in list(root.rglob("*.kts")) + list(root.rglob("*.toml")) + list(root.rglob("AndroidManifest.xml")):
        text = f.read_text(encoding="utf-8")
        for banned in ("com.google.android.gms", "play-services", "firebase"):
            if banned in text:
                problems.append(f"{f.relative_to(root)}: mentions {banned} (no Google Play services)")


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent / "android")))

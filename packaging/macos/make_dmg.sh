#!/usr/bin/env bash
# Packs dist/svdesk.app (made by packaging/build.py on macOS) into a DMG, then signs,
# notarises and staples it when the signing secrets are there.
#
#   SVDESK_CODESIGN_IDENTITY   "Developer ID Application: Name (TEAMID)", already in a keychain.
#                              packaging/svdesk.spec signs the app with it during the build
#                              (every binary, hardened runtime, entitlements.plist). Without it the
#                              app has PyInstaller's ad-hoc signature: it runs, but Gatekeeper asks
#                              the person to allow it (see the README's Install section).
#   Notarisation, either an App Store Connect API key:
#     APPLE_API_KEY_PATH (the .p8 file), APPLE_API_KEY_ID, APPLE_API_ISSUER
#   or an Apple ID with an app-specific password:
#     APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

name="$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["name"])')"
version="$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')"
app="dist/$name.app"
arch="$(uname -m)"
dmg="dist/$name-$version-macos-$arch.dmg"
identity="${SVDESK_CODESIGN_IDENTITY:-}"

[ -d "$app" ] || { echo "$app is missing: run python packaging/build.py first" >&2; exit 1; }

echo "Checking the app's signature ..."
codesign --verify --deep --strict --verbose=2 "$app"
if [ -n "$identity" ]; then
    codesign --display --verbose=2 "$app" 2>&1 | grep -q "flags=.*runtime" \
        || { echo "the app is not signed with the hardened runtime" >&2; exit 1; }
fi

echo "Making $dmg ..."
staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
ditto "$app" "$staging/$name.app"
ln -s /Applications "$staging/Applications"
rm -f "$dmg"
hdiutil create -volname "$name $version" -srcfolder "$staging" -fs HFS+ -format UDZO -imagekey zlib-level=9 -ov "$dmg"

if [ -z "$identity" ]; then
    echo "No SVDESK_CODESIGN_IDENTITY: $dmg is not signed or notarised."
    exit 0
fi
codesign --force --timestamp --sign "$identity" "$dmg"

notary=()
if [ -n "${APPLE_API_KEY_PATH:-}" ]; then
    notary=(--key "$APPLE_API_KEY_PATH" --key-id "$APPLE_API_KEY_ID" --issuer "$APPLE_API_ISSUER")
elif [ -n "${APPLE_ID:-}" ]; then
    notary=(--apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" --password "$APPLE_APP_PASSWORD")
else
    echo "No notarisation credentials: $dmg is signed but not notarised."
    exit 0
fi
echo "Notarising (this usually takes a few minutes) ..."
result="$(xcrun notarytool submit "$dmg" "${notary[@]}" --wait --timeout 30m --output-format json)"
echo "$result"
id="$(printf '%s' "$result" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
status="$(printf '%s' "$result" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')"
if [ "$status" != "Accepted" ]; then
    xcrun notarytool log "$id" "${notary[@]}" || true
    echo "Notarisation was not accepted ($status)." >&2
    exit 1
fi
xcrun stapler staple "$dmg"
xcrun stapler validate "$dmg"
spctl --assess --type open --context context:primary-signature --verbose=2 "$dmg"
echo "Signed, notarised and stapled: $dmg"

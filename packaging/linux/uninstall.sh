#!/bin/sh
# Removes what install.sh added. Your organisation files, and svdesk's backups and settings
# (in ~/.local/share/svdesk and ~/.config/svdesk), are kept.
set -eu

data="${XDG_DATA_HOME:-$HOME/.local/share}"
app="$HOME/.local/opt/svdesk"
id="org.svdesk.svdesk"

rm -f "$data/applications/$id.desktop" "$data/metainfo/$id.metainfo.xml" "$data/mime/packages/$id.xml"
find "$data/icons/hicolor" -name "$id.*" -type f -delete 2>/dev/null || true
if [ "$(readlink "$HOME/.local/bin/svdesk" 2>/dev/null)" = "$app/svdesk" ]; then
    rm -f "$HOME/.local/bin/svdesk"
fi
rm -rf "$app"

command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$data/mime" >/dev/null 2>&1 || true
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$data/applications" >/dev/null 2>&1 || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -f -t "$data/icons/hicolor" >/dev/null 2>&1 || true

echo "svdesk has been removed. Your own files, backups and settings are still there."

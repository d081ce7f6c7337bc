#!/bin/sh
# Installs svdesk for you alone (no administrator password needed):
#   - copies this folder to ~/.local/opt/svdesk (replacing an older svdesk there),
#   - adds svdesk to your applications menu, with its icon,
#   - lets .svdesk files open in svdesk when you double-click them,
#   - adds the command "svdesk" in ~/.local/bin.
# Your own files are never touched. ./uninstall.sh takes svdesk away again.
set -eu

here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
app="$HOME/.local/opt/svdesk"
id="org.svdesk.svdesk"

if [ ! -x "$here/svdesk" ]; then
    echo "install.sh must stay in the svdesk folder it came in (next to the 'svdesk' program)." >&2
    exit 1
fi

echo "Installing svdesk in $app ..."
if [ "$here" != "$app" ]; then
    mkdir -p "$HOME/.local/opt"
    rm -rf "$app.new"
    cp -a "$here" "$app.new"
    rm -rf "$app"
    mv "$app.new" "$app"
fi

mkdir -p "$data/applications" "$data/metainfo" "$data/mime/packages" "$data/icons/hicolor"
# The menu entry runs this copy; quoted, in case your home folder's name has a space in it.
sed -e "s|^Exec=svdesk |Exec=\"$app/svdesk\" |" -e "s|^Exec=svdesk\$|Exec=\"$app/svdesk\"|" \
    -e "s|^TryExec=svdesk\$|TryExec=$app/svdesk|" \
    "$app/share/applications/$id.desktop" > "$data/applications/$id.desktop"
cp "$app/share/metainfo/$id.metainfo.xml" "$data/metainfo/"
cp "$app/share/mime/packages/$id.xml" "$data/mime/packages/"
cp -R "$app/share/icons/hicolor/." "$data/icons/hicolor/"

mkdir -p "$HOME/.local/bin"
ln -sf "$app/svdesk" "$HOME/.local/bin/svdesk"

# Tell the desktop about the new entry, icon and file type (each tool is optional).
command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$data/mime" >/dev/null 2>&1 || true
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$data/applications" >/dev/null 2>&1 || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -f -t "$data/icons/hicolor" >/dev/null 2>&1 || true

echo "Checking that svdesk works on this computer ..."
if "$app/svdesk" --self-test >/dev/null 2>&1; then
    echo "svdesk is installed. Open it from your applications menu (look for 'svdesk')."
else
    echo "svdesk is installed, but its self-test found a problem on this computer."
    echo "To see what it says, open a terminal and type:  $app/svdesk --self-test"
fi

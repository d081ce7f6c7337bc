; Inno Setup script for svdesk on Windows (Inno Setup 6.3 or later).
;
;   iscc /DAppVersion=0.1.0 /DSourceDir=dist\svdesk /DOutputDir=dist packaging\windows\svdesk.iss
;
; SourceDir is the one-folder app made by packaging/build.py. With /DSign and /Ssvdesksign=...
; (see .github/workflows/release.yml) the installer and the uninstaller are signed too.
; Installs for the current user by default (no administrator password), or for everyone when
; the person chooses so; adds a Start menu entry, an optional desktop icon, and opens .svdesk
; files with svdesk.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z ...
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\svdesk"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
; Never change AppId: it is how Windows knows a new version replaces the old one.
AppId={{F6CC22C2-74CE-563A-8E5B-8B11FFED8C52}
AppName=svdesk
AppVersion={#AppVersion}
AppVerName=svdesk {#AppVersion}
AppPublisher=The svdesk team
AppComments=Social value statement, indicators and stories; tender answers and CIC34 reports
DefaultDirName={autopf}\svdesk
DefaultGroupName=svdesk
DisableProgramGroupPage=yes
DisableReadyPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
OutputDir={#OutputDir}
OutputBaseFilename=svdesk-{#AppVersion}-windows-setup
SetupIconFile=..\..\resources\icons\svdesk.ico
UninstallDisplayIcon={app}\svdesk.exe
UninstallDisplayName=svdesk
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 needs Windows 10 or later.
MinVersion=10.0.17763
ChangesAssociations=yes
CloseApplications=yes
RestartApplications=no
VersionInfoVersion={#AppVersion}
VersionInfoProductName=svdesk
VersionInfoDescription=svdesk installer
#ifdef Sign
SignTool=svdesksign
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole program folder, so no file of an older version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\svdesk"; Filename: "{app}\svdesk.exe"; Comment: "Your social value records, tender answers and CIC34 report"
Name: "{autoprograms}\svdesk (demo organisation)"; Filename: "{app}\svdesk.exe"; Parameters: "--demo"; Comment: "Try svdesk on a fictional community bike workshop"
Name: "{autoprograms}\svdesk licences"; Filename: "{app}\_internal\licenses"
Name: "{autodesktop}\svdesk"; Filename: "{app}\svdesk.exe"; Tasks: desktopicon

[Registry]
; .svdesk files open with svdesk (for this user, or for everyone in an all-users install).
Root: HKA; Subkey: "Software\Classes\.svdesk"; ValueType: string; ValueName: ""; ValueData: "svdesk.file"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.svdesk\OpenWithProgids"; ValueType: string; ValueName: "svdesk.file"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\svdesk.file"; ValueType: string; ValueName: ""; ValueData: "svdesk organisation file"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\svdesk.file\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\svdesk.exe,0"
Root: HKA; Subkey: "Software\Classes\svdesk.file\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\svdesk.exe"" ""%1"""

[Run]
Filename: "{app}\svdesk.exe"; Description: "{cm:LaunchProgram,svdesk}"; Flags: nowait postinstall skipifsilent

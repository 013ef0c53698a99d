; Inno Setup script for CookieDesk on Windows. Build the one-folder bundle first on Windows:
;   py -m venv .venv-build && .venv-build\Scripts\pip install . "pyinstaller>=6.10,<7"
;   .venv-build\Scripts\pyinstaller packaging\pyinstaller\cookiedesk.spec
; then compile this script with Inno Setup 6 (ISCC.exe packaging\windows\cookiedesk.iss).
; It cannot be built on the Linux machines CookieDesk is developed on (see README, Packaging).

#define AppName "CookieDesk"
#define AppVersion "0.3.0"
#define AppExe "cookiedesk.exe"

[Setup]
AppId={{7A3E5C2B-4D1F-4C8E-9B6A-2F0D8C1E5A47}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=The CookieDesk engineers
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=CookieDesk-{#AppVersion}-setup
SetupIconFile=cookiedesk.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
LicenseFile=..\..\LICENSE

[Files]
Source: "..\..\dist\cookiedesk\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Run]
Filename: "{app}\{#AppExe}"; Description: "Start {#AppName}"; Flags: nowait postinstall skipifsilent

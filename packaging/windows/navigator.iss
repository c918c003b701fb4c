; Inno Setup 6 script for Navigator's Windows installer.
; Built by packaging/build.py when `iscc` is on the PATH, or by hand after the bundle:
;   iscc /DAppVersion=0.1.0 navigator.iss     (from packaging\windows, after build.py --no-archive)
; Installs for the current user (no administrator rights needed) or for everyone, adds Start
; menu and optional desktop shortcuts, and an uninstaller that keeps the learners' data unless
; the person uninstalling asks, in so many words, to delete it.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\navigator"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\generated\navigator.ico"
#endif

[Setup]
; The AppId must never change: upgrades and the uninstaller find earlier installs by it.
AppId={{6F1D2C3A-8B4E-4E55-9A57-2D7C1E0B9F41}
AppName=Navigator
AppVersion={#AppVersion}
AppVerName=Navigator {#AppVersion}
AppPublisher=Navigator developers
DefaultDirName={autopf}\Navigator
DefaultGroupName=Navigator
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#OutputDir}
OutputBaseFilename=Navigator-Setup-{#AppVersion}
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\navigator.exe
UninstallDisplayName=Navigator
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
VersionInfoVersion={#AppVersion}
VersionInfoProductName=Navigator

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"
; Arabic is among Inno Setup's unofficial translations: download Arabic.isl from
; https://jrsoftware.org/files/istrans/ into Languages\ and remove the ';' below.
; Name: "ar"; MessagesFile: "compiler:Languages\Arabic.isl"

[CustomMessages]
en.DesktopIcon=Create a shortcut on the desktop
fr.DesktopIcon=Créer un raccourci sur le bureau
es.DesktopIcon=Crear un acceso directo en el escritorio
en.LaunchNow=Open Navigator now
fr.LaunchNow=Ouvrir Navigator maintenant
es.LaunchNow=Abrir Navigator ahora
en.DeleteData=Navigator is removed.%n%nThe learners' records, clients and lesson packs are still on this computer, in:%n%1%n%nDo you also want to DELETE them? This cannot be undone.%n%nChoose No to keep them (recommended if Navigator will be installed again).
fr.DeleteData=Navigator est désinstallé.%n%nLes dossiers des apprenants, les personnes accompagnées et les trousses de leçons sont toujours sur cet ordinateur, dans :%n%1%n%nVoulez-vous aussi les SUPPRIMER? C'est définitif.%n%nChoisissez Non pour les garder (conseillé si Navigator sera réinstallé).
es.DeleteData=Navigator se ha desinstalado.%n%nLos registros de los alumnos, las personas acompañadas y los paquetes de lecciones siguen en este ordenador, en:%n%1%n%n¿Quiere también ELIMINARLOS? No se puede deshacer.%n%nElija No para conservarlos (recomendado si va a instalar Navigator de nuevo).

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Navigator"; Filename: "{app}\navigator.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\Navigator"; Filename: "{app}\navigator.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\navigator.exe"; Description: "{cm:LaunchNow}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself wrote beside it (Python's caches); never the data folder.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Code]
// The data folder is %LOCALAPPDATA%\Navigator (navigator/paths.py); the Learning Record
// Store settings are in %APPDATA%\Navigator. A portable copy keeps both beside the program
// and is never installed by this script.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir, SettingsDir: String;
begin
  if CurUninstallStep <> usPostUninstall then
    exit;
  DataDir := ExpandConstant('{localappdata}\Navigator');
  SettingsDir := ExpandConstant('{userappdata}\Navigator');
  if UninstallSilent or not DirExists(DataDir) then
    exit;
  // No is the default button: pressing Enter keeps the data.
  if SuppressibleMsgBox(FmtMessage(CustomMessage('DeleteData'), [DataDir]),
       mbConfirmation, MB_YESNO or MB_DEFBUTTON2, IDNO) = IDYES then
  begin
    DelTree(DataDir, True, True, True);
    DelTree(SettingsDir, True, True, True);
  end;
end;

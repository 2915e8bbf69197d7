; Dossier's Windows installer. scripts/release builds it with makensis:
;   makensis -DVERSION=0.2.0 -DVERSION4=0.2.0.2 -DEXE=...\Dossier.exe
;            -DICON=...\dossier.ico -DLICENCES=...\THIRD_PARTY_LICENSES.txt
;            -DOUTFILE=...\Dossier-0.2.0-setup.exe installer.nsi
;
; It installs for the person running it, so no administrator rights are
; needed (campaigners often use a work laptop): the program goes to
; %LOCALAPPDATA%\Programs\Dossier, the Start-menu entry, the .dossier file
; type and the entry in Settings > Apps go in their own part of the
; registry (HKCU). Silent install: Dossier-VERSION-setup.exe /S; a folder
; with /D=C:\path as the last argument. The uninstaller leaves case files
; and the app's settings alone.

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user
ManifestDPIAware true

!define APP "Dossier"
!define PROGID "Dossier.Case"
!define MIME "application/x-dossier"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
!define UNINSTEXE "Uninstall Dossier.exe"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "Software\${APP}" "InstallDir"
BrandingText "${APP} ${VERSION}"

!include "MUI2.nsh"
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\Dossier.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Open Dossier now"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "${APP}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "${APP} ${VERSION} installer"
VIAddVersionKey /LANG=${LANG_ENGLISH} "CompanyName" "${APP}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "Dossier contributors"

Section "Dossier" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "/oname=Dossier.exe" "${EXE}"
  File "/oname=THIRD_PARTY_LICENSES.txt" "${LICENCES}"
  WriteUninstaller "$INSTDIR\${UNINSTEXE}"
  WriteRegStr HKCU "Software\${APP}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "Software\${APP}" "Version" "${VERSION}"

  ; Start menu (the per-user Programs folder, as the installer runs as the user).
  SetShellVarContext current
  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\Dossier.exe" "" "$INSTDIR\Dossier.exe" 0 \
    SW_SHOWNORMAL "" "Keep the evidence for a complaint, with a checkable chain of custody"

  ; .dossier files open in Dossier: "Dossier.exe CASE.dossier" opens the case.
  WriteRegStr HKCU "Software\Classes\.dossier" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\.dossier" "Content Type" "${MIME}"
  WriteRegStr HKCU "Software\Classes\.dossier\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "Dossier case"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" '"$INSTDIR\Dossier.exe",0'
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\Dossier.exe" "%1"'
  WriteRegStr HKCU "Software\Classes\Applications\Dossier.exe\shell\open\command" "" '"$INSTDIR\Dossier.exe" "%1"'
  WriteRegStr HKCU "Software\Classes\Applications\Dossier.exe\SupportedTypes" ".dossier" ""

  ; Settings > Apps (and Programs and Features).
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "Dossier contributors"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" '"$INSTDIR\Dossier.exe",0'
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\${UNINSTEXE}"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTEXE}" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  SectionGetSize ${SecMain} $0
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" $0

  ; Tell Explorer the file types changed (SHCNE_ASSOCCHANGED).
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$INSTDIR\Dossier.exe"
  Delete "$INSTDIR\THIRD_PARTY_LICENSES.txt"
  Delete "$INSTDIR\${UNINSTEXE}"
  RMDir "$INSTDIR"

  ; The file type, only where it is still Dossier's.
  ReadRegStr $0 HKCU "Software\Classes\.dossier" ""
  StrCmp $0 "${PROGID}" 0 +2
    DeleteRegKey HKCU "Software\Classes\.dossier"
  DeleteRegValue HKCU "Software\Classes\.dossier\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty HKCU "Software\Classes\.dossier\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "Software\Classes\.dossier"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "Software\Classes\Applications\Dossier.exe"
  DeleteRegKey HKCU "${UNINSTKEY}"
  DeleteRegKey HKCU "Software\${APP}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

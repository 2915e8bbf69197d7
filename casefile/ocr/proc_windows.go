package ocr

import (
	"os/exec"
	"syscall"
)

// noConsole stops Windows from opening a console window for each
// tesseract run: Dossier.exe is a windowed program, so a console program
// it starts would otherwise flash one up.
func noConsole(cmd *exec.Cmd) {
	const createNoWindow = 0x08000000 // CREATE_NO_WINDOW
	cmd.SysProcAttr = &syscall.SysProcAttr{HideWindow: true, CreationFlags: createNoWindow}
}

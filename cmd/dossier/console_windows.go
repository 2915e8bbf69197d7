package main

import (
	"os"
	"syscall"
)

// Dossier.exe is linked as a windowed program (-H windowsgui), so that
// opening it from the Start menu or a .dossier file shows no console
// window. Windows then gives it no standard output, and a verb run from
// Command Prompt or PowerShell would print nothing. attachConsole borrows
// the console of the program that started it, for each standard handle
// that was not redirected: "Dossier.exe verify x.dossier > out.txt" keeps
// writing to out.txt.
func init() { attachConsole() }

func attachConsole() {
	in, _ := syscall.GetStdHandle(syscall.STD_INPUT_HANDLE)
	out, _ := syscall.GetStdHandle(syscall.STD_OUTPUT_HANDLE)
	errh, _ := syscall.GetStdHandle(syscall.STD_ERROR_HANDLE)
	if usable(out) && usable(errh) {
		return // a console program's handles, or both redirected
	}
	const attachParentProcess = uintptr(^uint32(0)) // ATTACH_PARENT_PROCESS, (DWORD)-1
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	if r, _, _ := attach.Call(attachParentProcess); r == 0 {
		return // started from Explorer: there is no console to borrow
	}
	if !usable(out) {
		if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
			os.Stdout = f
		}
	}
	if !usable(errh) {
		if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
			os.Stderr = f
		}
	}
	if !usable(in) {
		if f, err := os.OpenFile("CONIN$", os.O_RDONLY, 0); err == nil {
			os.Stdin = f
		}
	}
}

func usable(h syscall.Handle) bool { return h != 0 && h != syscall.InvalidHandle }

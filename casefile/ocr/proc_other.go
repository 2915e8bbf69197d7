//go:build !windows

package ocr

import "os/exec"

// noConsole does nothing outside Windows, where a program started from an
// app opens no window of its own.
func noConsole(*exec.Cmd) {}

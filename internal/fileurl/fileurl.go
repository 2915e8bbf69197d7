// Package fileurl turns a file's path into the file:// URL that a desktop
// opens it by (a bundle in the PDF viewer), on Windows as on Linux and
// macOS.
//
// Building the URL as "file://" + path breaks in three ways: a drive
// letter becomes the host ("file://C:/Users/..."), a '#' or '?' in a file
// name ("Case #3 bundle.pdf") cuts the path short, and a '%' makes
// url.Parse fail. FromPath escapes the path instead.
package fileurl

import (
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
)

// FromPath is the file:// URL of path, made absolute first.
func FromPath(path string) *url.URL {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return fromPath(path, runtime.GOOS == "windows")
}

// fromPath is FromPath for an absolute path on Windows (windows) or on a
// Unix system, whichever this program runs on, so tests check both.
func fromPath(p string, windows bool) *url.URL {
	if windows {
		p = strings.ReplaceAll(p, `\`, "/")
		if server, rest, ok := strings.Cut(strings.TrimPrefix(p, "//"), "/"); ok && strings.HasPrefix(p, "//") {
			// \\server\share\file: the server is the URL's host.
			return &url.URL{Scheme: "file", Host: server, Path: "/" + rest}
		}
		if len(p) >= 2 && p[1] == ':' {
			p = "/" + p // C:/x becomes file:///C:/x
		}
	}
	return &url.URL{Scheme: "file", Path: p}
}

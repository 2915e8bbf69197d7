// Package bytesize writes a byte count the one way Dossier shows sizes, so
// that the app, the command line, the custody log and the bundle agree on
// what size a file is.
package bytesize

import "fmt"

// String writes n bytes in decimal units, as file managers on macOS and
// Linux do: 512 B, 12.3 kB, 4.0 MB, 1.07 GB.
func String(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	case n < 1000*1000*1000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.2f GB", float64(n)/1e9)
}

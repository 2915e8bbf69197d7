package casefile

import "testing"

// TestAccountName checks the user names Windows, macOS and Linux report.
func TestAccountName(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`LAPTOP-7QF2\alex`, "alex"},
		{`NORTHFIELD\a.marsh`, "a.marsh"},
		{"alex", "alex"},
		{"zoë.okafor", "zoë.okafor"},
		{`DOMAIN\`, ""},
		{"", ""},
	} {
		if got := accountName(tt.in); got != tt.want {
			t.Errorf("accountName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

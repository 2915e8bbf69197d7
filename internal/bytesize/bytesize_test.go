package bytesize

import "testing"

func TestString(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{0, "0 B"}, {999, "999 B"}, {1000, "1.0 kB"}, {1536, "1.5 kB"},
		{34816, "34.8 kB"}, {999_949, "999.9 kB"}, {5 << 20, "5.2 MB"},
		{1 << 30, "1.07 GB"}, {2_000_000_000, "2.00 GB"},
	}
	for _, tt := range tests {
		if got := String(tt.n); got != tt.want {
			t.Errorf("String(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

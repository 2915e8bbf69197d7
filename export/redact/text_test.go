package redact

import "testing"

func TestText(t *testing.T) {
	const s = "To 07700 900123, Zoë Baptiste"
	tests := []struct {
		name string
		repl []Replacement
		want string
	}{
		{"none", nil, s},
		{"pseudonym", []Replacement{{3, 15, "Phone 7"}}, "To Phone 7, Zoë Baptiste"},
		{"block", []Replacement{{17, 30, ""}}, "To 07700 900123, █████"},
		{"two unordered", []Replacement{{17, 30, "Resident 1"}, {3, 15, "Phone 7"}}, "To Phone 7, Resident 1"},
		{"overlap merged", []Replacement{{3, 10, "Phone 7"}, {8, 15, "X"}}, "To Phone 7, Zoë Baptiste"},
		{"touching kept apart", []Replacement{{3, 9, "A"}, {9, 15, "B"}}, "To AB, Zoë Baptiste"},
		{"clipped", []Replacement{{-5, 2, "X"}, {28, 99, ""}}, "X 07700 900123, Zoë Baptis█████"},
		{"inside a rune widened", []Replacement{{20, 21, "_"}}, "To 07700 900123, Zo_ Baptiste"},
		{"empty ignored", []Replacement{{5, 5, "X"}, {9, 3, "Y"}}, s},
	}
	for _, tt := range tests {
		if got := Text(s, tt.repl); got != tt.want {
			t.Errorf("%s: Text = %q, want %q", tt.name, got, tt.want)
		}
	}
}

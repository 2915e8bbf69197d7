package redact

import "testing"

func TestText(t *testing.T) {
	const s = "To 07700 900123, Zoë Baptiste"
	tests := []struct {
		name string
		repl []Replacement
		want string
		n    int // places replaced
	}{
		{"none", nil, s, 0},
		{"pseudonym", []Replacement{{3, 15, "Phone 7"}}, "To Phone 7, Zoë Baptiste", 1},
		{"block", []Replacement{{17, 30, ""}}, "To 07700 900123, █████", 1},
		{"two unordered", []Replacement{{17, 30, "Resident 1"}, {3, 15, "Phone 7"}}, "To Phone 7, Resident 1", 2},
		{"overlap merged", []Replacement{{3, 10, "Phone 7"}, {8, 15, "X"}}, "To Phone 7, Zoë Baptiste", 1},
		{"touching kept apart", []Replacement{{3, 9, "A"}, {9, 15, "B"}}, "To AB, Zoë Baptiste", 2},
		{"clipped", []Replacement{{-5, 2, "X"}, {28, 99, ""}}, "X 07700 900123, Zoë Baptis█████", 2},
		{"inside a rune widened", []Replacement{{20, 21, "_"}}, "To 07700 900123, Zo_ Baptiste", 1},
		{"empty ignored", []Replacement{{5, 5, "X"}, {9, 3, "Y"}}, s, 0},
	}
	for _, tt := range tests {
		if got := Text(s, tt.repl); got != tt.want {
			t.Errorf("%s: Text = %q, want %q", tt.name, got, tt.want)
		}
		if got, n := TextCount(s, tt.repl); got != tt.want || n != tt.n {
			t.Errorf("%s: TextCount = %q, %d, want %q, %d", tt.name, got, n, tt.want, tt.n)
		}
	}
}

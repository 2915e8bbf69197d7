package detect

import "testing"

func FuzzScan(f *testing.F) {
	for _, s := range []string{
		"Maureen Baptiste 07700 900123",
		"BAPTISTE, Maureen +44 (0)20 7946 0123 ann@example.org",
		"Zoe\u0308 Okafor SW1A 1AA AB 12 34 56 C 100023456789",
		"(07700) 900123) ((+44 7700 900123",
		"11/06/2015 09:00 £96,000 22,000 para 635",
		"OKAFOR Zoë, LEE Ann\u00a0Lee. Ann",
		"@@a@b.co x@.uk \xff\xfe 07700\xff900123",
	} {
		f.Add(s)
	}
	d := mustNew(f, Options{Names: caseNames, UPRNs: true})
	f.Fuzz(func(t *testing.T, text string) {
		got := d.Scan(text)
		// Rune boundaries as range sees them: an invalid byte is a rune.
		boundary := make(map[int]bool, len(text)+1)
		for i := range text {
			boundary[i] = true
		}
		boundary[len(text)] = true
		prevEnd := 0
		for _, fd := range got {
			if fd.Start < prevEnd || fd.Start >= fd.End || fd.End > len(text) {
				t.Fatalf("Scan(%q): bad or overlapping span %d:%d after %d", text, fd.Start, fd.End, prevEnd)
			}
			prevEnd = fd.End
			if fd.Text != text[fd.Start:fd.End] {
				t.Fatalf("Scan(%q): Text %q is not text[%d:%d]", text, fd.Text, fd.Start, fd.End)
			}
			if !boundary[fd.Start] || !boundary[fd.End] {
				t.Fatalf("Scan(%q): %d:%d not on rune boundaries", text, fd.Start, fd.End)
			}
			if fd.Value == "" {
				t.Fatalf("Scan(%q): %s %q without a value", text, fd.Kind, fd.Text)
			}
		}
	})
}

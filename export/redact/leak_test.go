package redact

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
	"time"
)

func TestLeakCheckPhoneForms(t *testing.T) {
	needle := []Needle{{Value: "07700 900123", Kind: KindPhone}}
	leaks := []string{
		"07700 900123",
		"07700900123",
		"07700-900-123",
		"07700.900.123",
		"(07700) 900123",
		"+44 7700 900123",
		"+447700900123",
		"+44 (0)7700 900123",
		"+44(0)7700-900-123",
		"0044 7700 900123",
		"00447700900123",
		"447700900123",
		"7700 900 123",
		"call 07700\u00a0900123 now",      // no-break space
		"07700\u2013900123",               // en dash
		"Tel:07700 900123.",               // label and full stop
		"0\x007\x007\x000\x000\x00 \x009", // UTF-16 fragment, continued below
	}
	leaks[len(leaks)-1] += "\x000\x000\x001\x002\x003\x00"
	for _, s := range leaks {
		err := LeakCheck(map[string][]byte{"page-1.txt": []byte(s)}, needle)
		var le *LeakError
		if !errors.As(err, &le) || le.Where != "page-1.txt" || !errors.Is(err, ErrLeak) {
			t.Errorf("%q: err = %v, want leak in page-1.txt", s, err)
		}
	}
	clean := []string{
		"07700 900124",
		"07700 90012",
		"Phone 7",
		"█████",
		"11/06/2015 09:00 £96,000 22,000",
		"7700 900 12x3", // a letter breaks the run
	}
	for _, s := range clean {
		if err := LeakCheck(map[string][]byte{"t": []byte(s)}, needle); err != nil {
			t.Errorf("%q: unexpected %v", s, err)
		}
	}
}

func TestLeakCheckLandline(t *testing.T) {
	n := []Needle{{Value: "+44 20 7946 0123", Kind: KindPhone}}
	for _, s := range []string{"020 7946 0123", "(020) 7946-0123", "+44 (0)20 7946 0123", "02079460123"} {
		if err := LeakCheck(map[string][]byte{"x": []byte(s)}, n); !errors.Is(err, ErrLeak) {
			t.Errorf("%q: err = %v, want leak", s, err)
		}
	}
}

func TestLeakCheckNames(t *testing.T) {
	needle := []Needle{{Value: "Zoë Baptiste", Kind: KindName}}
	leaks := []string{
		"Zoë Baptiste", "ZOE BAPTISTE", "zoe\n  baptiste", "Dear Zoe Baptiste,",
		"ZoeBaptiste", "zoe_baptiste", "Zoe\x00 \x00B\x00a\x00p\x00t\x00i\x00s\x00t\x00e",
	}
	for _, s := range leaks {
		if err := LeakCheck(map[string][]byte{"letter.txt": []byte(s)}, needle); !errors.Is(err, ErrLeak) {
			t.Errorf("%q: err = %v, want leak", s, err)
		}
	}
	clean := []string{"Zoe", "Baptiste Zoe", "Zoey Baptiste", "Resident 1"}
	for _, s := range clean {
		if err := LeakCheck(map[string][]byte{"letter.txt": []byte(s)}, needle); err != nil {
			t.Errorf("%q: unexpected %v", s, err)
		}
	}
}

func TestLeakCheckNamesStream(t *testing.T) {
	streams := map[string][]byte{
		"LW-3.png":         []byte("\x89PNG pixels only"),
		"LW-3.txt":         []byte("Message to Phone 7 from Party"),
		"metadata":         []byte(`{"Author":"Maureen Baptiste"}`),
		"bundle-index.txt": []byte("LW/3 screenshot"),
		"file names":       []byte("LW-3.png\nbundle.pdf"),
	}
	needles := []Needle{
		{Value: "07700 900123", Kind: KindPhone},
		{Value: "Maureen Baptiste", Kind: KindName},
	}
	err := LeakCheck(streams, needles)
	var le *LeakError
	if !errors.As(err, &le) || le.Where != "metadata" || le.Needle.Kind != KindName {
		t.Fatalf("err = %v, want leak in metadata", err)
	}
	if msg := err.Error(); containsFold(msg, "Baptiste") {
		t.Errorf("error repeats the value: %s", msg)
	}
	delete(streams, "metadata")
	if err := LeakCheck(streams, needles); err != nil {
		t.Errorf("clean streams: %v", err)
	}
}

func TestLeakCheckBadNeedles(t *testing.T) {
	for _, n := range []Needle{
		{Value: "", Kind: KindName},
		{Value: "--", Kind: KindText},
		{Value: "12", Kind: KindPhone},
		{Value: "x", Kind: "colour"},
	} {
		if err := LeakCheck(map[string][]byte{"a": nil}, []Needle{n}); err == nil || errors.Is(err, ErrLeak) {
			t.Errorf("%+v: err = %v, want needle error", n, err)
		}
	}
}

func containsFold(s, sub string) bool {
	return LeakCheck(map[string][]byte{"s": []byte(s)}, []Needle{{Value: sub, Kind: KindText}}) != nil
}

func TestLeakCheckManyNeedles(t *testing.T) {
	needles := manyNeedles(5000)
	text := []byte("Planning notes for Joanne Annan: Resident 4 at Phone 9, tel 07700 906123 is not marked.")
	if err := LeakCheck(map[string][]byte{"notes": text}, append(needles, Needle{Value: "Ann", Kind: KindName})); err != nil {
		t.Fatalf("clean text: %v", err)
	}
	for _, leak := range []string{"… ann lee4999 …", "call 07700 904999", "Zoë Fenwick-17"} {
		err := LeakCheck(map[string][]byte{"notes": append(text, leak...)}, needles)
		var le *LeakError
		if !errors.As(err, &le) || le.Where != "notes" {
			t.Errorf("%q: err = %v, want leak", leak, err)
		}
	}
}

// manyNeedles returns n invented names and n drama-range numbers
// (07700 900000 upwards; beyond 900999 they are still fictional test
// values that never reach a real phone).
func manyNeedles(n int) []Needle {
	var out []Needle
	for i := range n {
		out = append(out,
			Needle{Value: fmt.Sprintf("Ann Lee%d", i), Kind: KindName},
			Needle{Value: fmt.Sprintf("Zoë Fenwick-%d", i), Kind: KindName},
			Needle{Value: fmt.Sprintf("07700 90%04d", i), Kind: KindPhone},
		)
	}
	return out
}

func BenchmarkLeakCheck(b *testing.B) {
	needles := manyNeedles(10000)
	var text bytes.Buffer
	for text.Len() < 1<<20 {
		text.WriteString("Message 12 to Phone 7 (Resident 3) on 08/06/2015 09:00: vote on Thursday. £96,000 ")
	}
	streams := map[string][]byte{"bundle.txt": text.Bytes()}
	start := time.Now()
	for b.Loop() {
		if err := LeakCheck(streams, needles); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(time.Since(start).Milliseconds())/float64(b.N), "ms/MB")
}

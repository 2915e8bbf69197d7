package redact

import (
	"strings"
	"testing"
)

// A leak is reported by where it is and what kind of value, never by the
// value, its initials or its length.
func TestLeakErrorHidesTheValue(t *testing.T) {
	err := LeakCheck(map[string][]byte{"LW/3 page 1": []byte("to Maureen Baptiste on 07700 900123")},
		[]Needle{{Value: "Maureen Baptiste", Kind: KindName}})
	if err == nil {
		t.Fatal("no leak found")
	}
	msg := err.Error()
	for _, bad := range []string{"Maureen", "Baptiste", "M…", "16"} {
		if strings.Contains(msg, bad) {
			t.Errorf("message %q shows %q", msg, bad)
		}
	}
	if !strings.Contains(msg, "LW/3 page 1") || !strings.Contains(msg, "name") {
		t.Errorf("message %q does not say where and what", msg)
	}
}

package detect

import (
	"reflect"
	"testing"
)

// A relative named beside a resident's surname is found, though only the
// resident is on the sheet: the sheet's notes column, a letter.
func TestFamilyNames(t *testing.T) {
	sur := SurnamesOf("Ana Bello", "OKAFOR, Zoë", "Lee Ann", "ADEYEMI Tunde", "DE SOUZA Maria")
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"daughter Kemi Bello", []string{"Kemi Bello"}},
		{"her son Tunde Bello", []string{"Tunde Bello"}},
		{"spoke to Mrs Bello and Mrs. Okafor", []string{"Mrs Bello", "Mrs. Okafor"}},
		{"KEMI BELLO rang", []string{"KEMI BELLO"}},
		{"Dear Bello family", nil},                                   // a greeting, not a name
		{"kemi bello", nil},                                          // not written as a name
		{"the bello sauce", nil},                                     // not capitalised
		{"Bello, Ana", nil},                                          // surname first: the case's own form
		{"Ann Lee", nil},                                             // Lee is not a surname here
		{"son Femi Adeyemi, works nights", []string{"Femi Adeyemi"}}, // "ADEYEMI Tunde" as sheets write it
		{"Maria Souza", nil},                                         // a surname of two words is not taken apart
	} {
		var got []string
		for _, f := range Relatives(tc.text, sur) {
			got = append(got, f.Text)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Relatives(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

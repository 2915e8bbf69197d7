package letter

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func TestTemplates(t *testing.T) {
	ts := Templates()
	want := []string{"concern", "subject-access", "ico-complaint", "pecr-report", "case-review", "board-chair"}
	if len(ts) != len(want) {
		t.Fatalf("got %d templates, want %d", len(ts), len(want))
	}
	for i, tp := range ts {
		if tp.ID != want[i] || tp.Title == "" || strings.Contains(tp.Title, "{{") || !strings.Contains(tp.Text, "{{.Complainant}}") {
			t.Errorf("template %d: id %q title %q", i, tp.ID, tp.Title)
		}
		got, err := Lookup(tp.ID)
		if err != nil || got != tp {
			t.Errorf("Lookup(%q) = %v, %v", tp.ID, got.ID, err)
		}
	}
	_, err := Lookup("complaint")
	if err == nil || !strings.Contains(err.Error(), `"complaint" not found`) || !strings.Contains(err.Error(), "concern, subject-access, ico-complaint, pecr-report, case-review, board-chair") {
		t.Errorf("Lookup(unknown) error = %v", err)
	}
}

// TestRenderGolden renders each template with the fictional case; run with
// -update to rewrite the goldens after a deliberate change, then read them.
func TestRenderGolden(t *testing.T) {
	f := caseFields(t, fictionalCase(t))
	for _, tp := range Templates() {
		t.Run(tp.ID, func(t *testing.T) {
			got, err := Render(tp, f)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(got, "[") && !strings.Contains(tp.Text, "[") {
				t.Errorf("a reminder was merged although the case has every value:\n%s", got)
			}
			golden := filepath.Join("testdata", tp.ID+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("render differs from %s (run go test -update and review the diff):\n%s", golden, got)
			}
		})
	}
}

func TestRenderUnknownField(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"print", "Dear {{.Foo}},", "template t: unknown merge field {{.Foo}}; known fields: CaseTitle, Complainant,"},
		{"condition", "{{if .Reply}}thanks{{end}}", "unknown merge field {{.Reply}}"},
		{"else branch", "{{if .Today}}x{{else}}{{.Nope}}{{end}}", "unknown merge field {{.Nope}}"},
		{"pipeline", `{{.Orgnisation | printf "%s"}}`, "unknown merge field {{.Orgnisation}}"},
		{"root variable", "{{$.Complainantt}}", "unknown merge field {{.Complainantt}}"},
		{"inside a field", "{{.CaseTitle.Length}}", "unknown merge field {{.CaseTitle.Length}}: CaseTitle is text"},
		{"syntax", "{{.CaseTitle", "template t:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Render(Template{ID: "t", Text: tt.text}, Fields{"Today": "1 May 2026"})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Render(%q) = %q, %v; want error containing %q", tt.text, got, err, tt.want)
			}
		})
	}
}

func TestRenderReminders(t *testing.T) {
	tests := []struct{ text, want string }{
		{"{{.Complainant}}\n{{.ComplainantAddress}}", "[your name]\n[your postal address]\n"},
		{"{{if .ResponseReceived}}replied {{.ResponseReceived}}{{else}}no reply by {{.ResponseDue}}{{end}}", "no reply by [date the reply was due]\n"},
		{"Ref {{.ICOReference}}.", "Ref RFA1.\n"},
		{"a  \n\n\n\n{{if .Summary}}x{{end}}\n\n\nb", "a\n\nb\n"},
	}
	for _, tt := range tests {
		got, err := Render(Template{ID: "t", Text: tt.text}, Fields{"ICOReference": "RFA1", "Complainant": " "})
		if err != nil || got != tt.want {
			t.Errorf("Render(%q) = %q, %v; want %q", tt.text, got, err, tt.want)
		}
	}
}

func FuzzRender(f *testing.F) {
	for _, tp := range Templates() {
		f.Add(tp.Text)
	}
	f.Add("{{range .ExhibitList}}{{.}}{{end}}")
	f.Add("{{with .Today}}{{.}}{{end}}{{define \"x\"}}{{.Foo}}{{end}}")
	fields := Fields{"Today": "1 May 2026", "ExhibitList": "LW/1 A"}
	f.Fuzz(func(t *testing.T, text string) {
		out, err := Render(Template{ID: "fuzz", Text: text}, fields)
		if err == nil && !strings.HasSuffix(out, "\n") {
			t.Errorf("output %q does not end with a newline", out)
		}
	})
}

func TestUnfilled(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Dear Sir,\nAll filled in.\n", nil},
		{"[your name]\n[your postal address]\n\nYours,\n[your name]\n", []string{"[your name]", "[your postal address]"}},
		{"Reply by [reply date] to [organisation].", []string{"[reply date]", "[organisation]"}},
		{"See [1] and [note].", nil}, // brackets of the writer's own are not reminders
	} {
		if got := Unfilled(tt.text); fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("Unfilled(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	// Every template merged with an empty case has reminders to fill.
	for _, tp := range Templates() {
		empty, err := Render(tp, Fields{})
		if err != nil {
			t.Fatal(err)
		}
		if len(Unfilled(empty)) == 0 {
			t.Errorf("%s: no reminders in a letter of an empty case", tp.ID)
		}
	}
}

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// TestExitCodes checks which errors give which exit code and message.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	c := filepath.Join(dir, "c.dossier")
	tests := []struct {
		args    []string
		code    int
		message string // first stderr line
	}{
		{[]string{"help"}, 0, ""},
		{[]string{"list", "--help"}, 0, ""},
		{[]string{"nosuch"}, 2, `dossier: unknown verb "nosuch"`},
		{[]string{"list"}, 2, "dossier: list needs CASE [--json]"},
		{[]string{"list", c, "--bogus"}, 2, "dossier: flag provided but not defined: -bogus"},
		{[]string{"add", c, "x", "--kind", "receipt"}, 2, "dossier: "},
		{[]string{"new", c, "--title", "T", "--prefix", "LW"}, 0, ""},
		{[]string{"list", c, "--json"}, 0, ""},
		{[]string{"show", c, "LW/4"}, 1, "dossier: exhibit LW/4: no such exhibit"},
		{[]string{"list", filepath.Join(dir, "none.dossier")}, 1, "dossier: "},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := report(&stderr, dispatch(context.Background(), tt.args, &stdout))
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, stderr.String())
			}
			if !strings.HasPrefix(stderr.String(), tt.message) || (tt.message == "") != (stderr.Len() == 0) {
				t.Errorf("stderr %q, want it to start %q", stderr.String(), tt.message)
			}
		})
	}
}

// TestReportFormat checks the message shape: one lower-case line, no
// trailing period.
func TestReportFormat(t *testing.T) {
	var b bytes.Buffer
	report(&b, fmt.Errorf("Open x: %w", errors.New("bad thing.\nmore")))
	if got, want := b.String(), "dossier: open x: bad thing.; more\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	b.Reset()
	report(&b, errors.New("Something failed."))
	if got, want := b.String(), "dossier: something failed\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestParseFlagsAnywhere checks flags are accepted before, between and
// after positional arguments, and that "--" ends them.
func TestParseFlagsAnywhere(t *testing.T) {
	tests := []struct {
		args []string
		pos  string
		json bool
		kind string
	}{
		{[]string{"c", "--json"}, "c", true, ""},
		{[]string{"--json", "c"}, "c", true, ""},
		{[]string{"c", "--kind", "sheet", "f"}, "c f", false, "sheet"},
		{[]string{"c", "--kind=sheet", "f", "-json"}, "c f", true, "sheet"},
		{[]string{"c", "--", "--json"}, "c --json", false, ""},
	}
	for _, tt := range tests {
		v := &verb{name: "x", args: "ARGS"}
		fs := flags(v)
		j := fs.Bool("json", false, "")
		k := fs.String("kind", "", "")
		pos, err := parse(v, fs, tt.args, nil, 0, -1)
		if err != nil {
			t.Fatalf("%q: %v", tt.args, err)
		}
		if strings.Join(pos, " ") != tt.pos || *j != tt.json || *k != tt.kind {
			t.Errorf("%q: pos %q json %v kind %q", tt.args, pos, *j, *k)
		}
	}
}

// TestSubVerbs checks the table takes verbs with sub-verbs ("rows import")
// and verbs that both run and have sub-verbs ("steps CASE", "steps set").
func TestSubVerbs(t *testing.T) {
	var got string
	leaf := func(name string) *verb {
		return &verb{name: name, args: "CASE", summary: name + " things",
			run: func(ctx context.Context, v *verb, args []string, out io.Writer) error {
				fs := flags(v)
				pos, err := parse(v, fs, args, out, 1, 1)
				if err == nil {
					got = v.fullName() + " " + pos[0]
				}
				return err
			}}
	}
	rows := &verb{name: "rows", summary: "rows", subs: []*verb{leaf("import"), leaf("list")}}
	steps := leaf("steps")
	steps.subs = []*verb{leaf("set")}
	old := verbs
	// Ahead of the real verbs of the same names, which find would pick first.
	verbs = append([]*verb{rows, steps}, verbs...)
	defer func() { verbs = old }()

	tests := []struct {
		args []string
		want string
		code int
	}{
		{[]string{"rows", "import", "c.dossier"}, "rows import c.dossier", 0},
		{[]string{"rows", "list", "c.dossier"}, "rows list c.dossier", 0},
		{[]string{"steps", "c.dossier"}, "steps c.dossier", 0},
		{[]string{"steps", "set", "c.dossier"}, "steps set c.dossier", 0},
		{[]string{"rows"}, "", 2},
		{[]string{"rows", "frob"}, "", 2},
		{[]string{"help", "rows", "import"}, "", 0},
		{[]string{"help", "steps"}, "", 0},
	}
	for _, tt := range tests {
		got = ""
		var stdout, stderr bytes.Buffer
		code := report(&stderr, dispatch(context.Background(), tt.args, &stdout))
		if got != tt.want || code != tt.code {
			t.Errorf("%q: ran %q exit %d, want %q exit %d (%s)", tt.args, got, code, tt.want, tt.code, stderr.String())
		}
	}
	var out bytes.Buffer
	dispatch(context.Background(), []string{"help", "steps"}, &out)
	if !strings.Contains(out.String(), "set  set things") {
		t.Errorf("help steps does not list its sub-verbs:\n%s", out.String())
	}
	out.Reset()
	dispatch(context.Background(), []string{"help", "rows", "import"}, &out)
	if !strings.HasPrefix(out.String(), "usage: dossier rows import CASE") {
		t.Errorf("help rows import:\n%s", out.String())
	}
}

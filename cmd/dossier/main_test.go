package main

import (
	"bytes"
	"database/sql"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/rogpeppe/go-internal/testscript"

	"dossier/casefile"
	"dossier/internal/tooltest"
)

var update = flag.Bool("update", false, "rewrite the scripts' golden files")

// TestMain pins the clock and the UUID source, in the test process and in
// every "dossier" command a script runs, so output is the same every run.
func TestMain(m *testing.M) {
	casefile.Clock = func() time.Time { return time.Date(2015, 6, 20, 10, 30, 0, 0, time.UTC) }
	uuid.SetRand(rand.New(rand.NewSource(1)))
	testscript.Main(m, map[string]func(){"dossier": func() { os.Exit(mainExit()) }})
}

func TestScripts(t *testing.T) {
	// One cache of compiled PDF engine code for every script: each
	// "dossier" they run is a new process, and scripts have no home folder.
	cache := t.TempDir()
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(e *testscript.Env) error {
			e.Setenv("XDG_CACHE_HOME", cache)
			e.Setenv("DOSSIER_USER", "Test Person")
			e.Setenv("LANG", "en_GB.UTF-8") // Fyne logs a warning for LANG=C
			return nil
		},
		Condition: toolCondition,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"flip":     flipCmd,
			"truncate": truncateCmd,
			"sql":      sqlCmd,
		},
	})
}

// toolCondition is the scripts' [tool:NAME] condition: true when NAME is
// on PATH. A missing tool makes the condition false (the lines it guards
// are skipped), except under DOSSIER_REQUIRE_TOOLS=1 (CI), where it fails
// the script: a check that silently stopped running must not pass.
func toolCondition(cond string) (bool, error) {
	tool, ok := strings.CutPrefix(cond, "tool:")
	if !ok {
		return false, fmt.Errorf("unknown condition %q", cond)
	}
	if _, err := exec.LookPath(tool); err == nil {
		return true, nil
	}
	if tooltest.Required() {
		return false, fmt.Errorf("%s is not installed and %s=1", tool, tooltest.EnvRequire)
	}
	return false, nil
}

// flipCmd is "flip FILE TEXT": it changes the first byte of TEXT where TEXT
// occurs in FILE, as tampering with a case file on disk would.
func flipCmd(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: flip FILE TEXT")
	}
	name := ts.MkAbs(args[0])
	data, err := os.ReadFile(name)
	ts.Check(err)
	i := bytes.Index(data, []byte(args[1]))
	if i < 0 {
		ts.Fatalf("%s does not contain %q", args[0], args[1])
	}
	data[i] ^= 0x20
	ts.Check(os.WriteFile(name, data, 0o644))
	fmt.Fprintf(ts.Stdout(), "flipped byte %d\n", i)
}

// truncateCmd is "truncate FILE SIZE", as a copy cut short would be.
func truncateCmd(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: truncate FILE SIZE")
	}
	n, err := strconv.ParseInt(args[1], 10, 64)
	ts.Check(err)
	ts.Check(os.Truncate(ts.MkAbs(args[0]), n))
}

// sqlCmd is "sql FILE STATEMENT...": it runs each statement on FILE as
// the sqlite3 shell would (no foreign keys, no Dossier code), the way
// someone changing a case file behind Dossier's back would.
func sqlCmd(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) < 2 {
		ts.Fatalf("usage: sql FILE STATEMENT...")
	}
	db, err := sql.Open("sqlite3", "file:"+ts.MkAbs(args[0]))
	ts.Check(err)
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, q := range args[1:] {
		_, err := db.Exec(q)
		if neg {
			if err == nil {
				ts.Fatalf("%s: succeeded", q)
			}
			fmt.Fprintf(ts.Stdout(), "%s: %v\n", q, err)
			return
		}
		if err != nil {
			ts.Fatalf("%s: %v", q, err)
		}
	}
}

package casefile

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Some tests re-run this test binary as a child process that does one
// thing to a case: a crash trial kills it with SIGKILL at a random moment,
// the injected-write-error test limits its file size. childEnv names the
// operation, childCaseEnv the case and childArgEnv its input.
const (
	childEnv     = "DOSSIER_TEST_CHILD"
	childCaseEnv = "DOSSIER_TEST_CHILD_CASE"
	childArgEnv  = "DOSSIER_TEST_CHILD_ARG"
)

func TestMain(m *testing.M) {
	if op := os.Getenv(childEnv); op != "" {
		os.Exit(runChild(op, os.Getenv(childCaseEnv), os.Getenv(childArgEnv)))
	}
	os.Exit(m.Run())
}

// crashOps are the operations the crash trials kill, each as the CLI verb
// runs it: open the case, do the one thing, close.
var crashOps = map[string]func(ctx context.Context, c *Case, arg string) error{
	"add": func(ctx context.Context, c *Case, arg string) error {
		_, err := c.AddFile(ctx, arg, Meta{Kind: KindOther, Title: "Big file"}, nil)
		return err
	},
	"rows import": func(ctx context.Context, c *Case, arg string) error {
		_, err := c.ImportRows(ctx, arg, ImportOptions{})
		return err
	},
	"marks accept --all": func(ctx context.Context, c *Case, arg string) error {
		_, err := c.AcceptMarks(ctx, nil, true)
		return err
	},
	"link auto": func(ctx context.Context, c *Case, arg string) error {
		_, err := c.AutoLink(ctx)
		return err
	},
}

// runChild is the child process's whole life; its exit code is what the
// parent asserts.
func runChild(op, path, arg string) int {
	if op == "add-limited" {
		return addLimitedChild(path, arg)
	}
	f := crashOps[op]
	if f == nil {
		fmt.Fprintf(os.Stderr, "unknown child operation %q\n", op)
		return 2
	}
	c, err := Open(path, Options{Actor: "child"})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	// The parent starts its clock here, so kills land in the operation,
	// not in the process's start-up.
	fmt.Println("ready")
	if err := f(context.Background(), c, arg); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 4
	}
	if err := c.Close(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 5
	}
	return 0
}

// crashCase is one operation's trials: a template case to copy for each,
// the input, and what the case must hold before and after.
type crashCase struct {
	op       string
	template string
	arg      string
	state    func(t *testing.T, c *Case) string // a summary that differs before and after
}

// Outcomes of a trial.
const (
	outcomeNone     = "killed, nothing changed"
	outcomeWhole    = "killed, whole change kept"
	outcomeFinished = "finished before the kill"
)

// TestCrashTrials kills each operation 20 times at random moments (kill
// -9) and asserts, every time, the child's fate (finished with exit 0, or
// killed by SIGKILL, nothing else), that the case then opens and
// verifies, that it holds exactly the state before or after the
// operation (after, if the child finished), and that nothing is left
// beside it: no journal, no log, no temporary file.
func TestCrashTrials(t *testing.T) {
	if testing.Short() {
		t.Skip("crash trials run 80 child processes; skipped with -short")
	}
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewSource(seed))
	table := map[string]map[string]int{}
	for _, cc := range crashCases(t) {
		before, after, took := referenceRun(t, cc)
		t.Logf("%s: a whole run takes %v", cc.op, took)
		outcomes := map[string]int{}
		for i := 0; i < 20; i++ {
			// Kills spread over the run and a little past it.
			delay := time.Duration(rng.Int63n(int64(took) * 6 / 5))
			outcomes[crashTrial(t, cc, delay, before, after)]++
		}
		table[cc.op] = outcomes
	}
	for _, op := range []string{"add", "rows import", "marks accept --all", "link auto"} {
		t.Logf("%-20s 20 trials: %v", op, table[op])
	}
}

// referenceRun runs the operation once without a kill: the state after it
// and how long it takes.
func referenceRun(t *testing.T, cc crashCase) (before, after string, took time.Duration) {
	t.Helper()
	path := copyTemplate(t, cc.template)
	before = caseState(t, path, cc.state)
	cmd, ready := startChild(t, cc, path)
	<-ready
	start := time.Now()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("%s: reference run failed: %v", cc.op, err)
	}
	took = time.Since(start)
	after = caseState(t, path, cc.state)
	if after == before {
		t.Fatalf("%s: the operation changed nothing (%s), so a trial could not tell", cc.op, after)
	}
	return before, after, took
}

func crashTrial(t *testing.T, cc crashCase, delay time.Duration, before, after string) string {
	t.Helper()
	path := copyTemplate(t, cc.template)
	cmd, ready := startChild(t, cc, path)
	if _, ok := <-ready; !ok {
		cmd.Wait()
		t.Fatalf("%s: child did not start", cc.op)
	}
	time.Sleep(delay)
	cmd.Process.Signal(syscall.SIGKILL)
	err := cmd.Wait()
	finished := err == nil
	var ee *exec.ExitError
	if !finished && !(errors.As(err, &ee) && ee.Sys().(syscall.WaitStatus).Signal() == syscall.SIGKILL) {
		t.Fatalf("%s, kill after %v: child ended with %v, want exit 0 or SIGKILL; stderr: %s", cc.op, delay, err, cmd.Stderr)
	}
	got := caseState(t, path, cc.state)
	switch {
	case finished && got == after:
		return outcomeFinished
	case !finished && got == before:
		return outcomeNone
	case !finished && got == after:
		return outcomeWhole
	}
	t.Fatalf("%s, kill after %v (finished %v): case holds\n%s\nwant before:\n%s\nor after:\n%s", cc.op, delay, finished, got, before, after)
	return ""
}

// caseState opens the case as the next user would (which undoes a cut-off
// change), verifies it, summarises it, closes it and checks that nothing
// is left beside it.
func caseState(t *testing.T, path string, state func(*testing.T, *Case) string) string {
	t.Helper()
	c, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("case does not open: %v", err)
	}
	rep, err := c.Verify(context.Background(), nil)
	if err != nil || !rep.OK() {
		t.Fatalf("case does not verify: %+v %v", rep.Problems, err)
	}
	s := state(t, c)
	var orphans int
	c.db.QueryRow("SELECT COUNT(*) FROM chunks WHERE blob_id NOT IN (SELECT id FROM blobs)").Scan(&orphans)
	if orphans != 0 {
		t.Fatalf("%d orphan chunks", orphans)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, filepath.Dir(path), filepath.Base(path))
	return s
}

func startChild(t *testing.T, cc crashCase, path string) (*exec.Cmd, <-chan struct{}) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+cc.op, childCaseEnv+"="+path, childArgEnv+"="+cc.arg)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan struct{})
	go func() {
		defer close(ready)
		line, _ := bufio.NewReader(out).ReadString('\n')
		if line == "ready\n" {
			ready <- struct{}{}
		}
		io.Copy(io.Discard, out)
	}()
	return cmd, ready
}

func copyTemplate(t *testing.T, template string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "case.dossier")
	copyFile(t, template, path)
	return path
}

// crashCases builds the template cases, once.
func crashCases(t *testing.T) []crashCase {
	t.Helper()
	dir := t.TempDir()
	ctx := context.Background()
	newCase := func(name string) (*Case, string) {
		p := filepath.Join(dir, name+".dossier")
		c, err := Create(p, "Crash trials", "LW", Options{Actor: "Test Actor"})
		if err != nil {
			t.Fatal(err)
		}
		return c, p
	}
	closeCase := func(c *Case) {
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	}
	count := func(q string) func(*testing.T, *Case) string {
		return func(t *testing.T, c *Case) string {
			var n int
			if err := c.db.QueryRow(q).Scan(&n); err != nil {
				t.Fatal(err)
			}
			log, _ := c.Log(ctx)
			return fmt.Sprintf("%s = %d; %d events", q, n, len(log))
		}
	}

	// Sizes are chosen so that each operation takes a few hundred
	// milliseconds: long enough for kills to land inside it, short enough
	// for the 80 trials to take well under a minute.

	// add: a 24 MB file.
	c, addCase := newCase("add")
	closeCase(c)
	big := filepath.Join(dir, "big.bin")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(f, io.LimitReader(rand.New(rand.NewSource(1)), 24<<20))
	f.Close()

	// rows import: a sheet of 3,000 rows.
	c, rowsCase := newCase("rows")
	closeCase(c)
	sheet := filepath.Join(dir, "sheet.csv")
	os.WriteFile(sheet, crashSheet(3000), 0o644)

	// link auto: 3,000 rows and 1,500 messages waiting to be linked.
	c, linkCase := newCase("link")
	if _, err := c.ImportRows(ctx, sheet, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ImportMessages(ctx, crashMessages(t, dir, 1500)); err != nil {
		t.Fatal(err)
	}
	closeCase(c)

	// marks accept --all: some 900 suggestions from 300 rows.
	c, marksCase := newCase("marks")
	small := filepath.Join(dir, "small.csv")
	os.WriteFile(small, crashSheet(300), 0o644)
	if _, err := c.ImportRows(ctx, small, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SuggestMarks(ctx); err != nil {
		t.Fatal(err)
	}
	closeCase(c)

	return []crashCase{
		{op: "add", template: addCase, arg: big, state: func(t *testing.T, c *Case) string {
			exs, err := c.Exhibits(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var parts []string
			for _, ex := range exs {
				parts = append(parts, fmt.Sprintf("%s %d bytes %s", ex.Ref, ex.Size, ex.Title))
			}
			return strings.Join(parts, "; ")
		}},
		{op: "rows import", template: rowsCase, arg: sheet, state: count("SELECT COUNT(*) FROM rows")},
		{op: "marks accept --all", template: marksCase, state: count("SELECT COUNT(*) FROM marks WHERE status = 'accepted'")},
		{op: "link auto", template: linkCase, state: count("SELECT COUNT(*) FROM links")},
	}
}

// crashSheet is a CSV of n invented residents with drama-range numbers.
func crashSheet(n int) []byte {
	var b strings.Builder
	b.WriteString("UPRN,Address,Estate,Name,Phone\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "1000%08d,\"Flat %d, Kestrel House\",Kestrel,Resident%c%c Okafor,07700 900%03d\n",
			i, i, 'A'+i%26, 'a'+i/26%26, i%1000)
	}
	return []byte(b.String())
}

// crashMessages writes n messages to numbers on crashSheet, as a file for
// ImportMessages, on an exhibit it adds first.
func crashMessages(t *testing.T, dir string, n int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("to,from,at,body,exhibit\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "07700 900%03d,Northfield Forward,08/06/2015 09:%02d,Vote on Thursday,LW/1\n", i%1000, i%60)
	}
	p := filepath.Join(dir, "messages.csv")
	os.WriteFile(p, []byte(b.String()), 0o644)
	return p
}

package casefile

import (
	"context"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// The crash test re-runs this test binary as a child that adds a large
// exhibit, kills it at random moments with SIGKILL, and checks that the
// case file always opens and verifies, holding either the whole exhibit
// or none of it.
const crashChildEnv = "DOSSIER_CRASH_CHILD"

func TestMain(m *testing.M) {
	if path := os.Getenv(crashChildEnv); path != "" {
		crashChild(path)
		return
	}
	os.Exit(m.Run())
}

func crashChild(path string) {
	c, err := Open(path, Options{Actor: "child"})
	if err != nil {
		os.Exit(3)
	}
	src := io.LimitReader(rand.New(rand.NewSource(time.Now().UnixNano())), 96*chunkSize)
	if _, err := c.AddReader(context.Background(), src, "big.bin", 96*chunkSize, Meta{}, nil); err != nil {
		os.Exit(4)
	}
	// Describe and a second exhibit give the kill more places to land.
	c.Describe(context.Background(), "LW/1", Meta{Kind: KindOther, Title: "Big file"})
	os.Exit(0)
}

func TestCrashDuringIntakeLeavesConsistentCase(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test adds 96 MB files; skipped with -short")
	}
	seed := time.Now().UnixNano()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewSource(seed))
	ctx := context.Background()
	outcomes := map[int]int{}
	for i := 0; i < 8; i++ {
		path := filepath.Join(t.TempDir(), "crash.dossier")
		c, err := Create(path, "Crash test", "LW", Options{})
		if err != nil {
			t.Fatal(err)
		}
		c.Close()
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(rng.Intn(600)) * time.Millisecond
		time.Sleep(delay)
		cmd.Process.Kill()
		cmd.Wait()

		c, err = Open(path, Options{})
		if err != nil {
			t.Fatalf("kill after %v: case does not open: %v", delay, err)
		}
		rep, err := c.Verify(ctx, nil)
		if err != nil || !rep.OK() {
			t.Fatalf("kill after %v: case does not verify: %+v %v", delay, rep, err)
		}
		exs, _ := c.Exhibits(ctx)
		if len(exs) > 1 || (len(exs) == 1 && exs[0].Size != 96*chunkSize) {
			t.Fatalf("kill after %v: %d exhibits, a half exhibit survived", delay, len(exs))
		}
		var orphans int
		c.db.QueryRow("SELECT COUNT(*) FROM chunks WHERE blob_id NOT IN (SELECT id FROM blobs)").Scan(&orphans)
		if orphans != 0 {
			t.Fatalf("kill after %v: %d orphan chunks", delay, orphans)
		}
		outcomes[len(exs)]++
		c.Close()
		t.Log("kill after " + delay.String() + ": " + strconv.Itoa(len(exs)) + " exhibits")
	}
	t.Logf("outcomes (exhibits -> runs): %v", outcomes)
}

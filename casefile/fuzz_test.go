package casefile

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzOpen feeds arbitrary bytes to Open as a case file: it must return an
// error or a usable case, and never panic. The seeds are a real case file
// and damaged versions of it.
func FuzzOpen(f *testing.F) {
	c, err := Create(filepath.Join(f.TempDir(), "seed.dossier"), "Seed", "LW", Options{Actor: "fuzz"})
	if err != nil {
		f.Fatal(err)
	}
	c.AddReader(context.Background(), strings.NewReader("UPRN,Name\n1,Zoë Okafor\n"), "s.csv", -1, Meta{}, nil)
	path := c.Path()
	c.Close()
	good, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:100])
	f.Add(good[:len(good)/2])
	flipped := append([]byte(nil), good...)
	flipped[len(flipped)-100] ^= 0xff
	f.Add(flipped)
	f.Add([]byte("SQLite format 3\x00"))
	f.Add([]byte{})

	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "f.dossier")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := Open(p, Options{Actor: "fuzz"})
		if err != nil {
			return
		}
		defer c.Close()
		ctx := context.Background()
		c.Exhibits(ctx)
		c.Log(ctx)
		c.Verify(ctx, nil)
	})
}

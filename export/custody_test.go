package export

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"dossier/casefile"
	"dossier/casefile/pdf"
)

// The custody appendix words each event as the app does, never as JSON
// or coordinates; the attached manifest keeps every event's fields as
// stored, so that each hash can be recomputed from the bundle alone, with
// stand-ins (and a flag saying so) only where a field held a marked
// value.
func TestCustodyAppendixInPlainWords(t *testing.T) {
	ctx := context.Background()
	c := pipeCase(t)
	ex := add(t, c, "note.txt", []byte("A note."), casefile.Meta{Source: "a neighbour"})
	if err := c.Handover(ctx, ex.Ref, casefile.ActionReceived, "Harold Finch", ""); err != nil {
		t.Fatal(err)
	}
	box, err := c.AddRectMark(ctx, ex.Ref, 1, 0.1, 0.2, 0.5, 0.05)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.MoveRectMark(ctx, box.ID, 0.125, 0.2, 0.5, 0.05); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "b.pdf")
	if _, err := Bundle(ctx, c, out, false, Options{Date: bundleDate, SkipOCRCheck: true}); err != nil {
		t.Fatal(err)
	}
	data := mustRead(t, out)
	text, err := pdf.New().Text(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	_, appendix, ok := strings.Cut(text, "Each event's hash is SHA-256")
	if !ok {
		t.Fatal("no custody appendix")
	}
	appendix, _, _ = strings.Cut(appendix, "Manifest of hashes")
	flat := strings.Join(strings.Fields(appendix), " ")
	for _, want := range []string{"What happened", "Case created:", "rows of LW/1 imported from sheet.csv", "Suggested:",
		"Marked:", "received from [Resident", "Box " + fmt.Sprint(box.ID) + " moved on " + ex.Ref + " page 1"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the custody appendix does not say %q:\n%s", want, flat)
		}
	}
	if m := regexp.MustCompile(`[{}]|":|0\.125|value_kind`).FindString(appendix); m != "" {
		t.Errorf("the custody appendix shows stored detail (%q):\n%s", m, flat)
	}

	m, err := manifestAttachment(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	log, err := c.Log(ctx)
	if err != nil {
		t.Fatal(err)
	}
	log = evidenceLog(log)
	if len(m.Custody) != len(log) || m.CustodyEvents != len(log) {
		t.Fatalf("the manifest has %d events, the appendix %d", len(m.Custody), len(log))
	}
	genesis := sha256.Sum256([]byte("dossier custody v1\x00" + m.CaseUUID))
	prev := hex.EncodeToString(genesis[:])
	standIns := 0
	for i, e := range m.Custody {
		if e.Seq != log[i].Seq || e.Hash != log[i].Hash {
			t.Fatalf("manifest event %d is not event %d of the log", e.Seq, log[i].Seq)
		}
		if e.StandIns {
			standIns++
			if strings.Contains(e.Detail, "Finch") {
				t.Errorf("event %d: a marked name is in the manifest: %s", e.Seq, e.Detail)
			}
		} else if got := chainHash(prev, e); got != e.Hash {
			t.Errorf("event %d (%s): the hash of its fields is %s, the event's %s", e.Seq, e.Action, got, e.Hash)
		}
		prev = e.Hash
	}
	if standIns != 1 {
		t.Errorf("%d events with stand-ins, want the handover's only", standIns)
	}
}

// chainHash is a custody event's hash worked out as a reader of the
// manifest would: SHA-256 of the previous hash's bytes (for the first
// event, SHA-256 of "dossier custody v1", a zero byte and the case's
// UUID) and each field, length first (casefile's own code is not used, so that a change to
// what it stores or hashes shows here).
func chainHash(prevHex string, e manifestEvent) string {
	prev, _ := hex.DecodeString(prevHex)
	h := sha256.New()
	h.Write(prev)
	for _, f := range []string{fmt.Sprint(e.Seq), e.At, e.Actor, e.Exhibit, e.Action, e.Detail} {
		var n [binary.MaxVarintLen64]byte
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(f)))])
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}

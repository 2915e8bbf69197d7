package letter

import (
	"context"
	"errors"
	"strings"
	"testing"

	"dossier/casefile"
)

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func TestSave(t *testing.T) {
	ctx := context.Background()
	c := fictionalCase(t)
	text, err := Render(mustLookup(t, "concern"), caseFields(t, c))
	if err != nil {
		t.Fatal(err)
	}
	text = strings.Replace(text, "Dear Data Protection Officer,", "Dear Ms Ellery,", 1) // the person's edit
	ex, err := Save(ctx, c, "concern", text, "")
	if err != nil {
		t.Fatal(err)
	}
	if ex.Kind != casefile.KindLetter || ex.Filename != "letter-concern-2026-11-23.txt" ||
		ex.Title != "Concern to the organisation about its handling of personal data" ||
		ex.Source != "Zoë Okafor" || ex.ObtainedBy != "Zoë Okafor" || ex.Obtained != "2026-11-23" {
		t.Errorf("saved exhibit %+v", ex)
	}
	if !strings.HasPrefix(ex.MediaType, "text/plain") {
		t.Errorf("media type %q", ex.MediaType)
	}
	data, _, err := c.ReadOriginal(ctx, ex.Ref)
	if err != nil || string(data) != text {
		t.Fatalf("stored text differs: %v\n%s", err, data)
	}
	events, err := c.Log(ctx)
	if err != nil {
		t.Fatal(err)
	}
	acq, saved := events[len(events)-2], events[len(events)-1]
	if acq.Exhibit != ex.Ref || acq.Action != casefile.ActionAcquired || saved.Exhibit != ex.Ref ||
		saved.Action != casefile.ActionLetterSaved || !strings.Contains(string(saved.Detail), `"template":"concern"`) {
		t.Errorf("last custody events %s %s %s, %s %s %s; want acquired and letter-saved %s",
			acq.Action, acq.Exhibit, acq.Detail, saved.Action, saved.Exhibit, saved.Detail, ex.Ref)
	}
	rep, err := c.Verify(ctx, nil)
	if err != nil || !rep.OK() {
		t.Fatalf("verify: %v %v", err, rep.Problems)
	}
	if fields := caseFields(t, c); !strings.Contains(fields["ExhibitList"], ex.Ref+" Concern to the organisation") {
		t.Errorf("the saved letter is not in the exhibit list:\n%s", fields["ExhibitList"])
	}

	_, err = Save(ctx, c, "concern", text, "Second copy")
	var dup *casefile.DuplicateError
	if !errors.Is(err, casefile.ErrDuplicate) || !errors.As(err, &dup) || dup.Ref != ex.Ref {
		t.Errorf("saving the same letter twice: %v", err)
	}
}

func TestSaveRefuses(t *testing.T) {
	c := fictionalCase(t)
	tests := []struct {
		name, id, text string
		is             error
	}{
		{"unknown template", "complaint", "Dear Sir,", nil},
		{"empty", "concern", " \n\n ", casefile.ErrInvalid},
		{"not UTF-8", "concern", "Dear \xff", casefile.ErrInvalid},
	}
	before, _ := c.Exhibits(context.Background())
	for _, tt := range tests {
		_, err := Save(context.Background(), c, tt.id, tt.text, "")
		if err == nil || (tt.is != nil && !errors.Is(err, tt.is)) {
			t.Errorf("%s: err = %v", tt.name, err)
		}
	}
	after, _ := c.Exhibits(context.Background())
	if len(after) != len(before) {
		t.Errorf("a refused save added an exhibit")
	}
}

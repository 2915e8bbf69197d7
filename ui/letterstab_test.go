package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"dossier/casefile"
)

func TestLettersFillEditSaveAndPDF(t *testing.T) {
	ctx := context.Background()
	g, c := openTestCase(t)
	c.SetSetting(ctx, casefile.SettingOrganisation, "Northfield Homes")
	c.SetSetting(ctx, casefile.SettingComplainant, "Alex Marsh")
	lt := tabOf[*lettersTab](g.cw)
	lt.pick.SetSelectedIndex(0) // the first template fills itself in
	if !strings.Contains(lt.text.Text, "Northfield Homes") || !strings.Contains(lt.text.Text, "Alex Marsh") {
		t.Fatalf("filled letter:\n%s", lt.text.Text)
	}
	if !strings.Contains(lt.fields.Text, "Organisation: Northfield Homes") {
		t.Errorf("fields pane: %q", lt.fields.Text)
	}
	lt.text.SetText(lt.text.Text + "\nEdited by hand.\n")
	// The case lacks the complainant's address, so the letter still says
	// "[your postal address]": saving asks first, and going back saves
	// nothing.
	test.Tap(lt.save)
	if b := dialogButton(g.win, "Go back"); b == nil {
		t.Fatal("no warning about the unfilled gaps")
	} else {
		test.Tap(b)
	}
	if exs, _ := c.Exhibits(ctx); len(exs) != 0 {
		t.Fatalf("going back saved the letter: %+v", exs)
	}
	test.Tap(lt.save)
	test.Tap(dialogButton(g.win, "Save the letter anyway"))
	exs, _ := c.Exhibits(ctx)
	if len(exs) != 1 || exs[0].Kind != casefile.KindLetter {
		t.Fatalf("exhibits after save: %+v", exs)
	}
	data, _, _ := c.ReadOriginal(ctx, exs[0].Ref)
	if !strings.Contains(string(data), "Edited by hand.") {
		t.Error("the saved letter is not the edited text")
	}
	tp, _ := lt.template()
	out := filepath.Join(t.TempDir(), "letter.pdf")
	if err := lt.writePDF(tp, out); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(out); !strings.HasPrefix(string(b), "%PDF") {
		t.Error("not a PDF")
	}
}

func TestLetterWithNoGapsSavesWithoutAsking(t *testing.T) {
	ctx := context.Background()
	g, c := openTestCase(t)
	lt := tabOf[*lettersTab](g.cw)
	lt.pick.SetSelectedIndex(0)
	lt.text.SetText("Dear Data Protection Officer,\n\nPlease reply.\n")
	test.Tap(lt.save)
	if b := dialogButton(g.win, "Go back"); b != nil {
		t.Error("a letter with no gaps asked before saving")
	}
	if exs, _ := c.Exhibits(ctx); len(exs) != 1 {
		t.Errorf("%d exhibits after saving", len(exs))
	}
}

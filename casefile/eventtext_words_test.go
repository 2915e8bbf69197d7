package casefile

import (
	"context"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// eventWords are the sentences of every custody action, each from a
// detail as the code records it. A new action must get a sentence and a
// row here: TestEventSummaryEveryAction finds every Action constant in
// the program and fails for one without.
var eventWords = []struct {
	action, exhibit, detail, want string
}{
	{ActionCreated, "", `{"uuid":"u","title":"Martineau data sheets","prefix":"LW"}`,
		`Case created: "Martineau data sheets", exhibits numbered LW/1, LW/2, …`},
	{ActionAcquired, "LW/2", `{"filename":"shot.png","size":34816,"sha256":"ab","media_type":"image/png","source":"Zoë Okafor","kind":"screenshot","title":"","obtained":"","obtained_by":""}`,
		"Added LW/2: shot.png (34.8 kB); from Zoë Okafor"},
	{ActionDescribed, "LW/2", `{"changes":{"title":{"from":"","to":"Text"},"obtained_by":{"from":"","to":"Alex"}}}`,
		"Details of LW/2 changed: obtained by, title"},
	{ActionReceived, "LW/2", `{"from":"Zoë Okafor","note":"by hand"}`, "LW/2 received from Zoë Okafor; by hand"},
	{ActionTransferred, "LW/2", `{"to":"ICO caseworker"}`, "LW/2 handed to ICO caseworker"},
	{ActionExported, "", `{"file":"bundle.pdf","sha256":"ab","pages":40,"redacted":true,"date":"2015-08-01","marks_applied":12,"raster_pages":3,"raster_read_back":3}`,
		"Redacted bundle exported: bundle.pdf, 40 pages, 12 marks applied"},
	{ActionExtracted, "LW/2", `{"file":"copy.png","sha256":"ab"}`, "A copy of LW/2 saved as copy.png"},
	{ActionRedactedCopy, "LW/3", `{"files":["check.txt"],"sha256":"ab","marked":true,"marks_applied":2,"raster_pages":0,"raster_read_back":0}`,
		"A redacted copy of LW/3 saved as check.txt, 2 marks applied"},
	{ActionVerified, "", `{"ok":true,"exhibits":5,"events":31,"bytes":100,"problems":0,"head":"ab"}`,
		"Verified: intact, 5 exhibits and 31 events checked"},
	{ActionLetterSaved, "LW/9", `{"template":"concern","sha256":"ab"}`, "Letter saved as LW/9 (template concern)"},
	{ActionLinked, "", `{"basis":"phone","links":3,"records":{}}`, "Linked automatically: 3 messages by the same phone number"},
	{ActionProposed, "", `{"basis":"name-address","links":2,"pairs":[[1,2],[3,4]]}`, "2 links proposed by the same name and address, to review"},
	{ActionUnlinked, "LW/2", `{"message":2,"row":4,"row_exhibit":"LW/1","basis":"phone","reason":"wrong flat"}`,
		"Link of message 2 to row 4 of LW/1 removed; reason: wrong flat"},
	{ActionRejected, "LW/2", `{"message":3,"row":5,"row_exhibit":"LW/1","basis":"name-address","reason":""}`,
		"Proposed link of message 3 to row 5 of LW/1 rejected"},
	{ActionMarked, "", `{"marks":15,"kinds":{"term":12,"rect":3}}`, "Marked: 12 terms and 3 boxes accepted"},
	{ActionUnmarked, "LW/2", `{"mark":21,"kind":"rect","value_kind":"","origin":"manual","rect":[1,0.1,0.2,0.5,0.05],"reason":"too wide"}`,
		"Mark removed: box on LW/2 page 1 (mark 21); reason: too wide"},
	{ActionMarksSuggested, "", `{"marks":129711,"kind":"term"}`, "Suggested: 129711 terms to review"},
	{ActionMarkRejected, "", `{"mark":1,"kind":"term","value_kind":"phone","origin":"rows"}`, "Suggestion rejected: phone term (mark 1)"},
	{ActionMarkMoved, "LW/2", `{"mark":7,"to":9,"kind":"rect","value_kind":"","from_rect":[1,0.1,0.2,0.3,0.1],"rect":[1,0.15,0.2,0.3,0.1]}`,
		"Box 7 moved on LW/2 page 1: now box 9"},
	{ActionTranscribed, "LW/1", `{"what":"rows","file":"sheet.csv","rows":48,"no_phone":5,"ragged":0,"format":"csv","mapping":{"Tel":"phone"}}`,
		"48 rows of LW/1 imported from sheet.csv; 5 without a phone number"},
	{ActionCaseDetails, "", `{"detail":"complainant","cleared":false}`, "Case detail set: complainant"},
	{ActionStep, "", `{"step":"ico-sent","date":"2015-09-01","ref":"IC-1234"}`, "Step ICO sent on 2015-09-01; reference IC-1234"},
	{ActionRetitled, "", `{"from":"Old","to":"Martineau data sheets"}`, `Case renamed from "Old" to "Martineau data sheets"`},
	{ActionWithheld, "LW/5", `{"reason":"audio file; a transcript is LW/6","sha256":"ab"}`, "LW/5 withheld from bundles; reason: audio file; a transcript is LW/6"},
	{ActionRestored, "LW/5", `{"withheld_reason":"audio"}`, "LW/5 restored to bundles"},
	{ActionPseudonyms, "", `{"assigned":310,"kinds":{"name":200,"phone":110}}`, "Stand-ins fixed for 310 redacted values (Resident 1, Phone 1, …)"},
	{ActionUpgraded, "", `{"from":4,"to":5}`, "Case file upgraded from version 4 to 5"},
	{ActionBaseline, "", `{"schema":5,"from_schema":4,"note":"records as they stood"}`,
		"Records baseline: the records already in the case sealed into the chain"},
}

// A sentence is plain words: no JSON, no coordinates, no raw keys.
var notPlain = regexp.MustCompile(`[{}]|":|\d\.\d{3,}|_`)

func TestEventSummaryEveryAction(t *testing.T) {
	worded := map[string]bool{}
	for _, w := range eventWords {
		worded[w.action] = true
		got := EventSummary(Event{Action: w.action, Exhibit: w.exhibit, Detail: json.RawMessage(w.detail)})
		if got != w.want {
			t.Errorf("%s: %q, want %q", w.action, got, w.want)
		}
		if notPlain.MatchString(got) {
			t.Errorf("%s: %q is not plain words", w.action, got)
		}
		// Whatever the detail holds, the action has words of its own.
		if got := EventSummary(Event{Action: w.action, Detail: json.RawMessage("garbage")}); got == fallbackWords(w.action) {
			t.Errorf("%s without a readable detail: %q", w.action, got)
		}
	}
	for value, name := range actionsInSource(t) {
		if !worded[value] {
			t.Errorf("%s (%q) has no sentence: add one to EventSummary and a row to eventWords", name, value)
		}
	}
}

func fallbackWords(action string) string {
	return strings.ToUpper(action[:1]) + action[1:]
}

// actionsInSource finds every constant named Action... with a string
// value in the program's own packages, wherever it is declared.
func actionsInSource(t *testing.T) map[string]string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case "third_party", "testdata", ".git", "node_modules":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if !strings.HasPrefix(name.Name, "Action") || i >= len(vs.Values) {
						continue
					}
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						v, _ := strconv.Unquote(lit.Value)
						out[v] = name.Name + " in " + filepath.Base(filepath.Dir(path))
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < len(eventWords)-1 {
		t.Fatalf("found only %d actions in the source", len(out))
	}
	return out
}

// Every event a real case records, an upgraded older case included, reads
// as plain words from its own action, and names no marked value.
func TestEventSummaryOfRealEvents(t *testing.T) {
	ctx := context.Background()
	c := TestCase(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	sheet := TestFile(t, "sheet.csv", []byte("UPRN,Address,Name,Phone\n100023000001,\"Flat 1, Wren House\",Zoë Okafor,07700 900123\n100023000002,\"Flat 2, Wren House\",Desmond Adeyemi,\n"))
	_, err := c.ImportRows(ctx, sheet, ImportOptions{})
	must(err)
	shot, err := c.Add(ctx, TestFile(t, "shot.png", pngBytes(t)), Meta{Source: "a resident"})
	must(err)
	_, err = c.Describe(ctx, shot.Ref, Meta{Kind: KindScreenshot, Title: "A text", Obtained: "2015-06-09"})
	must(err)
	must(c.Handover(ctx, shot.Ref, ActionReceived, "a resident", "by hand"))
	at := time.Date(2015, 6, 8, 9, 0, 0, 0, time.UTC)
	m, err := c.AddMessage(ctx, MessageInput{Exhibit: shot.Ref, From: "Northfield Forward", To: "07700 900123", At: at, Body: "Hi Zoë, vote"})
	must(err)
	_, err = c.SupersedeMessage(ctx, m.ID, MessageInput{Exhibit: shot.Ref, From: "Northfield Forward", To: "07700 900123", At: at, Body: "Hi Zoë, vote!"}, "a letter was missed")
	must(err)
	_, err = c.AutoLink(ctx)
	must(err)
	_, err = c.SuggestMarks(ctx)
	must(err)
	_, err = c.RejectMarks(ctx, []int64{1}, false)
	must(err)
	_, err = c.AcceptMarks(ctx, nil, true)
	must(err)
	box, err := c.AddRectMark(ctx, shot.Ref, 1, 0.1, 0.2, 0.5, 0.05)
	must(err)
	moved, err := c.MoveRectMark(ctx, box.ID, 0.15, 0.2, 0.5, 0.05)
	must(err)
	must(c.RemoveMark(ctx, moved.ID, "too wide"))
	must(c.SetStep(ctx, StepConcernSent, "2015-06-22", ""))
	must(c.SetSetting(ctx, SettingComplainant, "Alex Marsh"))
	must(c.SetTitle(ctx, "Martineau data sheets", nil))
	_, err = c.Withhold(ctx, shot.Ref, "kept back for now")
	must(err)
	_, err = c.Restore(ctx, shot.Ref)
	must(err)
	_, err = c.Extract(ctx, shot.Ref, filepath.Join(t.TempDir(), "copy.png"), false)
	must(err)
	_, err = c.AddLetter(ctx, "Dear ICO", "letter.txt", Meta{Title: "Letter"}, "concern")
	must(err)
	p, err := c.Pseudonyms(ctx)
	must(err)
	must(c.StorePseudonyms(ctx, p))
	must(c.Record(ctx, ActionRedactedCopy, shot.Ref, map[string]any{"files": []string{"check.png"}, "marks_applied": 1}))
	rep, err := c.Verify(ctx, nil)
	must(err)
	must(c.RecordVerification(ctx, rep))
	log, err := c.Log(ctx)
	must(err)

	old := schema4Case(t)
	if _, _, err := Upgrade(old, Options{Actor: "Test Actor"}); err != nil {
		t.Fatal(err)
	}
	o, err := OpenReadOnly(old, Options{})
	must(err)
	defer o.Close()
	oldLog, err := o.Log(ctx)
	must(err)

	seen := map[string]bool{}
	for _, e := range append(log, oldLog...) {
		seen[e.Action] = true
		got := EventSummary(e)
		if got == fallbackWords(e.Action)+strings.TrimSpace(" "+e.Exhibit) || got == fallbackWords(e.Action) {
			t.Errorf("event %d (%s): no words of its own: %q", e.Seq, e.Action, got)
		}
		if notPlain.MatchString(got) {
			t.Errorf("event %d (%s): %q is not plain words (detail %s)", e.Seq, e.Action, got, e.Detail)
		}
		for _, v := range []string{"Okafor", "Adeyemi", "900123", "Wren", "100023000001"} {
			if strings.Contains(got, v) {
				t.Errorf("event %d (%s): %q names a marked value", e.Seq, e.Action, got)
			}
		}
	}
	for _, a := range []string{ActionCreated, ActionAcquired, ActionDescribed, ActionReceived, ActionTranscribed, ActionLinked,
		ActionMarksSuggested, ActionMarkRejected, ActionMarked, ActionMarkMoved, ActionUnmarked, ActionStep, ActionCaseDetails,
		ActionRetitled, ActionWithheld, ActionRestored, ActionExtracted, ActionLetterSaved, ActionPseudonyms, ActionRedactedCopy,
		ActionVerified, ActionUpgraded, ActionBaseline} {
		if !seen[a] {
			t.Errorf("the cases recorded no %q event to word", a)
		}
	}
	if _, err := os.Stat(old); err != nil {
		t.Fatal(err)
	}
}

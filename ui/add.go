package ui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"dossier/casefile"
	"dossier/internal/numfmt"
)

// Files are added by dragging them onto the window, by choosing several
// at once (Add files…), or by choosing a folder (every file in it, and in
// folders below it, is added).

// intakeFile is one file waiting to be added.
type intakeFile struct {
	path string
	size int64
}

// intakeResult is what happened to a batch of files.
type intakeResult struct {
	added     []casefile.Exhibit
	dups      []*casefile.DuplicateError
	failed    []error
	notAdded  []string // files not reached because the person cancelled
	cancelled bool
}

// onAddFile adds files chosen in a file dialog, several at once. The
// case's own files are not offered.
func (cw *caseWindow) onAddFile() {
	cw.g.pick.openFiles("Add exhibits", cw.caseDir(), cw.isOwnFile, cw.addPaths)
}

// onAddFolder adds every file in a chosen folder.
func (cw *caseWindow) onAddFolder() {
	cw.g.pick.openFolder("Add every file in a folder", cw.caseDir(), func(p string) { cw.addPaths([]string{p}) })
}

// isOwnFile reports whether path is the open case's file or one SQLite
// or the edit lock keeps beside it: a case cannot be its own exhibit, and
// reading them while the case is open would copy a state in flux.
func (cw *caseWindow) isOwnFile(path string) bool {
	own := cw.c.Path()
	for _, suffix := range []string{"", "-wal", "-shm", "-journal", casefile.LockSuffix} {
		if path == own+suffix || sameFile(path, own+suffix) {
			return true
		}
	}
	return false
}

// onDropped adds files and folders dropped on the case window.
func (cw *caseWindow) onDropped(_ fyne.Position, uris []fyne.URI) {
	var paths []string
	for _, u := range uris {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
	}
	cw.addPaths(paths)
}

// addPaths adds files (and the files inside folders) as exhibits in the
// background, with a progress dialog over the total bytes and a Cancel
// button. Each file is one transaction, so a cancel keeps the files already
// added and leaves no trace of the one in progress.
func (cw *caseWindow) addPaths(paths []string) {
	if cw.adding {
		// Two intakes at once would queue on the case file's write lock;
		// one clear message beats a "case is in use" error later.
		dialog.ShowInformation("Adding exhibits", "Dossier is still adding the files from before.\n"+
			"Wait until it has finished, then add these again.", cw.win)
		return
	}
	files, problems := expandPaths(paths, cw.isOwnFile)
	if len(files) == 0 {
		if len(problems) > 0 {
			cw.showIntakeSummary(intakeResult{failed: problems})
		}
		return
	}
	ctx, cancel := context.WithCancel(cw.ctx)
	pd := newProgressDialog("Adding exhibits", cw.win, cancel)
	pd.show()
	cw.adding = true
	cw.goBackground(func() {
		defer cancel()
		var lastFrac float64 = -1
		res := intake(ctx, cw.c, files, func(i int, name string, done, total int64) {
			frac := 0.0
			if total > 0 {
				frac = float64(done) / float64(total)
			}
			if frac-lastFrac < 0.005 && done != total && done != 0 {
				return // skip updates too small to see
			}
			lastFrac = frac
			msg := fmt.Sprintf("%d of %d: %s", i+1, len(files), name)
			cw.do(func() { pd.update(msg, frac) })
		})
		res.failed = append(problems, res.failed...)
		cw.do(func() {
			cw.adding = false
			pd.hide()
			cw.reload()
			if n := len(res.added); n > 0 {
				cw.selectTab("Exhibits")
				if t := tabOf[*exhibitsTab](cw); t != nil {
					t.selectRef(res.added[n-1].Ref)
				}
			}
			cw.showIntakeSummary(res)
		})
	})
}

// intake adds files one after another, reporting progress over the total
// bytes of all of them. It stops at the first file after ctx is cancelled.
func intake(ctx context.Context, c *casefile.Case, files []intakeFile, progress func(i int, name string, done, total int64)) intakeResult {
	var res intakeResult
	var total, base int64
	for _, f := range files {
		total += f.size
	}
	for i, f := range files {
		if ctx.Err() != nil {
			res.cancelled = true
			for _, g := range files[i:] {
				res.notAdded = append(res.notAdded, filepath.Base(g.path))
			}
			break
		}
		name := filepath.Base(f.path)
		progress(i, name, base, total)
		ex, err := c.AddFile(ctx, f.path, casefile.Meta{}, func(done, _ int64) {
			progress(i, name, base+done, total)
		})
		base += f.size
		var dup *casefile.DuplicateError
		switch {
		case err == nil:
			res.added = append(res.added, ex)
		case errors.As(err, &dup):
			res.dups = append(res.dups, dup)
		case ctx.Err() != nil:
			res.cancelled = true
			for _, g := range files[i:] {
				res.notAdded = append(res.notAdded, filepath.Base(g.path))
			}
			return res
		default:
			res.failed = append(res.failed, err)
		}
	}
	return res
}

// expandPaths turns dropped or chosen paths into files to add: folders are
// walked, hidden files (.DS_Store, desktop.ini's kin) and anything that is
// not a regular file are left out.
func expandPaths(paths []string, own func(string) bool) ([]intakeFile, []error) {
	var files []intakeFile
	var problems []error
	for _, p := range paths {
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				problems = append(problems, fmt.Errorf("add %s: %w", path, pathCause(err)))
				return nil
			}
			hidden := strings.HasPrefix(d.Name(), ".") && path != p
			if d.IsDir() {
				if hidden {
					return filepath.SkipDir
				}
				return nil
			}
			if hidden || strings.EqualFold(d.Name(), "desktop.ini") || strings.EqualFold(d.Name(), "Thumbs.db") {
				return nil
			}
			st, err := os.Stat(path)
			if err != nil {
				problems = append(problems, fmt.Errorf("add %s: %w", path, pathCause(err)))
				return nil
			}
			if !st.Mode().IsRegular() {
				return nil
			}
			if own != nil && own(path) {
				problems = append(problems, fmt.Errorf("add %s: this is the open case's own file, which cannot be an exhibit of itself", path))
				return nil
			}
			files = append(files, intakeFile{path: path, size: st.Size()})
			return nil
		})
		if err != nil {
			problems = append(problems, fmt.Errorf("add %s: %w", p, err))
		}
	}
	return files, problems
}

// summary is the end-of-intake report: what was added, what was already
// in the case, what failed and why, and what a cancel left out.
func (r intakeResult) summary() string {
	var b strings.Builder
	if len(r.added) > 0 {
		fmt.Fprintf(&b, "Added %d %s:\n", len(r.added), plural(len(r.added), "exhibit", "exhibits"))
		for _, e := range r.added {
			fmt.Fprintf(&b, "  %s  %s\n", e.Ref, e.Filename)
		}
	}
	if len(r.dups) > 0 {
		fmt.Fprintf(&b, "\nAlready in the case, not added again:\n")
		for _, d := range r.dups {
			fmt.Fprintf(&b, "  %s is already %s\n", d.Name, d.Ref)
		}
	}
	if len(r.failed) > 0 {
		fmt.Fprintf(&b, "\nCould not add:\n")
		var hints []string
		for _, err := range r.failed {
			fmt.Fprintf(&b, "  %s\n", err)
			if h := hintFor(err); h != "" && !slices.Contains(hints, h) {
				hints = append(hints, h)
			}
		}
		if len(hints) > 0 {
			fmt.Fprintf(&b, "\n%s\n", strings.Join(hints, "\n"))
		}
	}
	if r.cancelled {
		fmt.Fprintf(&b, "\nCancelled. Not added (nothing of them was kept): %s\nAdd them again when you are ready.\n",
			strings.Join(r.notAdded, ", "))
	}
	return strings.TrimSpace(b.String())
}

// pathCause drops the *fs.PathError wrapper, whose text repeats the path
// the message already names.
func pathCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// count is n, with a comma between thousands, and the noun that goes with
// it: "1 row", "129,711 marks".
func count(n int, one, many string) string { return numfmt.Thousands(n) + " " + plural(n, one, many) }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// showIntakeSummary reports a batch in one dialog when anything other
// than plain success happened, and in the status line otherwise.
func (cw *caseWindow) showIntakeSummary(r intakeResult) {
	cw.lastIntake = r
	if len(r.dups) == 0 && len(r.failed) == 0 && !r.cancelled {
		var refs []string
		for _, e := range r.added {
			refs = append(refs, e.Ref)
		}
		cw.setStatus("Added " + strings.Join(refs, ", "))
		cw.offerImport(r.added)
		return
	}
	text := widget.NewLabel(r.summary())
	text.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(text)
	scroll.SetMinSize(fyne.NewSize(520, 220))
	d := dialog.NewCustom("Adding exhibits", "OK", scroll, cw.win)
	d.SetOnClosed(func() { cw.offerImport(r.added) })
	d.Show()
}

// offerImport offers to import the rows of the first data sheet just
// added: rows are what messages are linked to, and the next step.
func (cw *caseWindow) offerImport(added []casefile.Exhibit) {
	for _, e := range added {
		if !isSheetExhibit(e) {
			continue
		}
		ref := e.Ref
		d := dialog.NewConfirm("Import the rows of "+ref+"?",
			fmt.Sprintf("%s (%s) is a data sheet. Import its rows now? Each row (name, address, phone) becomes searchable, "+
				"and messages are linked to the rows that list their phone number.", ref, e.Filename),
			func(ok bool) {
				if ok {
					cw.selectTab("Rows")
					tabOf[*rowsTab](cw).importFrom(ref)
				}
			}, cw.win)
		d.SetConfirmText("Import its rows")
		d.SetDismissText("Later")
		d.Show()
		return
	}
}

// progressDialog is a modal progress bar with a message and a Cancel
// button.
type progressDialog struct {
	msg *widget.Label
	bar *widget.ProgressBar
	dlg *dialog.CustomDialog
}

func newProgressDialog(title string, win fyne.Window, cancel func()) *progressDialog {
	p := &progressDialog{msg: widget.NewLabel("Starting…"), bar: widget.NewProgressBar()}
	p.msg.Truncation = fyne.TextTruncateEllipsis
	var stop *widget.Button
	stop = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
		stop.Disable()
		p.msg.SetText("Cancelling…")
		cancel()
	})
	width := widget.NewLabel(strings.Repeat(" ", 80)) // keeps the dialog wide enough for file names
	content := container.NewVBox(container.NewStack(width, p.msg), p.bar, container.NewCenter(stop))
	p.dlg = dialog.NewCustomWithoutButtons(title, content, win)
	return p
}

func (p *progressDialog) show() { p.dlg.Show() }
func (p *progressDialog) hide() { p.dlg.Hide() }

func (p *progressDialog) update(msg string, frac float64) {
	p.msg.SetText(msg)
	p.bar.SetValue(frac)
}

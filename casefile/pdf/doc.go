// Package pdf reads, renders and rewrites PDF documents inside Dossier
// itself, so that no PDF program (poppler, qpdf) has to be installed on the
// user's computer.
//
// Documents are always given as bytes and never written to temporary
// files: an exhibit's original may hold personal data and must not be
// left lying in a temp folder.
//
// # Reading and rendering
//
// Open a document, ask about its pages, render them, read their text:
//
//	d, err := pdf.Open(ctx, data)
//	if errors.Is(err, pdf.ErrPassword) { /* ask for a version without a password */ }
//	defer d.Close()
//	info, err := d.Page(ctx, 1)       // size as displayed, rotation, images, characters
//	if info.Pixels() { /* a scan or outlined text: only OCR can read it */ }
//	img, err := d.RenderPage(ctx, 1, 150)
//	text, err := d.Text(ctx)           // every page, each followed by "\f"
//
// Renderer (New) does the same for callers that hold only bytes, with the
// small interface that tests replace with a fake:
//
//	r := pdf.New()
//	n, err := r.PageCount(ctx, data)
//	img, err := r.RenderPage(ctx, data, 1, 150)
//
// Rendering, text and page facts come from pdfium, the PDF engine of the
// Chrome browser, compiled to WebAssembly and run by wazero in pure Go: it
// reads every kind of PDF people send (object streams, encryption with an
// empty password, damaged files it can repair) and draws them as a browser
// does. The engine is started on first use, once per process; its compiled
// code is kept in the user's cache folder (dossier/wasm), which makes later
// starts take a fraction of a second instead of seconds. Without a usable
// cache folder it still works, only slower to start.
//
// # Rewriting
//
// Clean rewrites a document in the plain form that simple importers read
// (decrypted, one classic cross-reference table, no object streams), with
// pdfium. Assemble builds a new document from page ranges of others,
// keeping only the links that point inside it (the ICO upload pack's
// parts), and Attachments reads embedded files (a bundle's manifest): both
// with pdfcpu, which edits a document's structure in pure Go.
//
// # Limits and failures
//
// Limits (DefaultLimits unless given) bound the pages of a document, the
// size of a page and the pixels of a render; a document beyond them is
// refused with ErrLimit before any large allocation. Every call into the
// third-party parsers runs inside a recover boundary: a malformed document
// gives an error wrapping ErrDamaged, never a crash. Errors say what is
// wrong with the document; callers add which exhibit it is.
package pdf

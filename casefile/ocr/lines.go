package ocr

import (
	"image"
	"strings"
)

// Line is one line of words as tesseract grouped them: its text (the
// words joined by single spaces), the union of their boxes, and the words.
type Line struct {
	Text  string
	Box   image.Rectangle
	Words []Word
}

// Lines groups words into lines by their block, paragraph and line
// numbers, keeping the order in which the words came (tesseract's reading
// order). Words of one line that are not adjacent in the input still join
// the line where it first appeared.
func Lines(words []Word) []Line {
	type key struct{ b, p, l int }
	at := map[key]int{}
	var lines []Line
	for _, w := range words {
		k := key{w.Block, w.Par, w.Line}
		i, ok := at[k]
		if !ok {
			i = len(lines)
			at[k] = i
			lines = append(lines, Line{Box: w.Box})
		}
		ln := &lines[i]
		ln.Words = append(ln.Words, w)
		ln.Box = ln.Box.Union(w.Box)
	}
	for i := range lines {
		parts := make([]string, len(lines[i].Words))
		for j, w := range lines[i].Words {
			parts[j] = w.Text
		}
		lines[i].Text = strings.Join(parts, " ")
	}
	return lines
}

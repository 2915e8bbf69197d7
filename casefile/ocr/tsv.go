package ocr

import (
	"bufio"
	"errors"
	"fmt"
	"image"
	"io"
	"strconv"
	"strings"
)

// tsvColumns are the columns of tesseract's TSV output that ParseTSV needs.
var tsvColumns = []string{"level", "block_num", "par_num", "line_num", "word_num",
	"left", "top", "width", "height", "conf", "text"}

// wordLevel is tesseract's level number for a word (1 page, 2 block,
// 3 paragraph, 4 line, 5 word).
const wordLevel = 5

// ParseTSV reads tesseract's TSV output ("tesseract img - tsv") and returns
// its words in reading order, leaving out page, block, paragraph and line
// rows and words whose text is blank. Columns are found by the header, so
// their order may change; lines may end in CRLF; a row with too few fields
// (tesseract leaves the text field off empty words) is skipped. A missing
// header column or a number that does not parse is an error naming the line.
func ParseTSV(r io.Reader) ([]Word, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	if !sc.Scan() {
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("read tsv: %w", err)
		}
		return nil, errors.New("read tsv: empty input, no header")
	}
	header := strings.Split(strings.TrimRight(strings.TrimPrefix(sc.Text(), "\ufeff"), "\r"), "\t")
	col := make(map[string]int, len(header))
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	idx := make([]int, len(tsvColumns))
	for i, name := range tsvColumns {
		j, ok := col[name]
		if !ok {
			return nil, fmt.Errorf("read tsv: header lacks column %q", name)
		}
		idx[i] = j
	}
	textCol := idx[len(idx)-1]
	var words []Word
	for line := 2; sc.Scan(); line++ {
		f := strings.Split(strings.TrimRight(sc.Text(), "\r"), "\t")
		if len(f) <= textCol {
			continue
		}
		var n [10]float64
		for i := range n {
			v, err := strconv.ParseFloat(strings.TrimSpace(f[idx[i]]), 64)
			if err != nil {
				return nil, fmt.Errorf("read tsv: line %d: column %s: %w", line, tsvColumns[i], err)
			}
			n[i] = v
		}
		if int(n[0]) != wordLevel {
			continue
		}
		text := strings.TrimSpace(f[textCol])
		if text == "" {
			continue
		}
		x, y, w, h := clampInt(n[5]), clampInt(n[6]), clampInt(n[7]), clampInt(n[8])
		if w < 0 || h < 0 {
			return nil, fmt.Errorf("read tsv: line %d: negative box size", line)
		}
		words = append(words, Word{
			Text:  text,
			Conf:  n[9],
			Box:   image.Rect(x, y, x+w, y+h),
			Block: int(n[1]), Par: int(n[2]), Line: int(n[3]), Num: int(n[4]),
		})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read tsv: %w", err)
	}
	return words, nil
}

// clampInt converts a parsed coordinate to int, bounding it so that
// nonsense input cannot overflow when a box is built.
func clampInt(v float64) int {
	const limit = 1 << 24
	switch {
	case v != v: // NaN
		return 0
	case v > limit:
		return limit
	case v < -limit:
		return -limit
	}
	return int(v)
}

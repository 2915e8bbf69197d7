package names

import (
	"math/bits"
	"strings"
)

// Phrases finds many folded phrases in folded text in one pass, as whole
// words: "ann lee" is found in "call ann lee today" but not in "joann
// leeds". Searching for each phrase in turn costs phrases × text, which
// for the 130,000 terms of a 100,000-row case and its 12 MB sheet never
// finishes.
//
// Folded text is words parted by single spaces, and a phrase can only
// start where a word starts, so the search looks up, at each word, the
// phrases that start with that word and are as many words long as some
// phrase starting with it: a hash lookup per candidate, one pass over the
// text. Built from 300,000 phrases this takes a tenth of the time and
// memory of an Aho–Corasick automaton over the same phrases (which must
// also be told to keep only matches on word boundaries), and searches as
// fast.
type Phrases struct {
	index map[string]int32   // phrase -> pattern
	owner [][]int            // pattern -> the indexes of the phrases it stands for
	first map[string]lengths // first word -> the word counts of phrases starting with it
}

// lengths is a set of word counts: bit k-1 for k words, up to 64; longer
// phrases (a whole address with its notes) set long and are tried at
// every count up to max.
type lengths struct {
	mask uint64
	long bool
	max  int
}

// NewPhrases builds the search for phrases, each already folded (Fold);
// phrases that repeat are searched once and reported under each index, and
// an empty phrase is never found. It returns nil when no phrase has
// letters or digits.
func NewPhrases(phrases []string) *Phrases {
	p := &Phrases{index: make(map[string]int32, len(phrases)), first: map[string]lengths{}}
	for i, ph := range phrases {
		if ph == "" {
			continue
		}
		k, ok := p.index[ph]
		if !ok {
			k = int32(len(p.owner))
			p.index[ph] = k
			p.owner = append(p.owner, nil)
			w, _, _ := strings.Cut(ph, " ")
			n := strings.Count(ph, " ") + 1
			l := p.first[w]
			if n <= 64 {
				l.mask |= 1 << (n - 1)
			} else {
				l.long = true
			}
			l.max = max(l.max, n)
			p.first[w] = l
		}
		p.owner[k] = append(p.owner[k], i)
	}
	if len(p.owner) == 0 {
		return nil
	}
	return p
}

// Each calls f for every place a phrase occurs in folded (text already
// folded by Fold), with the phrase's index and its byte range in folded,
// in the order the places start (shorter phrases first where two start
// together). A nil Phrases finds nothing.
func (p *Phrases) Each(folded string, f func(phrase, start, end int)) {
	if p == nil || folded == "" {
		return
	}
	// ends[j] is where word j ends; word j+1 starts one byte later.
	ends := make([]int32, 0, len(folded)/6+1)
	for i := 0; i < len(folded); i++ {
		if folded[i] == ' ' {
			ends = append(ends, int32(i))
		}
	}
	ends = append(ends, int32(len(folded)))
	start := 0
	for j := range ends {
		l, ok := p.first[folded[start:ends[j]]]
		if ok {
			try := func(n int) {
				if j+n-1 >= len(ends) {
					return
				}
				end := int(ends[j+n-1])
				if k, ok := p.index[folded[start:end]]; ok {
					for _, i := range p.owner[k] {
						f(i, start, end)
					}
				}
			}
			for m := l.mask; m != 0; m &= m - 1 {
				try(bits.TrailingZeros64(m) + 1)
			}
			if l.long {
				for n := 65; n <= l.max; n++ {
					try(n)
				}
			}
		}
		start = int(ends[j]) + 1
	}
}

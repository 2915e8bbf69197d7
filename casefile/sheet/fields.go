package sheet

import (
	"fmt"
	"strings"
	"unicode"
)

// synonyms maps a header key (see headerKey) to a field. Headers on real
// data sheets come from housing systems and from whoever typed them up.
var synonyms = map[string]string{}

// Kinds of address part (see addressParts).
const (
	partLine   = iota + 1 // "Address 1", "Street": written as it is
	partFlat              // "Flat": a bare "23" is written "Flat 23"
	partBlock             // "Block": a bare "C" is written "Block C"
	partNumber            // "House No": joined to the next part by a space, "12 Mill Lane"
)

// addressParts are headers of columns that each hold part of an address,
// as Excel sheets split it; all of them (and a whole-address column, if
// there is one too) are combined into the row's address in column order.
var addressParts = map[string]int{}

func init() {
	for field, names := range map[string][]string{
		FieldUPRN: {"UPRN", "Prop Ref", "Property Ref", "Property Reference", "Property No", "Property Number",
			"Prop No", "Unique Property Reference Number", "Property ID", "Prop ID"},
		FieldAddress: {"Address", "Property Address", "Prop Address", "Addr", "Full Address", "Address Line",
			"Street Address", "Home Address"},
		FieldEstate:        {"Estate", "Estate Name", "Scheme"},
		FieldNeighbourhood: {"Nbhd", "Neighbourhood", "Neighborhood", "Area", "Ward", "Patch", "Neighbourhood Name", "Area Name"},
		FieldName: {"Name", "Tenant Name", "Tenant", "Resident", "Resident Name", "Full Name", "Lead Tenant",
			"Occupier", "Occupant", "Customer Name", "Contact Name"},
		FieldPhone: {"Phone", "Contact No", "Contact Number", "Mobile", "Mobile No", "Mobile Number", "Tel",
			"Tel No", "Telephone", "Telephone No", "Telephone Number", "Phone No", "Phone Number", "Contact Tel",
			"Contact Phone", "Mob", "Mob No", "Mobile Phone", "Cell"},
	} {
		for _, n := range names {
			synonyms[headerKey(n)] = field
		}
	}
	for kind, names := range map[int][]string{
		partLine:   {"Street", "Street Name", "Road"},
		partFlat:   {"Flat", "Flat No", "Flat Number", "Flat Num"},
		partBlock:  {"Block", "Block Name", "Building", "Building Name", "House Name"},
		partNumber: {"House No", "House Number", "Door No", "Door Number"},
	} {
		for _, n := range names {
			addressParts[headerKey(n)] = kind
		}
	}
	for i := 1; i <= 6; i++ {
		for _, f := range []string{"Address %d", "Address Line %d", "Addr %d", "Addr Line %d", "Address Ln %d"} {
			addressParts[headerKey(fmt.Sprintf(f, i))] = partLine
		}
	}
	for k := range addressParts {
		synonyms[k] = FieldAddress
	}
}

// rank orders synonyms for one field. The texts in question went to
// mobiles, so when a sheet has both "Tel" and "Mobile" columns the mobile
// one is the phone and the landline is kept as an extra.
func rank(key string) int {
	if strings.Contains(key, "mob") || strings.Contains(key, "cell") {
		return 1
	}
	return 0
}

// headerKey folds a header for synonym matching: case, spaces and
// punctuation are ignored, so "Contact No.", "contact_no" and "CONTACT NO"
// are one key.
func headerKey(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isField(f string) bool {
	for _, x := range Fields {
		if x == f {
			return true
		}
	}
	return false
}

// ParseMap parses a column mapping such as "Contact No=phone,Prop
// Ref=uprn" into header -> field. A field of "extra" (or empty) keeps the
// column as an extra field instead of mapping it by synonym. Errors wrap
// ErrBadMap and list the field names allowed.
func ParseMap(spec string) (map[string]string, error) {
	out := map[string]string{}
	if strings.TrimSpace(spec) == "" {
		return out, nil
	}
	used := map[string]string{}
	for _, part := range strings.Split(spec, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		col, field, ok := strings.Cut(part, "=")
		col, field = strings.TrimSpace(col), strings.ToLower(strings.TrimSpace(field))
		if !ok || col == "" {
			return nil, fmt.Errorf("%w: %q is not COLUMN=FIELD; write e.g. \"Contact No=phone,Prop Ref=uprn\"", ErrBadMap, part)
		}
		if field == "extra" {
			field = ""
		}
		if field != "" && !isField(field) {
			return nil, fmt.Errorf("%w: %q: unknown field %q; fields are %s, or extra", ErrBadMap, part, field, strings.Join(Fields, ", "))
		}
		if _, dup := out[col]; dup {
			return nil, fmt.Errorf("%w: column %q is mapped twice", ErrBadMap, col)
		}
		if prev, dup := used[field]; dup && field != "" && field != FieldAddress {
			return nil, fmt.Errorf("%w: columns %q and %q are both mapped to %s", ErrBadMap, prev, col, field)
		}
		used[field] = col
		out[col] = field
	}
	return out, nil
}

// columns is the resolved layout of a sheet: for each column index the
// field it fills ("" for extra) and the key its value is kept under in
// Row.Extra.
type columns struct {
	field []string
	extra []string
	part  []int // kind of address part of each column, when the address has several; nil otherwise
}

// mapColumns maps each header to a field. Overrides (from ParseMap) win,
// matched to headers exactly or else by headerKey; the rest map by
// synonym, the first column for a field winning and later ones kept as
// extras. It returns the mapping and the number of mapped fields.
func mapColumns(header []string, overrides map[string]string) (columns, map[string]string, int, error) {
	n := len(header)
	c := columns{field: make([]string, n), extra: make([]string, n)}
	fixed := make([]bool, n)
	taken := map[string]bool{}
	for col, field := range overrides {
		i := findHeader(header, col)
		if i < 0 {
			return c, nil, 0, fmt.Errorf("%w: column %q is not in the header; the columns are %s", ErrBadMap, col, quoteList(header))
		}
		c.field[i], fixed[i] = field, true
		if field != "" {
			taken[field] = true
		}
	}
	// Each field takes the best-ranked synonym column, the first on a
	// tie; the others stay as extras.
	best := map[string]int{}
	for i, h := range header {
		if fixed[i] {
			continue
		}
		k := headerKey(h)
		f := synonyms[k]
		if f == "" || taken[f] || addressParts[k] != 0 {
			continue
		}
		if j, ok := best[f]; !ok || rank(k) > rank(headerKey(header[j])) {
			best[f] = i
		}
	}
	for f, i := range best {
		c.field[i], taken[f] = f, true
	}
	// Every address part joins the address, beside a whole-address
	// column if there is one, unless the address was mapped by hand.
	if !fixedField(overrides, FieldAddress) {
		for i, h := range header {
			if !fixed[i] && addressParts[headerKey(h)] != 0 {
				c.field[i], taken[FieldAddress] = FieldAddress, true
			}
		}
	}
	c.setParts(header)
	mapping := make(map[string]string, n)
	seen := map[string]bool{}
	for i, h := range header {
		key := h
		if key == "" || seen[key] {
			key = fmt.Sprintf("column %d", i+1)
		}
		seen[key] = true
		c.extra[i] = key
		mapping[key] = c.field[i]
	}
	return c, mapping, len(taken), nil
}

// fixedField reports whether a mapping override names field.
func fixedField(overrides map[string]string, field string) bool {
	for _, f := range overrides {
		if f == field {
			return true
		}
	}
	return false
}

// setParts notes, when more than one column makes the address, the kind
// of part each is.
func (c *columns) setParts(header []string) {
	n := 0
	for _, f := range c.field {
		if f == FieldAddress {
			n++
		}
	}
	if n < 2 {
		return
	}
	c.part = make([]int, len(header))
	for i, h := range header {
		if c.field[i] == FieldAddress {
			c.part[i] = max(addressParts[headerKey(h)], partLine)
		}
	}
}

// findHeader finds col in header: exactly, then ignoring case and
// punctuation.
func findHeader(header []string, col string) int {
	for i, h := range header {
		if h == col {
			return i
		}
	}
	k := headerKey(col)
	for i, h := range header {
		if k != "" && headerKey(h) == k {
			return i
		}
	}
	// A column without a header is named as Result.Mapping names it.
	var n int
	if _, err := fmt.Sscanf(col, "column %d", &n); err == nil && n >= 1 && n <= len(header) {
		return n - 1
	}
	return -1
}

// countFields is how many distinct fields a candidate header line maps
// by synonym; used to find the header below a title line.
func countFields(rec []string) int {
	got := map[string]bool{}
	for _, h := range rec {
		if f := synonyms[headerKey(h)]; f != "" {
			got[f] = true
		}
	}
	return len(got)
}

// quoteList quotes values for a message, shortened so that a damaged
// file cannot make a message of megabytes.
func quoteList(ss []string) string {
	const most, width = 30, 60
	q := make([]string, 0, min(len(ss), most)+1)
	for _, s := range ss[:min(len(ss), most)] {
		if r := []rune(s); len(r) > width {
			s = string(r[:width]) + "…"
		}
		q = append(q, fmt.Sprintf("%q", s))
	}
	if len(ss) > most {
		q = append(q, fmt.Sprintf("and %d more", len(ss)-most))
	}
	return strings.Join(q, ", ")
}

// fill puts the cells of one record into a row. Surplus cells (beyond the
// header) go into Extra as "column N"; empty extra cells are left out.
// Address parts are joined in column order.
func (c columns) fill(row *Row, rec []string) {
	var parts []addressPart
	for i, v := range rec {
		v = strings.TrimSpace(v)
		var field, key string
		if i < len(c.field) {
			field, key = c.field[i], c.extra[i]
		} else {
			key = fmt.Sprintf("column %d", i+1)
		}
		switch field {
		case FieldUPRN:
			row.UPRN = v
		case FieldAddress:
			if c.part == nil {
				row.Address = v
			} else if v != "" {
				parts = append(parts, addressPart{c.part[i], v})
			}
		case FieldEstate:
			row.Estate = v
		case FieldNeighbourhood:
			row.Neighbourhood = v
		case FieldName:
			row.Name = v
		case FieldPhone:
			row.Phone = v
		default:
			if v == "" {
				continue
			}
			if row.Extra == nil {
				row.Extra = map[string]string{}
			}
			row.Extra[key] = v
		}
	}
	if parts != nil {
		row.Address = joinAddress(parts)
	}
}

type addressPart struct {
	kind  int
	value string
}

// joinAddress writes an address split over columns the way it is written
// in one line: "Flat 23, Dellow House, 12 Bigland Street". A bare flat
// number or block letter gets its word, so the address reads as one
// (and matches the same address written in a letter); a house number is
// joined to the street by a space. Values are otherwise kept as written.
func joinAddress(parts []addressPart) string {
	var b strings.Builder
	for i, p := range parts {
		v := p.value
		switch {
		case p.kind == partFlat && bareCode(v):
			v = "Flat " + v
		case p.kind == partBlock && bareCode(v):
			v = "Block " + v
		}
		b.WriteString(v)
		if i < len(parts)-1 {
			if p.kind == partNumber && bareCode(p.value) {
				b.WriteByte(' ')
			} else {
				b.WriteString(", ")
			}
		}
	}
	return b.String()
}

// bareCode reports whether v is a short number or letter code ("23",
// "23A", "C") rather than words.
func bareCode(v string) bool {
	if len(v) == 0 || len(v) > 5 {
		return false
	}
	for _, r := range v {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') {
			return false
		}
	}
	return len(v) <= 2 || unicode.IsDigit(rune(v[0]))
}

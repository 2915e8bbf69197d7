// Package bigcase builds a large fictional case for benchmarks: a data
// sheet of many rows (100,000 for the goals of the app's big-case work),
// screenshots of text messages with their messages linked to rows, and a
// resident's statement, added the way a user adds them (intake, rows
// import, messages, link auto).
//
// Every name is invented, put together from lists of common first and last
// names; phone numbers are Ofcom drama numbers (07700 900000-900999 and
// 020 7946 0000-0999), so with 100,000 rows they repeat. Names, addresses
// and property references (UPRNs) vary, as they would on a real housing
// system's sheet: four people to a home.
package bigcase

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"time"

	"dossier/casefile"
	"dossier/casefile/ocr"
)

// Options choose the size of the case; the zero value means Rows 100,000,
// Screenshots 20 and MessagesPerShot 5.
type Options struct {
	Rows            int
	Screenshots     int
	MessagesPerShot int
}

func (o Options) withDefaults() Options {
	if o.Rows <= 0 {
		o.Rows = 100000
	}
	if o.Screenshots <= 0 {
		o.Screenshots = 20
	}
	if o.MessagesPerShot <= 0 {
		o.MessagesPerShot = 5
	}
	return o
}

var (
	firsts = []string{"Maureen", "Desmond", "Zoë", "Olu", "Priya", "Tomasz", "Amara", "Siobhán", "Hamid", "Łucja",
		"Kwame", "Renée", "Delroy", "Imogen", "Farhan", "Bethany", "Ciarán", "Yusuf", "Agnieszka", "Marcus",
		"Nkechi", "Rosalind", "Tariq", "Wendy", "Emeka", "Fionnuala", "Gareth", "Hyacinth", "Ishaan", "Jolene",
		"Kofi", "Leontyne", "Mehmet", "Noreen", "Oksana", "Percival", "Rukhsana", "Stellan", "Thandiwe", "Ulrich",
		"Valentina", "Winston", "Xiomara", "Yvette", "Zbigniew", "Adaeze", "Bartholomew", "Consolata", "Dafydd", "Esperanza",
		"Florian", "Gwendolyn", "Horatio", "Ifeoma", "Jasper", "Kasia", "Lemuel", "Magdalena", "Nikhil", "Ottoline",
		"Perpetua", "Quentin", "Roisin", "Sefton", "Temperance", "Uchenna", "Vashti", "Wilfred", "Yolanda", "Zebedee",
		"Anwen", "Benedikt", "Clementine", "Dorian", "Eulalie", "Fergus", "Ginevra", "Hollis", "Isadora", "Jethro",
		"Kerensa", "Lysander", "Morwenna"}
	lasts = []string{"Baptiste", "Adeyemi", "Natarajan", "Wójcik", "Okafor", "Ó Floinn", "Karimi", "Mensah", "Müller", "Rahman",
		"Doyle", "Ashworth", "Balogun", "Castellano", "Dimitriou", "Ekwueme", "Fairweather", "Grzybowski", "Hollingsworth", "Ibrahimović",
		"Jaramillo", "Kowalczyk", "Lindqvist", "Mbeki-Jones", "Nwachukwu", "Oyelaran", "Pemberton", "Quarshie", "Rautenbach", "Szymańska",
		"Thistlewood", "Umeadi", "Vasquez-Hart", "Whitlock", "Yeboah", "Zielinski", "Abernethy", "Brightwater", "Cholmondeley", "Delacroix",
		"Etherington", "Fotheringham", "Gallacher", "Higginbottom", "Inglethorpe", "Jevons", "Kettleborough", "Loughnane", "Macready", "Nettleship",
		"Ormerod", "Pilkington", "Quennell", "Ravenscroft", "Sowerbutts", "Tattersall", "Uttley", "Villiers", "Wainwright", "Yardley",
		"Acheampong", "Blennerhassett", "Coughlan", "Dunkerley", "Entwistle", "Featherstonehaugh", "Grimshaw", "Hetherington", "Illingworth", "Juniper",
		"Kilbride", "Lockhart", "Mottram", "Northcote", "Oglethorpe", "Prendergast", "Quigley", "Rowbotham", "Scarisbrick", "Trelawney",
		"Underhill", "Vosper", "Wetherall", "Yelland", "Zamora", "Aldridge", "Birtwistle", "Cartwright", "Dobson-Ede", "Earnshaw",
		"Fenwick", "Greenhalgh", "Hardcastle", "Isherwood", "Jowett", "Kershaw", "Lumb", "Midgley", "Nuttall", "Openshaw",
		"Pickersgill", "Ramsbottom", "Sutcliffe", "Threlfall", "Unsworth", "Varley", "Whiteley", "Yarwood", "Ackroyd", "Brearley",
		"Crabtree", "Dewhurst", "Eccleston", "Fielden", "Gaukroger", "Haworth", "Ingham"}
	middles = []string{"", "A", "J", "M", "R", "T", "E", "K"}
	houses  = []string{"Kestrel", "Wren", "Ash", "Birch", "Dellow", "Heron", "Linnet", "Rowan", "Hazel", "Sorrel", "Curlew", "Alder"}
	streets = []string{"Bigland Street", "Mill Lane", "Cable Street", "Watney Road", "Cannon Row", "Sutton Walk", "Juniper Way",
		"Tarling Street", "Dunch Road", "Fenner Close", "Pitsea Place"}
	estates = []string{"Martineau Estate", "Northside Estate", "Southgate Estate", "Lindley Estate", "Brayford Estate"}
	areas   = []string{"Shadwell North", "Shadwell South", "Wapping East", "Stepney Green"}
)

// PerHome is how many rows share a home (an address and a UPRN).
const PerHome = 4

// Name is the invented resident name of row i (0-based).
func Name(i int) string {
	f, l := firsts[i%len(firsts)], lasts[(i/len(firsts))%len(lasts)]
	if m := middles[(i/(len(firsts)*len(lasts)))%len(middles)]; m != "" {
		return f + " " + m + " " + l
	}
	return f + " " + l
}

// Address is the address of row i's home.
func Address(i int) string {
	h := i / PerHome
	return fmt.Sprintf("Flat %d, %s House, %d %s", 1+h%60, houses[(h/60)%len(houses)], 1+h/(60*len(houses)), streets[h%len(streets)])
}

// UPRN is the property reference of row i's home.
func UPRN(i int) string { return fmt.Sprint(100023000000 + i/PerHome*7) }

// Phone is row i's contact number as the sheet writes it, or "" (one row
// in ten has none).
func Phone(i int) string {
	switch {
	case i%10 == 9:
		return ""
	case i%3 == 0:
		return fmt.Sprintf("07700 900%03d", (i*7)%1000)
	case i%3 == 1:
		return fmt.Sprintf("+44 7700 900%03d", (i*13)%1000)
	}
	return fmt.Sprintf("020 7946 0%03d", (i*11)%1000)
}

// WriteSheet writes the data sheet of n rows as CSV to path: UPRN,
// address, estate, neighbourhood, tenant name, contact number, and a notes
// column filled on one row in fifty.
func WriteSheet(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "UPRN,Address,Estate,Neighbourhood,Tenant Name,Contact No,Notes")
	for i := range n {
		note := ""
		if i%50 == 7 {
			note = fmt.Sprintf("daughter %s also on 07700 900%03d", firsts[(i+3)%len(firsts)], (i*17)%1000)
		}
		h := i / PerHome
		fmt.Fprintf(w, "%s,\"%s\",%s,%s,%s,%s,%s\n", UPRN(i), Address(i), estates[h%len(estates)], areas[h%len(areas)],
			Name(i), Phone(i), note)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Build makes the case at path (which must not exist): the sheet and its
// rows, o.Screenshots screenshots each with o.MessagesPerShot messages to
// numbers on the sheet, the messages linked by phone, and a statement.
func Build(ctx context.Context, path string, o Options) error {
	o = o.withDefaults()
	dir, err := os.MkdirTemp(filepath.Dir(path), "bigcase-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	c, err := casefile.Create(path, "Martineau data sheets", "LW", casefile.Options{Actor: "Alex Marsh"})
	if err != nil {
		return err
	}
	if err := build(ctx, c, dir, o); err != nil {
		c.Close()
		return fmt.Errorf("build %s: %w", path, err)
	}
	return c.Close()
}

func build(ctx context.Context, c *casefile.Case, dir string, o Options) error {
	sheetPath := filepath.Join(dir, "data-sheet.csv")
	if err := WriteSheet(sheetPath, o.Rows); err != nil {
		return err
	}
	if _, err := c.ImportRows(ctx, sheetPath, casefile.ImportOptions{}); err != nil {
		return err
	}
	at := time.Date(2015, 6, 8, 9, 0, 0, 0, time.UTC)
	for s := range o.Screenshots {
		var lines []string
		var ins []casefile.MessageInput
		for k := range o.MessagesPerShot {
			i := (s*o.MessagesPerShot + k) * 37 % o.Rows
			if Phone(i) == "" {
				i++
			}
			body := fmt.Sprintf("Hi %s, vote Northfield Forward on Thursday", firsts[i%len(firsts)])
			lines = append(lines, "Northfield Forward", "To: "+Phone(i), body)
			ins = append(ins, casefile.MessageInput{From: "Northfield Forward", To: Phone(i), At: at.Add(time.Duration(s*o.MessagesPerShot+k) * time.Minute), Body: body})
		}
		img, _ := ocr.TestScreenshot(lines...)
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			return err
		}
		ex, err := c.AddReader(ctx, &buf, fmt.Sprintf("text-%02d.png", s+1), int64(buf.Len()),
			casefile.Meta{Kind: casefile.KindScreenshot, Title: fmt.Sprintf("Texts received, screen %d", s+1), Obtained: "2015-06-09"}, nil)
		if err != nil {
			return err
		}
		for _, in := range ins {
			in.Exhibit = ex.Ref
			if _, err := c.AddMessage(ctx, in); err != nil {
				return err
			}
		}
	}
	if _, err := c.AutoLink(ctx); err != nil {
		return err
	}
	st := fmt.Sprintf("Statement of %s\n\nI live at %s. I received a text from Northfield Forward on %s, the number I gave only to the landlord.\n\n"+
		"My neighbour %s at %s had the same text on %s. Neither of us gave our numbers to the party.\n",
		Name(0), Address(0), Phone(0), Name(8), Address(8), Phone(8))
	_, err := c.AddReader(ctx, bytes.NewReader([]byte(st)), "statement.txt", int64(len(st)),
		casefile.Meta{Kind: casefile.KindStatement, Title: "Statement of a resident", Obtained: "2015-06-12"}, nil)
	return err
}

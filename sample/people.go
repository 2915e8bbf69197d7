package sample

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"time"
)

// resident is one invented data-sheet row.
type resident struct {
	UPRN, Address, Estate, Neighbourhood, Name, Phone string
}

// residents are the data sheet's rows. Two share the household landline;
// Harold Finch has no phone.
var residents = []resident{
	{"100023456701", "Flat 1, Kestrel House, Kestrel Road", "Kestrel", "Northfield Central", "Zoë Okafor", "07700 900123"},
	{"100023456702", "Flat 2, Kestrel House, Kestrel Road", "Kestrel", "Northfield Central", "Seán Murphy", "07700 900456"},
	{"100023456703", "Flat 3, Kestrel House, Kestrel Road", "Kestrel", "Northfield Central", "Harold Finch", ""},
	{"100023456710", "12 Martineau Walk", "Martineau", "Eastbrook", "Łucja Nowak", "07700 900789"},
	{"100023456711", "14 Martineau Walk", "Martineau", "Eastbrook", "Maureen Baptiste", "020 7946 0321"},
	{"100023456711", "14 Martineau Walk", "Martineau", "Eastbrook", "Delroy Baptiste", "020 7946 0321"},
	{"100023456720", "3 Holloway Close", "Holloway", "Westmead", "Priya Raman", "07700 900902"},
	{"100023456721", "5 Holloway Close", "Holloway", "Westmead", "Tomasz Wiśniewski", "07700 900315"},
}

func sheetCSV() ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"UPRN", "Address", "Estate", "Neighbourhood", "Name", "Phone"})
	for _, r := range residents {
		w.Write([]string{r.UPRN, r.Address, r.Estate, r.Neighbourhood, r.Name, r.Phone})
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// canvassCSV is the canvassing sheet's table as a person would type it
// from the printout: the columns it prints, with its blank result column,
// and the estate of each address (as the data sheet gives it), so the
// charts count each estate's numbers once rather than as "no estate".
func canvassCSV() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"UPRN", "Address", "Estate", "Name", "Phone", "Result"})
	for _, r := range residents[:canvassed] {
		w.Write([]string{r.UPRN, r.Address, r.Estate, r.Name, r.Phone, ""})
	}
	w.Flush()
	return b.Bytes()
}

// canvassed is how many residents the canvassing sheet lists.
const canvassed = 6

// text message shown on a screenshot exhibit.
type message struct {
	From, To, At, Body, Exhibit string
}

var messages = []message{
	{"Northfield Forward", "07700 900123", "2015-06-08T09:00:00+01:00", "Vote for Pat Greene on Thursday! Polls open 7am-10pm. Reply STOP to opt out", "LW/3"},
	{"Northfield Forward", "07700 900456", "2015-06-08T09:00:00+01:00", "Vote for Pat Greene on Thursday! Polls open 7am-10pm. Reply STOP to opt out", "LW/4"},
	{"07700 900001", "07700 900789", "2015-06-10T18:42:00+01:00", "Hi Łucja, don't forget to vote for Pat Greene on Thursday at Eastbrook school", "LW/5"},
}

// shownAt is how each message's time appears on the phone screen.
var shownAt = []string{"Mon 8 Jun 2015 09:00", "Mon 8 Jun 2015 09:00", "Wed 10 Jun 2015 18:42"}

func messagesJSON() []byte {
	type item struct {
		To      string `json:"to"`
		From    string `json:"from"`
		At      string `json:"at"`
		Body    string `json:"body"`
		Exhibit string `json:"exhibit"`
	}
	var list []item
	for _, m := range messages {
		list = append(list, item{m.To, m.From, m.At, m.Body, m.Exhibit})
	}
	b, _ := json.MarshalIndent(list, "", "  ")
	return append(b, '\n')
}

// sampleTime is the fixed date written into generated files' metadata, so
// the sample's bytes (and hashes) are the same on every run.
var sampleTime = time.Date(2015, 6, 6, 12, 0, 0, 0, time.UTC)

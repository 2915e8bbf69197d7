package sheet_test

import (
	"fmt"
	"strings"

	"dossier/casefile/phone"
	"dossier/casefile/sheet"
)

func ExampleRead() {
	csv := "Prop Ref;Tenant Name;Contact No\r\n" +
		"100023456001;Maureen Baptiste;07700 900123\r\n" +
		"100023456002;\"BAPTISTE, Desmond\";(07700) 900124\r\n"
	res, err := sheet.Read(strings.NewReader(csv), "sheet.csv", sheet.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s %s %q\n", res.Format, res.Encoding, res.Delimiter)
	for _, r := range res.Rows {
		e164, _ := phone.Normalize(r.Phone)
		fmt.Println(r.Ref, r.UPRN, r.Name, e164)
	}
	// Output:
	// csv UTF-8 ';'
	// line 2 100023456001 Maureen Baptiste +447700900123
	// line 3 100023456002 BAPTISTE, Desmond +447700900124
}

package detect_test

import (
	"fmt"

	"dossier/casefile/detect"
)

func Example() {
	d, err := detect.New(detect.Options{Names: []string{"BAPTISTE, Maureen"}})
	if err != nil {
		panic(err)
	}
	for _, f := range d.Scan("Text from Maureen Baptiste to 07700 900123 on 11/06/2015, ref RFA0123456") {
		fmt.Println(f.Kind, f.Start, f.End, f.Text, f.Value)
	}
	// Output:
	// name 10 26 Maureen Baptiste baptiste maureen
	// phone 30 42 07700 900123 +447700900123
}

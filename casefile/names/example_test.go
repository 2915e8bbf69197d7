package names_test

import (
	"fmt"

	"dossier/casefile/names"
)

func ExampleKey() {
	fmt.Println(names.Key("BAPTISTE, Mrs Maureen"))
	fmt.Println(names.Key("maureen  BAPTISTE"))
	fmt.Println(names.Fold("Zoë Łucja-Seán"))
	// Output:
	// baptiste maureen
	// baptiste maureen
	// zoe lucja sean
}

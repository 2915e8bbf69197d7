package export

import (
	"encoding/json"
	"strings"
	"testing"

	"dossier"
)

// TestManifestVersion checks that a manifest names the Dossier version and
// that one made before the field existed (no "dossier_version" key) still
// re-seals to its own digest, so verify-bundle accepts older bundles.
func TestManifestVersion(t *testing.T) {
	m := manifest{Format: manifestFormat, DossierVersion: dossier.Version, CaseUUID: "u", Date: "2015-08-01",
		Exhibits: []manifestExhibit{{Ref: "LW/1", Size: 3, SHA256: "ab", StartPage: 5, Pages: 1}}}
	js, err := m.seal()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), `"dossier_version": "`+dossier.Version+`"`) {
		t.Errorf("manifest does not name version %s:\n%s", dossier.Version, js)
	}

	old := m
	old.DossierVersion = ""
	oldJS, err := old.seal()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(oldJS), "dossier_version") {
		t.Fatalf("a manifest without a version still has the key:\n%s", oldJS)
	}
	for _, tt := range []struct {
		name string
		js   []byte
	}{{"with version", js}, {"before versions", oldJS}} {
		var back manifest
		if err := json.Unmarshal(tt.js, &back); err != nil {
			t.Fatal(err)
		}
		digest := back.Digest
		if _, err := back.seal(); err != nil || back.Digest != digest {
			t.Errorf("%s: re-sealed digest %s, stored %s (%v)", tt.name, back.Digest, digest, err)
		}
	}
}

package tooltest

import "testing"

func TestNeedSkipsForMissingTool(t *testing.T) {
	t.Setenv(EnvRequire, "")
	ran := false
	t.Run("inner", func(t *testing.T) {
		Need(t, "no-such-program-dossier")
		ran = true
	})
	if ran {
		t.Fatal("Need let a test run without its tool")
	}
}

func TestNeedPassesForPresentTool(t *testing.T) {
	ran := false
	t.Run("inner", func(t *testing.T) {
		Need(t, "sh")
		ran = true
	})
	if !ran {
		t.Fatal("Need skipped a test whose tool is present")
	}
}

func TestHave(t *testing.T) {
	t.Setenv(EnvRequire, "")
	if Have(t, "no-such-program-dossier") {
		t.Fatal("Have reported a missing program as present")
	}
	if !Have(t, "sh") {
		t.Fatal("Have reported sh as missing")
	}
}

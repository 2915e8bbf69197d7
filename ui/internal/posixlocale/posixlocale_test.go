package posixlocale

import "testing"

func TestApply(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"LANG": "C.UTF-8"}, "en"},
		{map[string]string{"LANG": "C"}, "en"},
		{map[string]string{"LC_ALL": "POSIX", "LANG": "en_GB.UTF-8"}, "en"},
		{map[string]string{"LANG": "en_GB.UTF-8"}, ""},
		{map[string]string{"LC_ALL": "cy_GB.UTF-8", "LANG": "C.UTF-8"}, ""},
		{map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "cy"}, "cy"},
		{map[string]string{}, ""},
	}
	for _, tt := range tests {
		env := map[string]string{}
		for k, v := range tt.env {
			env[k] = v
		}
		apply(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
		if env["LANGUAGE"] != tt.want {
			t.Errorf("%v: LANGUAGE = %q, want %q", tt.env, env["LANGUAGE"], tt.want)
		}
	}
}

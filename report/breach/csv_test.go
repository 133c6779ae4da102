package breach

import "testing"

func TestNeutralize(t *testing.T) {
	for in, want := range map[string]string{
		"=1+2": "'=1+2", "+33 3": "'+33 3", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx",
		"": "", "Service social": "Service social", "u-1": "u-1", "'déjà": "'déjà",
	} {
		if got := neutralize(in); got != want {
			t.Errorf("neutralize(%q) = %q, want %q", in, got, want)
		}
	}
}

package breach

import (
	"bufio"
	"bytes"
	"reflect"
	"strings"
	"testing"

	"habilitations/model"
)

// TestFindingRoundTrip: findings read back from a spool are those encoded,
// whether their fields repeat the finding before, change, empty out, or
// are longer than the spool reader's buffer.
func TestFindingRoundTrip(t *testing.T) {
	long := strings.Repeat("Structure très longue ", 3000) // 69 KB, past the 32 KB buffer
	fs := []model.Finding{
		{Code: model.CodeDormantAccount, Convention: "01/2020", Account: "u-1"},
		{Code: model.CodeDormantAccount, Convention: "01/2020", Account: "u-2"},
		{Code: model.CodeDuplicateAccount, Convention: "01/2020", Accounts: []string{"a", "", long}},
		{Code: model.CodeQuotaExceeded, Convention: "02/2020", Unit: long, Service: "Cdap", Profile: model.T1, Quota: 3, Count: -4},
		{Code: model.CodeQuotaExceeded, Convention: "02/2020", Unit: long, Service: "", Profile: model.T2, Accounts: []string{}},
		{Code: "code_inconnu", Organisme: "CCAS", Name: "Mme Exemple"},
		{},
	}
	var enc []byte
	for i := range fs {
		enc = encodeFinding(enc, &fs[i])
	}
	r := bufio.NewReaderSize(bytes.NewReader(enc), 32<<10)
	for i, want := range fs {
		got, err := decodeFinding(r)
		if err != nil {
			t.Fatalf("finding %d: %v", i, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("finding %d: got %+v, want %+v", i, got, want)
		}
	}
	if _, err := decodeFinding(r); err == nil {
		t.Error("a finding read past the end")
	}
}

// TestFindingCutShort: a finding cut anywhere is an error, never a finding
// made of what was read (a spool file cut short by a full disk).
func TestFindingCutShort(t *testing.T) {
	f := model.Finding{Code: model.CodeDuplicateAccount, Convention: "01/2020", Unit: strings.Repeat("é", 40),
		Quota: 2, Count: 3, Accounts: []string{"u-1", "u-2"}}
	enc := encodeFinding(nil, &f)
	for _, size := range []int{16, 32 << 10} {
		for n := range len(enc) {
			r := bufio.NewReaderSize(bytes.NewReader(enc[:n]), size)
			if got, err := decodeFinding(r); err == nil {
				t.Errorf("buffer %d, %d of %d bytes: got %+v, want an error", size, n, len(enc), got)
			}
		}
	}
}

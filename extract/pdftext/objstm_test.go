package pdftext

import "testing"

// TestDirectLength: a stream's /Length is used only when written as a
// number in its dictionary, not as a reference to another object.
func TestDirectLength(t *testing.T) {
	tests := []struct {
		dict string
		want int
		ok   bool
	}{
		{"<< /Type /ObjStm /N 1 /First 4 /Length 29 >>", 29, true},
		{"<< /Length\n118 /Filter /FlateDecode >>", 118, true},
		{"<< /Length 12 0 R /Filter /FlateDecode >>", 0, false},
		{"<< /Length 7 0\nR >>", 0, false},
		{"<< /Length1 300 >>", 0, false},
		{"<< /Type /ObjStm >>", 0, false},
		{"<< /Length 4000000000 >>", 4000000000, true},
		{"<< /Length 99999999999999999999 >>", 0, false}, // past int64: not a length
	}
	for _, tt := range tests {
		t.Run(tt.dict, func(t *testing.T) {
			if n, ok := directLength([]byte(tt.dict)); n != tt.want || ok != tt.ok {
				t.Errorf("directLength = %d, %v; want %d, %v", n, ok, tt.want, tt.ok)
			}
		})
	}
}

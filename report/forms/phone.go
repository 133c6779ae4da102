package forms

import "strings"

// PrintedPhone prints an E.164 French number as « 03 80 44 10 21 ».
func PrintedPhone(e164 string) string {
	if !strings.HasPrefix(e164, "+33") || len(e164) != 12 {
		return e164
	}
	n := "0" + e164[3:]
	return n[0:2] + " " + n[2:4] + " " + n[4:6] + " " + n[6:8] + " " + n[8:10]
}

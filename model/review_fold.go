package model

import "strings"

// reviewFolds folds strings as Fold does, cheaply: ASCII strings (account
// ids, e-mails, most labels) take strings.ToLower, others are folded once
// and cached, since an export repeats the same units and names. Fold's
// transform chain allocates kilobytes per call, which a 50,000-row review
// cannot afford.
type reviewFolds map[string]string

func (c reviewFolds) fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		if strings.Contains(s, "  ") || strings.ContainsAny(s, "\t\n\r\v\f") || strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") {
			return strings.ToLower(strings.Join(strings.Fields(s), " "))
		}
		return strings.ToLower(s)
	}
	if v, ok := c[s]; ok {
		return v
	}
	v := Fold(s)
	c[s] = v
	return v
}

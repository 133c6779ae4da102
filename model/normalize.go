package model

import (
	"strings"
	"unicode"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// typographic replaces the typographic apostrophes and dashes that comparisons
// treat as their ASCII forms (records.md §2, "Text values").
var typographic = strings.NewReplacer(
	"’", "'", "‘", "'", "ʼ", "'", "´", "'",
	"–", "-", "—", "-", "‑", "-", "‐", "-", "−", "-",
	"\u00a0", " ", "\u202f", " ", "\u2009", " ",
)

// CleanText returns s in Unicode NFC with compatibility characters (ligatures,
// no-break spaces) decomposed and runs of white space collapsed to one space.
// Typographic apostrophes and dashes are kept as printed.
func CleanText(s string) string {
	s = norm.NFKC.String(s)
	return strings.Join(strings.Fields(s), " ")
}

// Fold returns the comparison key of s: NFC, case and accents folded, ’ → ',
// dashes → -, white space collapsed. Two labels are "the same" when their
// folds are equal (records.md §4, matching).
func Fold(s string) string {
	// Most labels, identifiers and e-mails are ASCII: fold them without the
	// Unicode transform chain, which allocates on every call.
	if out, ok := foldASCII(s); ok {
		return out
	}
	s = typographic.Replace(s)
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	out = strings.ReplaceAll(out, "œ", "oe")
	out = strings.ReplaceAll(out, "Œ", "OE")
	out = strings.ReplaceAll(out, "æ", "ae")
	out = strings.ReplaceAll(out, "Æ", "AE")
	return strings.ToLower(strings.Join(strings.Fields(out), " "))
}

// Letters returns the folded letters of s only (no digits, dots or spaces),
// as used by the shared-mailbox rule.
func Letters(s string) string {
	f := Fold(s)
	var b strings.Builder
	for _, r := range f {
		if unicode.IsLetter(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// NormalizePhone returns a French phone number in E.164 (« 03 80 44 10 21 » →
// « +33380441021 »), "" for an empty input, and ok=false when s is not a number.
func NormalizePhone(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	n, err := phonenumbers.Parse(s, "FR")
	if err != nil || !phonenumbers.IsPossibleNumber(n) {
		return "", false
	}
	return phonenumbers.Format(n, phonenumbers.E164), true
}

// NormalizeNumber returns a convention number as the record keeps it: spaces
// around « / » removed and a leading « N° » label dropped (« 06 / 2017 » →
// « 06/2017 », « N° 2019-014 » → « 2019-014 »).
func NormalizeNumber(s string) string {
	s = CleanText(s)
	for _, p := range []string{"N°", "n°", "No", "N o", "Nº", "nº"} {
		if strings.HasPrefix(s, p+" ") || strings.HasPrefix(s, p) && len(s) > len(p) && s[len(p)] >= '0' && s[len(p)] <= '9' {
			s = strings.TrimSpace(s[len(p):])
			break
		}
	}
	s = strings.ReplaceAll(s, " / ", "/")
	s = strings.ReplaceAll(s, " /", "/")
	s = strings.ReplaceAll(s, "/ ", "/")
	return s
}

// NormalizeSIRET strips spaces and dots from a printed SIRET.
func NormalizeSIRET(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else if !unicode.IsSpace(r) && r != '.' {
			return strings.TrimSpace(s) // keep as is: validation reports it
		}
	}
	return b.String()
}

// ValidSIRET reports whether s is 14 digits passing the Luhn check. La Poste's
// establishments (SIREN 356000000) use a digit-sum rule instead, as INSEE does.
func ValidSIRET(s string) bool {
	if len(s) != 14 {
		return false
	}
	sum := 0
	for i := 0; i < 14; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return false
		}
		d := int(c - '0')
		if i%2 == 0 { // from the right, every second digit is doubled: positions 0,2,… from the left for 14 digits
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	if sum%10 == 0 {
		return true
	}
	if strings.HasPrefix(s, "356000000") {
		ds := 0
		for i := 0; i < 14; i++ {
			ds += int(s[i] - '0')
		}
		return ds%5 == 0
	}
	return false
}

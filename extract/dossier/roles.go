package dossier

import (
	"regexp"
	"strings"

	"habilitations/model"
)

// roleLabels are the function labels of the Annexe 1 tables (folded), with
// the role they give. A contact row starts with one of them; the person's
// name follows.
var roleLabels = []struct {
	re   *regexp.Regexp
	role string
}{
	{regexp.MustCompile(`^administrat(?:eur|rice)(?: (?:principal|principale|suppleant|suppleante|titulaire|adjoint|adjointe))?(?: \((?:principal|principale|suppleant|suppleante)\))?$`), model.RoleAdmin},
	{regexp.MustCompile(`^(?:gestionnaire (?:principal|principale|suppleant|suppleante)(?: des habilitations)?|suppleant|suppleante)$`), model.RoleAdmin},
	{regexp.MustCompile(`^(?:responsable (?:de la )?securite(?: des systemes d'information)?(?: \(rssi\))?|rssi)$`), model.RoleSecurity},
	{regexp.MustCompile(`^(?:(?:cil|correspondant(?:e)? informatique et libertes(?: \(cil\))?)(?: ou (?:referent(?:e)?|correspondant(?:e)?) informatique et libertes)?|referent(?:e)? informatique et libertes|(?:delegue(?:e)?|deleguee) a la protection des donnees(?: \(dpo\))?|dpo|cil ou dpo|dpo ou referent(?:e)? informatique et libertes|referent(?:e)? rgpd|delegue(?:e)? a la protection des donnees personnelles)$`), model.RolePrivacy},
}

// splitRole reads a contact cell « Responsable Sécurité Tony SCHNEIDER »:
// the role of its longest leading function label and the rest (the name).
// ok is false when the cell does not start with a known function label.
func splitRole(cell string) (role, name string, ok bool) {
	toks := strings.Fields(cell)
	for k := min(len(toks), 12); k >= 1; k-- {
		head := fold(strings.Join(toks[:k], " "))
		for _, rl := range roleLabels {
			if rl.re.MatchString(head) {
				return rl.role, cleanName(strings.Join(toks[k:], " ")), true
			}
		}
	}
	return "", "", false
}

// labelPhrases are the longer function labels as printed (folded): a line
// that is only the start of one (« Délégué à la protection des », the rest
// wrapped onto the next line) opens a contact row too.
var labelPhrases = []string{
	"administrateur principal", "administrateur suppleant", "administratrice principale", "administratrice suppleante",
	"responsable securite", "responsable de la securite", "responsable de la securite des systemes d'information",
	"cil ou referent informatique et libertes", "referent informatique et libertes", "referente informatique et libertes",
	"correspondant informatique et libertes", "delegue a la protection des donnees", "deleguee a la protection des donnees",
}

// startsLabel reports whether folded text f is the start of a function
// label cut by a wrap (at least two words, so that a lone « Responsable »
// of a name does not count).
func startsLabel(f string) bool {
	if len(strings.Fields(f)) < 2 {
		return false
	}
	for _, ph := range labelPhrases {
		if strings.HasPrefix(ph, f+" ") {
			return true
		}
	}
	return false
}

// roleWords are words of function labels that no person's name holds: a
// name with one of them is two rows run together, or a label not recognised.
var roleWords = map[string]bool{
	"administrateur": true, "administratrice": true, "suppleant": true, "suppleante": true, "responsable": true,
	"securite": true, "referent": true, "referente": true, "delegue": true, "deleguee": true, "protection": true,
	"donnees": true, "informatique": true, "libertes": true, "(dpo)": true, "dpo": true, "cil": true, "rssi": true,
	"correspondant": true, "correspondante": true, "rgpd": true, "administrateurs": true, "interlocuteurs": true,
}

// plausibleName reports whether a contact's name reads as one person's: no
// digit, no function-label word, and one run of capitalised surname words
// at most (« Tony SCHNEIDER Alain LAMBERT » is two rows run together; « LE
// GALL Marc-Antoine » is one name).
func plausibleName(name string) bool {
	if strings.ContainsAny(name, "0123456789@") {
		return false
	}
	runs, inRun := 0, false
	for _, w := range strings.Fields(name) {
		if roleWords[fold(w)] || strings.Contains(w, ".") && strings.ToLower(w) == w {
			return false // a function word, or a piece of an e-mail domain
		}
		upper := strings.ToUpper(w) == w && strings.ToLower(w) != w && len([]rune(w)) >= 2
		if upper && !inRun {
			runs++
		}
		inRun = upper
	}
	return runs <= 1
}

// splitRoleCells reads a contact whose function and name sit in separate
// cells, in either order (« Aline BOUCHARD | Administrateur »): the role of
// the cell that is only a function label, and the other cells as the name.
func splitRoleCells(cells []string) (role, name string, ok bool) {
	for i, c := range cells {
		r, rest, found := splitRole(c)
		if !found || rest != "" {
			continue
		}
		others := append(append([]string{}, cells[:i]...), cells[i+1:]...)
		return r, cleanName(strings.Join(others, " ")), true
	}
	return "", "", false
}

// cleanName drops a civility and stray punctuation around a person's name
// (« | » too: text recognition reads a table's rule as one).
func cleanName(s string) string {
	s = strings.Trim(strings.TrimSpace(s), ":–-—,;/| ")
	if m := reCivility.FindStringIndex(fold(s)); m != nil {
		s = strings.TrimSpace(cutRunes(s, len([]rune(fold(s)[:m[1]]))))
	}
	return s
}

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

// cleanName drops a civility and stray punctuation around a person's name.
func cleanName(s string) string {
	s = strings.Trim(strings.TrimSpace(s), ":–-—,;/ ")
	if m := reCivility.FindStringIndex(fold(s)); m != nil {
		s = strings.TrimSpace(cutRunes(s, len([]rune(fold(s)[:m[1]]))))
	}
	return s
}

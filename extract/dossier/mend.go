package dossier

import "strings"

// brokenWords are the words of Annexe 1's function labels and headings
// (folded) that a cell narrower than the word breaks in two, with no
// hyphen (« Administrateu » then « r »): the text layer then joins the two
// lines of the cell with a space. None of them is two words.
var brokenWords = map[string]bool{
	"administrateur": true, "administrateurs": true, "administratrice": true, "suppleant": true, "suppleante": true,
	"responsable": true, "securite": true, "referent": true, "referente": true, "informatique": true, "libertes": true,
	"correspondant": true, "correspondante": true, "delegue": true, "deleguee": true, "protection": true,
	"donnees": true, "fonction": true, "denomination": true, "interlocuteurs": true, "telephone": true,
}

// mendWords joins the two pieces of a label word broken by a narrow cell
// (« Administrateu r Mélanie VINCENT » → « Administrateur Mélanie
// VINCENT »): two neighbouring tokens whose concatenation is one of
// brokenWords, the first not being one itself.
func mendWords(c string) string {
	if !strings.Contains(c, " ") {
		return c
	}
	toks := strings.Fields(c)
	out := toks[:0:0]
	changed := false
	for i := 0; i < len(toks); i++ {
		if i+1 < len(toks) && !brokenWords[fold(toks[i])] && brokenWords[fold(toks[i]+toks[i+1])] {
			out = append(out, toks[i]+toks[i+1])
			i++
			changed = true
			continue
		}
		out = append(out, toks[i])
	}
	if !changed {
		return c
	}
	return strings.Join(out, " ")
}

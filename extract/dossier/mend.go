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

// mendAcrossLines joins a label broken at the end of a line of a table
// without rules, where the text layer cannot tell the cell's lines apart
// from the rows: a word cut in two (« Administrateu », then an e-mail's
// first piece, then « r Mélanie »), or a two-word function label one word
// a line (« Responsable » then « sécurité »). The lone piece is moved
// before the first token of the next line that is not e-mail or phone
// pieces, when together they make the word or the start of a label.
// ls[from:to] is one contact table.
func mendAcrossLines(ls []line, from, to int) {
	for i := from; i < to; i++ {
		f := ls[i].filled()
		if len(f) != 1 || strings.Contains(f[0], " ") {
			continue
		}
		// The piece and what it takes before the next line's first token: a
		// word's start is glued to it; a whole first word of a two-word
		// label (« Responsable » then « sécurité … ») joins with a space.
		var sep string
		switch w := fold(f[0]); {
		case !brokenWords[w] && startsBrokenWord(w):
		case firstLabelWord(w) && !labelOpen(ls, from, i):
			sep = " " // not the continuation of a label begun above (« CIL ou » / « référent »)
		default:
			continue
		}
		for j := i + 1; j < to && j <= i+3; j++ {
			if onlyPieces(ls[j]) {
				continue
			}
			cells := ls[j].filled()
			if len(cells) == 0 {
				break
			}
			head, _, _ := strings.Cut(cells[0], " ")
			joined := append([]string(nil), ls[j].cells...)
			for k, c := range joined {
				if c != "" {
					joined[k] = f[0] + sep + c
					break
				}
			}
			mended := newLine(joined, ls[j].page)
			if sep == "" && brokenWords[fold(f[0]+head)] || sep != "" && startsContact(mended) {
				ls[j] = mended
				ls[i] = newLine(nil, ls[i].page)
			}
			break
		}
	}
}

// startsBrokenWord reports whether folded s is the start of a word of
// brokenWords (at least four letters, so that a stray syllable is not).
func startsBrokenWord(s string) bool {
	if len(s) < 4 {
		return false
	}
	for w := range brokenWords {
		if strings.HasPrefix(w, s) {
			return true
		}
	}
	return false
}

// labelOpen reports whether the last line before i in ls[from:i] that is
// not empty nor e-mail or phone pieces starts a contact: a lone word at i
// then continues that label.
func labelOpen(ls []line, from, i int) bool {
	for k := i - 1; k >= from; k-- {
		if len(ls[k].filled()) == 0 || onlyPieces(ls[k]) {
			continue
		}
		return startsContact(ls[k])
	}
	return false
}

// firstLabelWord reports whether folded w begins one of labelPhrases (not a
// heading such as « Administrateurs »).
func firstLabelWord(w string) bool {
	for _, ph := range labelPhrases {
		if strings.HasPrefix(ph, w+" ") {
			return true
		}
	}
	return false
}

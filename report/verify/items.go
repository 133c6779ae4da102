package verify

import (
	"fmt"
	"strings"

	"habilitations/model"
)

// instructions tell the person who checks what to do, in the order of the
// work.
var instructions = []string{
	"Ce document a été lu par reconnaissance de caractères : les valeurs ci-dessous peuvent être fausses. " +
		"Tant qu'elles ne sont pas vérifiées, la convention est signalée « à vérifier » (ses quotas sont déjà pris en compte).",
	"Pour chaque ligne, comparer la valeur lue à l'extrait du scan (ou à la page indiquée du document original) et saisir " +
		"dans « Valeur vérifiée » la valeur telle qu'elle figure sur le document, même si elle est identique à la valeur lue. " +
		"Un quota vide sur le document s'écrit 0.",
	"Une ligne laissée vide reste à vérifier. Renseigner le nom et la date ci-dessus, enregistrer au format .xlsx, puis " +
		"déposer le classeur dans le dossier de dépôt (inbox) ou lancer « habilitations verify import ».",
}

// writeHead writes the title, the document and the cells for who checked.
func writeHead(s *sheet, st *styles, v model.Verification) {
	last := model.VerifColNote + 1
	for i, w := range widths {
		col := cellName(i+1, 1)
		s.do(s.f.SetColWidth(s.name, col[:len(col)-1], col[:len(col)-1], w))
	}
	s.merged(1, 1, last, "Vérification des valeurs lues sur un document scanné", st.title)
	s.do(s.f.SetRowHeight(s.name, 1, 24))
	kind := map[string]string{"dossier": "Dossier de convention", "bulletin": "Bulletin d'adhésion",
		model.KindAdminChange: "Annexe 3 (changement d'administrateur)"}[v.Record.Kind]
	pairs := [][2]string{
		{"Convention n°", v.Record.Convention.Number},
		{"Partenaire", v.Record.Convention.Partner.Name},
		{"Document", strings.TrimSpace(kind + " — fichier « " + v.DocumentName + " »")},
		{"Reçu le", frenchDate(v.ReceivedOn)},
		{"Empreinte du fichier", v.DocumentSHA},
	}
	for i, p := range pairs {
		s.merged(3+i, 1, 2, p[0], st.label)
		s.merged(3+i, 3, 6, p[1], st.value)
	}
	for i, l := range []string{"Vérifié par (nom, fonction)", "Le (JJ/MM/AAAA)"} {
		s.merged(8+i, 1, 2, l, st.label)
		s.merged(8+i, 3, 6, "", st.input)
	}
	s.merged(10, 1, last, strings.Join(instructions, "\n"), st.note)
	s.do(s.f.SetRowHeight(s.name, 10, 78))
}

// writeItems writes the table: one row per value to verify, sealed, with
// its picture and the cells to fill.
func writeItems(s *sheet, st *styles, v model.Verification, seal *model.ReviewSealer) {
	hr := model.VerificationHeaderRow
	for i, h := range model.VerificationColumns {
		s.set(i+1, hr, h, st.header)
	}
	s.do(s.f.SetRowHeight(s.name, hr, 30))
	for i, it := range v.Items {
		row := hr + 1 + i
		cells := model.VerificationCells(v.Record, i+1, it)
		for c, text := range cells {
			style := st.wrap
			if c == 0 || c == 3 || c == 4 {
				style = st.text
			}
			s.set(c+1, row, text, style)
		}
		s.set(model.VerifColPicture+1, row, "", st.value)
		h := s.picture(model.VerifColPicture+1, row, it.Picture, itemAlt(v.Record, it))
		if h == 0 {
			s.set(model.VerifColPicture+1, row, noPicture(it), st.wrap)
		}
		h = max(h, textHeight(cells))
		s.set(model.VerifColChecked+1, row, "", st.input)
		s.set(model.VerifColNote+1, row, "", st.input)
		s.set(model.VerifColField+1, row, it.Field, st.value)
		s.set(model.VerifColControl+1, row, seal.ControlCells(v.WorkbookID, it.Field, cells), st.value)
		s.do(s.f.SetRowHeight(s.name, row, min(409, max(h, 30))))
	}
}

// textHeight is the height, in points, that the wrapped generated cells of
// a row need (about 13 points a line at the column widths of widths).
func textHeight(cells []string) float64 {
	lines := 1
	for c, text := range cells {
		per := int(widths[c] * 1.1) // characters a line holds, roughly
		n := 0
		for _, l := range strings.Split(text, "\n") {
			n += 1 + len([]rune(l))/max(per, 1)
		}
		lines = max(lines, n)
	}
	return float64(lines)*13 + 6
}

// noPicture says where to look when no region of the scan could be shown.
func noPicture(it model.ToVerify) string {
	if it.Page > 0 {
		return fmt.Sprintf("(pas d'extrait : voir la page %d du document)", it.Page)
	}
	return "(valeur introuvable sur le scan : la rechercher dans le document)"
}

func frenchDate(d model.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format("02/01/2006")
}

package review

import (
	"context"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"habilitations/model"
)

// column names a column of « Habilitations » for messages: O « Décision ».
func column(i int) string {
	l, _ := excelize.ColumnNumberToName(i + 1)
	return l + " « " + model.ReviewColumns[i] + " »"
}

// readRows reads « Habilitations » and checks every row.
func readRows(ctx context.Context, f *excelize.File, res *Result, lim Limits, seal *model.ReviewSealer) ([]Problem, error) {
	sh := model.ReviewSheetRows
	it, err := f.Rows(sh)
	if err != nil {
		return []Problem{{Sheet: sh, Msg: "onglet absent : renvoyer le classeur tel qu'il a été reçu."}}, nil
	}
	defer it.Close()
	var probs []Problem
	add := func(row, col int, format string, args ...any) {
		p := Problem{Sheet: sh, Row: row, Msg: fmt.Sprintf(format, args...)}
		if col >= 0 {
			p.Column = column(col)
		}
		probs = append(probs, p)
	}
	seen := map[string]int{}
	n := 0
	for it.Next() {
		n++
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if lim.MaxRows > 0 && n > lim.MaxRows+1 {
			return nil, fmt.Errorf("sheet %s: more than %d rows", sh, lim.MaxRows)
		}
		cols, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("sheet %s, row %d: %w", sh, n, err)
		}
		if n == 1 {
			for i, h := range model.ReviewColumns {
				if i >= len(cols) || strings.TrimSpace(cols[i]) != h {
					add(1, i, "l'en-tête « %s » a été modifié ou déplacé : renvoyer le classeur tel qu'il a été reçu.", h)
					return probs, nil
				}
			}
			continue
		}
		get := func(i int) string {
			if i < len(cols) {
				return strings.TrimSpace(cols[i])
			}
			return ""
		}
		if isBlank(cols) {
			continue
		}
		key, control := get(model.ReviewColKey), get(model.ReviewColControl)
		// Protected cells are compared in the writer's canonical form,
		// never trimmed: a partner's export often has unit labels and
		// names with spaces at either end or doubled.
		var cells [model.ReviewProtectedCount]string
		for i := range cells {
			if i < len(cols) {
				cells[i] = model.ReviewCellText(cols[i])
			}
		}
		cells[model.ReviewColCreated] = canonicalDate(cells[model.ReviewColCreated])
		cells[model.ReviewColLastLogin] = canonicalDate(cells[model.ReviewColLastLogin])
		if key == "" {
			add(n, -1, "ligne ajoutée : elle ne figure pas dans le classeur envoyé par la Caf. La supprimer.")
			continue
		}
		foreign, edited := seal.Check(res.WorkbookID, key, cells, control)
		if foreign {
			add(n, -1, "ligne étrangère à ce classeur (copiée d'un autre classeur ou modifiée) : la supprimer.")
			continue
		}
		if first, dup := seen[key]; dup {
			add(n, -1, "ligne en double de la ligne %d : la supprimer.", first)
			continue
		}
		seen[key] = n
		for _, c := range edited {
			add(n, c, "cellule protégée modifiée : remettre la valeur d'origine (seules les colonnes Décision, Nouveau profil, Justification et Commentaire se remplissent).")
		}
		d, rowProbs := decide(n, cells, get)
		probs = append(probs, rowProbs...)
		d.Key, d.Convention, d.Row = key, res.Convention, n
		res.Decisions = append(res.Decisions, d)
	}
	if err := it.Error(); err != nil {
		return nil, fmt.Errorf("sheet %s: %w", sh, err)
	}
	if n == 0 {
		add(0, -1, "onglet vide : renvoyer le classeur tel qu'il a été reçu.")
	}
	if missing := res.Rows - len(seen); missing > 0 {
		add(0, -1, "%d %s du classeur envoyé %s : renvoyer le classeur complet.", missing,
			plural(missing, "ligne", "lignes"), plural(missing, "a été supprimée", "ont été supprimées"))
	}
	return probs, nil
}

// decide reads the reviewer's columns of one row and checks them against the
// recommendation.
func decide(n int, cells [model.ReviewProtectedCount]string, get func(int) string) (model.ReviewDecision, []Problem) {
	sh := model.ReviewSheetRows
	var probs []Problem
	add := func(col int, format string, args ...any) {
		probs = append(probs, Problem{Sheet: sh, Row: n, Column: column(col), Msg: fmt.Sprintf(format, args...)})
	}
	p, _ := model.ParseProfile(cells[6])
	verdict, _ := model.ParseVerdict(cells[model.ReviewColVerdict])
	d := model.ReviewDecision{Account: cells[0], LastName: cells[1], FirstName: cells[2], Email: cells[3], Unit: cells[4],
		Service: cells[5], Profile: p, Recommendation: verdict, RecommendationReason: cells[13],
		Justification: model.CleanText(get(model.ReviewColJustification)), Comment: model.CleanText(get(model.ReviewColComment))}
	raw := get(model.ReviewColDecision)
	dec, ok := model.ParseDecision(raw)
	switch {
	case raw == "":
		add(model.ReviewColDecision, "décision manquante : choisir Maintenir, Supprimer, Modifier le profil ou Ne sait pas.")
	case !ok:
		add(model.ReviewColDecision, "valeur « %s » inconnue : choisir Maintenir, Supprimer, Modifier le profil ou Ne sait pas.", raw)
	}
	d.Decision = dec
	rawProfile := get(model.ReviewColNewProfile)
	np, npOK := model.ParseProfile(rawProfile)
	switch {
	case dec == model.DecisionChangeProfile && rawProfile == "":
		add(model.ReviewColNewProfile, "nouveau profil manquant pour « Modifier le profil » : choisir T1, T2, T4, T5 ou T13.")
	case rawProfile != "" && !npOK:
		add(model.ReviewColNewProfile, "profil « %s » inconnu : choisir T1, T2, T4, T5 ou T13.", rawProfile)
	case dec == model.DecisionChangeProfile && np == p:
		add(model.ReviewColNewProfile, "le nouveau profil est le profil actuel (%s) : choisir un autre profil ou la décision « Maintenir ».", p)
	case ok && dec != model.DecisionChangeProfile && rawProfile != "":
		add(model.ReviewColNewProfile, "nouveau profil renseigné alors que la décision est « %s » : l'effacer ou choisir « Modifier le profil ».", dec)
	}
	if dec == model.DecisionChangeProfile {
		d.NewProfile = np
	}
	if ok && model.NeedsJustification(verdict, dec) && d.Justification == "" {
		add(model.ReviewColJustification, "justification obligatoire : la décision « %s » s'écarte de la recommandation « %s » de la Caf.", dec, verdict)
	}
	return d, probs
}

// canonicalDate turns a date cell read raw (a serial number) into ISO, and
// « jamais » into "", as model.ReviewCells writes them; anything else is
// kept so that the control sees the change.
func canonicalDate(v string) string {
	if v == model.ReviewNever {
		return ""
	}
	if strings.ContainsAny(v, "/ -") || v == "" {
		return v
	}
	if d, ok := CellDate(v); ok {
		return d.String()
	}
	return v
}

func isBlank(cols []string) bool {
	for _, c := range cols {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func plural(n int, one, many string) string {
	if n > 1 {
		return many
	}
	return one
}

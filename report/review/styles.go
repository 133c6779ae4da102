package review

import (
	"github.com/xuri/excelize/v2"

	"habilitations/model"
)

// styles are the cell styles of the review workbooks, created once per file.
type styles struct {
	title, subtitle, label, value, header, text, wrap, date, dateRed, number, input, inputDate, note int
	verdict                                                                                          map[model.Verdict]int
	quota                                                                                            map[model.QuotaState]int
	state                                                                                            map[string]int
}

// Colours: header dark blue; green, amber and red fills for the statuses.
const (
	colHeader = "1F4E78"
	colGreen  = "C6EFCE"
	colAmber  = "FFEB9C"
	colRed    = "FFC7CE"
	colInput  = "FFF2CC"
	colGrey   = "F2F2F2"
)

func border() []excelize.Border {
	var b []excelize.Border
	for _, t := range []string{"left", "right", "top", "bottom"} {
		b = append(b, excelize.Border{Type: t, Color: "BFBFBF", Style: 1})
	}
	return b
}

func fill(c string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}}
}

func newStyles(f *excelize.File) (*styles, error) {
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	dateFmt := "dd/mm/yyyy"
	st := &styles{
		title:     mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Color: colHeader}}),
		subtitle:  mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: colHeader}}),
		label:     mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill(colGrey), Border: border(), Alignment: top}),
		value:     mk(&excelize.Style{Border: border(), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true, Horizontal: "left"}}),
		header:    mk(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: fill(colHeader), Border: border(), Alignment: &excelize.Alignment{Vertical: "center", Horizontal: "center", WrapText: true}}),
		text:      mk(&excelize.Style{Border: border(), Alignment: &excelize.Alignment{Vertical: "top"}}),
		wrap:      mk(&excelize.Style{Border: border(), Alignment: top}),
		date:      mk(&excelize.Style{Border: border(), CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}}),
		dateRed:   mk(&excelize.Style{Border: border(), Fill: fill(colRed), Font: &excelize.Font{Bold: true}, CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}}),
		number:    mk(&excelize.Style{Border: border(), Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}}),
		input:     mk(&excelize.Style{Border: border(), Fill: fill(colInput), Alignment: top, Protection: &excelize.Protection{Locked: false}}),
		inputDate: mk(&excelize.Style{Border: border(), Fill: fill(colInput), CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}, Protection: &excelize.Protection{Locked: false}}),
		note:      mk(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "404040"}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}),
	}
	verdict := func(c string) int {
		return mk(&excelize.Style{Border: border(), Fill: fill(c), Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}})
	}
	st.verdict = map[model.Verdict]int{model.VerdictKeep: verdict(colGreen), model.VerdictCheck: verdict(colAmber), model.VerdictRemove: verdict(colRed)}
	st.quota = map[model.QuotaState]int{model.QuotaWithin: verdict(colGreen), model.QuotaFull: verdict(colAmber),
		model.QuotaExceeded: verdict(colRed), model.QuotaNotAuthorised: verdict(colRed)}
	st.state = map[string]int{string(model.ActionApplied): verdict(colGreen), string(model.ActionPartlyApplied): verdict(colAmber),
		string(model.ActionNotApplied): verdict(colRed)}
	return st, err
}

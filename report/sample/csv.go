package sample

import (
	"encoding/csv"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"habilitations/model"
)

// ExportHeader is the header of a user export, in the order of records.md §3.
var ExportHeader = []string{"Identifiant", "Nom", "Prénom", "Adresse mél", "Organisme", "SIRET", "Structure",
	"Service", "Profil", "Rôle", "Statut", "Date de création", "Dernière connexion"}

// exportDate prints a date as the partner's tool does: JJ/MM/AAAA, "" for none.
func exportDate(d model.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format("02/01/2006")
}

func exportRecord(h model.Habilitation) []string {
	return []string{h.Account, h.LastName, h.FirstName, h.Email, h.Organisme, h.SIRET, h.Unit, h.Service,
		string(h.Profile), h.Role, h.Status, exportDate(h.Created), exportDate(h.LastLogin)}
}

// WriteExportCSV writes rows as the partner's tool exports them: UTF-8 with
// BOM, « ; » separated, CRLF line ends, the headers of records.md §3.
func WriteExportCSV(w io.Writer, rows []model.Habilitation) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return fmt.Errorf("write export csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	if err := cw.Write(ExportHeader); err != nil {
		return fmt.Errorf("write export csv: %w", err)
	}
	for _, h := range rows {
		if err := cw.Write(exportRecord(h)); err != nil {
			return fmt.Errorf("write export csv: row %s: %w", h.Account, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write export csv: %w", err)
	}
	return nil
}

// WriteExportXLSX writes rows as one sheet « Habilitations » of an XLSX
// workbook with the same columns, streamed (large exports stay small in memory).
func WriteExportXLSX(w io.Writer, rows []model.Habilitation) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Habilitations"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return fmt.Errorf("write export xlsx: %w", err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("write export xlsx: %w", err)
	}
	// Widths (in characters) so that the sheet reads without resizing.
	for i, w := range []float64{11, 16, 13, 30, 34, 16, 30, 8, 7, 24, 10, 15, 17} {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return fmt.Errorf("write export xlsx: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("write export xlsx: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "Calibri", Size: 11}})
	if err != nil {
		return fmt.Errorf("write export xlsx: %w", err)
	}
	toRow := func(vals []string) []any {
		out := make([]any, len(vals))
		for i, v := range vals {
			out[i] = v
		}
		return out
	}
	header := make([]any, len(ExportHeader))
	for i, h := range ExportHeader {
		header[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return fmt.Errorf("write export xlsx: %w", err)
	}
	for i, h := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, toRow(exportRecord(h))); err != nil {
			return fmt.Errorf("write export xlsx: row %s: %w", h.Account, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("write export xlsx: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("write export xlsx: %w", err)
	}
	return nil
}

package jobs

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"habilitations/extract/export"
	"habilitations/jobs/store"
	"habilitations/model"
)

// export takes a new file of the exports folder: a duplicate, an export
// (archived, with the partners it covers) or a rejection.
func (in *intake) export(ctx context.Context, f dropped, data []byte, rc store.Receipt) (string, error) {
	if e, err := in.st.Export(ctx, rc.SHA256); err == nil {
		what := fmt.Sprintf("enregistré (%d lignes)", e.Rows)
		if e.Outcome == store.OutcomeRejected {
			what = "rejeté pour le motif suivant : " + e.Message
		}
		return in.duplicate(ctx, f, data, rc, e.Name, e.ReceivedAt, what)
	} else if !errors.Is(err, store.ErrNotFound) {
		return "", err
	}
	name := safeName(f.Rel)
	e := store.Export{SHA256: rc.SHA256, Name: f.Rel, ReceivedAt: rc.ReceivedAt, ModifiedAt: timeNS(f.MtimeNS), Size: f.Size}
	var readErr error
	if data == nil {
		readErr = fmt.Errorf("%w: %d bytes", export.ErrTooLarge, f.Size)
	} else {
		partners := map[string]*store.ExportPartner{}
		var keys store.PartnerKeys
		sum, err := export.Read(ctx, name, bytes.NewReader(data), export.Options{}, func(h model.Habilitation) error {
			k := keys.Key(h.SIRET, h.Organisme)
			p := partners[k]
			if p == nil {
				p = &store.ExportPartner{Key: k, SIRET: h.SIRET, Organisme: h.Organisme}
				partners[k] = p
			}
			p.Rows++
			return nil
		})
		readErr = err
		e.Format, e.Rows, e.RowErrors = sum.Format, sum.Rows, sum.RowErrorCount
		for _, p := range partners {
			e.Partners = append(e.Partners, *p)
		}
		slices.SortFunc(e.Partners, func(a, b store.ExportPartner) int { return cmp.Compare(a.Key, b.Key) })
	}
	if readErr == nil {
		e.Outcome, e.StoredPath = store.OutcomeExport, ArchivePath(rc.SHA256, "."+cmp.Or(e.Format, "csv"))
		if err := in.dd.keep(e.StoredPath, data); err != nil {
			return "", err
		}
		rc.Outcome, rc.StoredPath = e.Outcome, e.StoredPath
		if err := in.st.SaveExport(ctx, e, rc); err != nil {
			return "", err
		}
		in.sum.Exports++
		return e.Outcome, nil
	}
	e.Outcome, e.Partners = store.OutcomeRejected, nil
	e.Message = export.French(readErr) + " Déposer de nouveau l'export complet des habilitations du partenaire, " +
		"tel que produit par son outil de gestion, au format CSV ou XLSX."
	if err := in.reject(f, data, rc.SHA256, &e.StoredPath, motif(f.Rel, rc.ReceivedAt, e.Message, rc.SHA256)); err != nil {
		return "", err
	}
	rc.Outcome, rc.StoredPath = store.OutcomeRejected, e.StoredPath
	if err := in.st.SaveExport(ctx, e, rc); err != nil {
		return "", err
	}
	in.sum.ExportsRejected++
	return e.Outcome, nil
}

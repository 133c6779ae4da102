package jobs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"habilitations/extract/ocr"
	"habilitations/jobs/store"
	"habilitations/model"
)

// pdf takes a new file of the inbox: a duplicate of a content already seen,
// a record (archived) or a rejection (rejected/ with its motif).
func (in *intake) pdf(ctx context.Context, f dropped, data []byte, rc store.Receipt) (string, error) {
	if doc, err := in.st.Document(ctx, rc.SHA256); err == nil {
		what := "enregistré et archivé"
		if doc.Outcome == store.OutcomeRejected {
			what = "rejeté pour le motif suivant : " + doc.Message
		}
		return in.duplicate(ctx, f, data, rc, doc.Name, doc.ReceivedAt, what)
	} else if !errors.Is(err, store.ErrNotFound) {
		return "", err
	}
	name := safeName(f.Rel)
	var rec model.Record
	var rej *model.Rejection
	switch {
	case data == nil:
		r := model.Rejection{File: name, Reason: model.ReasonCorrupt, Message: fmt.Sprintf("Le fichier est trop volumineux "+
			"(%d Mo ; au plus %d Mo) pour être lu. Vérifier qu'il s'agit bien du dossier de convention signé et le déposer "+
			"dans une version plus légère.", f.Size>>20, in.opts.MaxBytes>>20)}
		rej = &r
	case !looksPDF(data) && ocr.SniffImage(data) == "" && displayExt(f.Rel) != ".pdf":
		r := model.Rejection{File: name, Reason: model.ReasonNotPDF, Message: fmt.Sprintf("Le fichier n'est pas un document PDF "+
			"ni une image (%s). Seuls les conventions et bulletins d'adhésion signés, en PDF ou numérisés (JPEG, PNG, TIFF), "+
			"et les classeurs de revue remplis (.xlsx) sont lus : déposer le document dans l'un de ces formats.", describeExt(f.Rel))}
		rej = &r
	default:
		var err error
		rec, err = in.extract(ctx, name, data, rc.SHA256)
		if err == nil && rec.Kind == model.KindAdminChange {
			if err = in.knownConvention(ctx, &rec); err != nil && !errors.Is(err, model.ErrUnknownConvention) {
				return "", err // the store failed: not the file's fault
			}
		}
		if err != nil {
			if in.parent.Err() != nil {
				// Interrupted meanwhile (Ctrl-C also reaches an extraction
				// worker): the failure says nothing of the file, which stays
				// in the inbox for the next run.
				return "", in.parent.Err()
			}
			r := model.NewRejection(name, err)
			rej = &r
		}
	}
	doc := store.Document{SHA256: rc.SHA256, Name: f.Rel, ReceivedAt: rc.ReceivedAt, Size: f.Size}
	if rej == nil {
		doc.Outcome, doc.StoredPath = store.OutcomeRecord, ArchivePath(rc.SHA256, ".pdf")
		if err := in.dd.keep(doc.StoredPath, data); err != nil {
			return "", err
		}
		rc.Outcome, rc.StoredPath = doc.Outcome, doc.StoredPath
		if err := in.st.SaveDocument(ctx, doc, &rec, rc); err != nil {
			return "", err
		}
		in.sum.Archived++
		if rec.Source.PagesOCR > 0 {
			in.sum.Scanned++
		}
		if rec.NeedsVerification() {
			in.sum.ToVerify = append(in.sum.ToVerify, rec.Convention.Number)
		}
		return doc.Outcome, nil
	}
	doc.Outcome, doc.Reason, doc.Message = store.OutcomeRejected, rej.Reason, rej.Message
	if err := in.reject(f, data, rc.SHA256, &doc.StoredPath, motif(f.Rel, rc.ReceivedAt, rej.Message, rc.SHA256)); err != nil {
		return "", err
	}
	rc.Outcome, rc.StoredPath = doc.Outcome, doc.StoredPath
	if err := in.st.SaveDocument(ctx, doc, nil, rc); err != nil {
		return "", err
	}
	in.sum.Rejected++
	return doc.Outcome + ":" + string(rej.Reason), nil
}

// knownConvention checks that a returned Annexe 3 form is for a convention
// the store knows, and gives its record the store's number and partner
// name (the convention's records are grouped by number).
func (in *intake) knownConvention(ctx context.Context, rec *model.Record) error {
	num, partner, ok, err := in.st.KnownConvention(ctx, rec.Convention.Number)
	if err != nil {
		return err
	}
	if !ok {
		return &model.UnknownConventionError{Number: rec.Convention.Number}
	}
	rec.Convention.Number, rec.Convention.Partner.Name = num, partner
	return nil
}

// reject writes the original to rejected/ (name kept, made safe and unique)
// with its motif beside it, and sets *stored to its path.
func (in *intake) reject(f dropped, data []byte, sha string, stored *string, motif string) error {
	name := safeName(f.Rel)
	if data == nil {
		// Too large to compare contents: the hash-suffixed name is unique.
		*stored = in.dd.freeName(DirRejected, name, nil, sha)
		if err := in.dd.keepFile(*stored, f.Path, f.Size); err != nil {
			return err
		}
	} else {
		*stored = in.dd.freeName(DirRejected, name, data, sha)
		if err := in.dd.keep(*stored, data); err != nil {
			return err
		}
	}
	return in.dd.keep(*stored+".motif.txt", []byte(motif))
}

// duplicate keeps a second copy of a content already taken in
// archive/duplicates/, under a name derived from the file's identity (so a
// repeated run after a crash writes the same path), with a note.
func (in *intake) duplicate(ctx context.Context, f dropped, data []byte, rc store.Receipt, firstName string, firstAt time.Time, what string) (string, error) {
	id := sha256Hex([]byte(fmt.Sprintf("%s|%s|%d|%d|%d", rc.Folder, f.Rel, f.Size, f.MtimeNS, f.CtimeNS)))[:8]
	rc.Outcome = store.OutcomeDuplicate
	rc.StoredPath = DirDuplicates + "/" + rc.SHA256[:12] + "-" + id + "-" + safeName(f.Rel)
	var err error
	if data == nil {
		err = in.dd.keepFile(rc.StoredPath, f.Path, f.Size)
	} else {
		err = in.dd.keep(rc.StoredPath, data)
	}
	if err != nil {
		return "", err
	}
	note := fmt.Sprintf("Fichier : %s\nReçu le : %s\n\nCe fichier est identique (même contenu) à « %s », reçu le %s et déjà %s.\n"+
		"Ce second exemplaire n'a pas été traité une nouvelle fois ; aucune action n'est nécessaire.\n\nEmpreinte SHA-256 : %s\n",
		f.Rel, frenchTime(rc.ReceivedAt), firstName, frenchTime(firstAt), what, rc.SHA256)
	if err := in.dd.keep(rc.StoredPath+".motif.txt", []byte(note)); err != nil {
		return "", err
	}
	if err := in.st.SaveDuplicate(ctx, rc); err != nil {
		return "", err
	}
	in.sum.Duplicates++
	return rc.Outcome, nil
}

// motif is the French text of rejected/<name>.motif.txt: what is wrong and
// what to do.
func motif(name string, at time.Time, message, sha string) string {
	return fmt.Sprintf("Fichier : %s\nReçu le : %s\n\nMotif du rejet : %s\n\nEmpreinte SHA-256 : %s\n", name, frenchTime(at), message, sha)
}

func frenchTime(t time.Time) string {
	return t.Local().Format("02/01/2006 à 15:04")
}

// looksPDF reports whether data starts with the PDF header (after the few
// bytes of junk some producers put first).
func looksPDF(data []byte) bool {
	head := data[:min(len(data), 1024)]
	return bytes.Contains(head, []byte("%PDF-"))
}

func describeExt(rel string) string {
	if e := displayExt(rel); e != "" {
		return "extension « " + e + " »"
	}
	return "sans extension"
}

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"habilitations/jobs"
	"habilitations/model"
)

func formsCommand() command {
	return command{name: "forms", summary: "write a pre-filled Annexe 3 administrator-change form ('forms admin-change')", run: runFormsCmd}
}

// adminChangeOptions are the options of runAdminChange.
type adminChangeOptions struct {
	dataDir    string // read the record from this data directory's store
	recordFile string // or from this record JSON file
	out        string
	convention string
	form       model.AdminChange
}

const adminChangeSynopsis = `admin-change --convention N --name "Prénom NOM" [--function F] [--phone P] [--mobile M] [--email E]
       [--replaces NAME] [--replaces-email E] [--data DIR | --record FILE.json] [--out FILE.pdf]`

func runFormsCmd(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "admin-change" {
		fmt.Fprintf(e.stderr, "Usage: habilitations forms %s\n", adminChangeSynopsis)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return errHelp
		}
		return usageError{errors.New("expected the form to write: admin-change")}
	}
	fs := newFlagSet("forms", adminChangeSynopsis, e)
	var f dataFlags
	f.register(fs)
	var o adminChangeOptions
	fs.StringVar(&o.convention, "convention", "", "convention number `N` (e.g. 06/2017)")
	fs.StringVar(&o.form.Name, "name", "", "first name and LAST NAME of the administrator to appoint")
	fs.StringVar(&o.form.Function, "function", "", "their function")
	fs.StringVar(&o.form.Phone, "phone", "", "their fixed phone number")
	fs.StringVar(&o.form.Mobile, "mobile", "", "their mobile phone number")
	fs.StringVar(&o.form.Email, "email", "", "their personal, individual e-mail")
	fs.StringVar(&o.form.ReplacesName, "replaces", "", "the administrator they replace (ticks « oui »)")
	fs.StringVar(&o.form.ReplacesEmail, "replaces-email", "", "the e-mail of the administrator replaced (default: from Annexe 1)")
	fs.StringVar(&o.recordFile, "record", "", "read the convention from this record JSON `FILE` instead of the data directory")
	fs.StringVar(&o.out, "out", "", "write the PDF to `FILE` (default annexe3-<convention>.pdf)")
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	if o.convention == "" || o.form.Name == "" {
		return usageError{errors.New("--convention and --name are required")}
	}
	if o.recordFile == "" {
		cfg, err := f.config(e)
		if err != nil {
			return err
		}
		o.dataDir = cfg.DataDir
	}
	return runAdminChange(ctx, e, o)
}

func runAdminChange(ctx context.Context, e *env, o adminChangeOptions) error {
	rec, err := adminChangeRecord(ctx, o)
	if err != nil {
		return err
	}
	form, err := jobs.AdminChangeOnDemand(rec, o.form)
	if err != nil {
		return usageError{err}
	}
	out := o.out
	if out == "" {
		out = jobs.AdminChangeFileName(rec.Convention.Number)
	}
	if err := jobs.WriteAdminChangeFile(out, form); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Annexe 3 form written: %s\n", out)
	return nil
}

// adminChangeRecord finds the convention in the record file or the store.
func adminChangeRecord(ctx context.Context, o adminChangeOptions) (model.Record, error) {
	number := model.NormalizeNumber(o.convention)
	if o.recordFile != "" {
		b, err := os.ReadFile(o.recordFile)
		if err != nil {
			return model.Record{}, err
		}
		var rec model.Record
		if err := json.Unmarshal(b, &rec); err != nil {
			return model.Record{}, fmt.Errorf("%s: not a record JSON: %w", o.recordFile, err)
		}
		if rec.Convention.Number != number {
			return model.Record{}, fmt.Errorf("%s: convention %s, not %s", o.recordFile, rec.Convention.Number, number)
		}
		return rec, nil
	}
	st, err := openStoreRead(ctx, o.dataDir)
	if err != nil {
		return model.Record{}, err
	}
	defer st.Close()
	recs, err := st.EffectiveRecords(ctx)
	if err != nil {
		return model.Record{}, err
	}
	for _, r := range recs {
		if r.Convention.Number == number {
			return r, nil
		}
	}
	return model.Record{}, fmt.Errorf("convention %s: not found in %s", number, o.dataDir)
}

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"habilitations/jobs"
	"habilitations/model"
)

func campaignCommand() command {
	return command{name: "campaign", summary: "the review campaign: state of every convention; 'campaign sent' records a formal notice posted", run: runCampaignCmd}
}

// campaignOptions are the options of runCampaign.
type campaignOptions struct {
	cfg  jobs.Config
	asOf model.Date
	json bool
}

func runCampaignCmd(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "sent" {
		return runCampaignSentCmd(ctx, e, args[1:])
	}
	fs := newFlagSet("campaign", "[--data DIR] [--config FILE] [--as-of YYYY-MM-DD] [--json]\n"+
		"       habilitations campaign sent --convention N [--letter FILE] --date YYYY-MM-DD [--received YYYY-MM-DD]", e)
	var f dataFlags
	f.register(fs)
	asOf := fs.String("as-of", "", "reference `date` (YYYY-MM-DD) of the days late and ages; default today")
	asJSON := fs.Bool("json", false, "print the campaign lines as JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	cfg, err := f.config(e)
	if err != nil {
		return err
	}
	o := campaignOptions{cfg: cfg, json: *asJSON}
	if o.asOf, err = dateFlag("--as-of", *asOf); err != nil {
		return err
	}
	return runCampaign(ctx, e, o)
}

func runCampaign(ctx context.Context, e *env, o campaignOptions) error {
	st, err := openStoreRead(ctx, o.cfg.DataDir)
	if err != nil {
		return err
	}
	defer st.Close()
	if o.asOf.IsZero() {
		o.asOf = model.DateOf(time.Now().In(o.cfg.Location()))
	}
	lines, err := jobs.CampaignView(ctx, st, o.asOf, o.cfg)
	if err != nil {
		return err
	}
	if !o.json {
		return jobs.WriteCampaignTable(e.stdout, lines)
	}
	if lines == nil {
		lines = []jobs.CampaignLine{}
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(lines)
}

func runCampaignSentCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet("campaign sent", "--convention N [--letter FILE] --date YYYY-MM-DD [--received YYYY-MM-DD] [--data DIR] [--config FILE]", e)
	var f runFlags
	f.register(fs)
	conv := fs.String("convention", "", "the convention `N` whose formal notice was posted (e.g. 06/2017)")
	letter := fs.String("letter", "", "the letter `file` (its path or name), when the convention has several notices")
	sent := fs.String("date", "", "the `date` the registered letter was posted (YYYY-MM-DD): the month runs from it")
	received := fs.String("received", "", "the `date` of the acknowledgement of receipt, when known: the month runs from it instead")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *conv == "" || *sent == "" {
		return usageError{errors.New("--convention and --date are required")}
	}
	o, err := f.options(e)
	if err != nil {
		return err
	}
	n := jobs.NoticeSentOptions{Convention: *conv, Letter: *letter}
	if n.Sent, err = dateFlag("--date", *sent); err != nil {
		return err
	}
	if n.Received, err = dateFlag("--received", *received); err != nil {
		return err
	}
	path, ends, err := jobs.RecordNoticeSent(ctx, o, n)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Formal notice %s: sent on %s; without effect, the convention is terminated as of right from %s (to be recorded by the Caf).\n",
		path, n.Sent, ends)
	return nil
}

// dateFlag reads an optional YYYY-MM-DD flag value ("" is the zero date).
func dateFlag(name, v string) (model.Date, error) {
	if v == "" {
		return model.Date{}, nil
	}
	d, err := model.ParseISODate(v)
	if err != nil {
		return d, usageError{fmt.Errorf("%s: %w", name, err)}
	}
	return d, nil
}

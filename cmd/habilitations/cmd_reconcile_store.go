package main

import (
	"context"

	"habilitations/jobs"
	"habilitations/model"
	"habilitations/report/breach"
)

// runReconcileStore is `habilitations reconcile --data DIR [--as-of DATE]
// [--json]`: the store's effective records and current exports are
// reconciled under the data directory lock, the findings saved with the new
// and resolved ones, and the breach reports written to reports/<date>/
// (--out does not apply). --json prints the findings JSON of records.md §4;
// otherwise the run summary. Threshold flags left at their defaults take the
// configuration's values.
func runReconcileStore(ctx context.Context, e *env, o reconcileOptions) error {
	cf := configFlags{data: o.dataDir}
	cfg, err := cf.load(e)
	if err != nil {
		return err
	}
	def := model.DefaultReconcileSettings()
	if o.settings.DormantDays != def.DormantDays {
		cfg.Reconcile.DormantDays = o.settings.DormantDays
	}
	if o.settings.MailboxMinPart != def.MailboxMinPart {
		cfg.Reconcile.MailboxMinPart = o.settings.MailboxMinPart
	}
	rep, fs, err := jobs.ReconcileOnce(ctx, jobs.RunOptions{Config: cfg, AsOf: o.asOf, Log: e.log})
	if err != nil {
		return err
	}
	if !o.json {
		return rep.WriteSummary(e.stdout)
	}
	return breach.WriteFindingsJSON(e.stdout, fs)
}

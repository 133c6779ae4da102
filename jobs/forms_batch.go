package jobs

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"

	"golang.org/x/sync/errgroup"

	"habilitations/jobs/store"
	"habilitations/model"
	"habilitations/report/forms"
)

// formsPerBatch is how many forms are put in place at once: each batch ends
// with one sync of the forms' folder and one store transaction, which cost
// about as much as rendering a form (fsyncs on a VM's disk).
const formsPerBatch = 64

// formJob is one form of the forms step: its content and its store row,
// or a form already written (skip), listed in Files all the same.
type formJob struct {
	ac   model.AdminChange
	row  store.AdminForm
	skip bool
	tmp  string // the rendered form, in a temporary file beside its place
}

// formBatch renders forms in parallel and puts them in place in order.
// A form is in place (renamed, its folder synced) before the store records
// it, and the store records it before the next batch starts: after a crash
// the store never names a form that is not on disk.
type formBatch struct {
	dd      *DataDir
	st      *store.Store // nil: forms not recorded
	workers int
	sum     *FilesSummary
	jobs    []formJob
}

// add queues job, writing the batch when it is full.
func (b *formBatch) add(ctx context.Context, job formJob) error {
	b.jobs = append(b.jobs, job)
	if len(b.jobs) < formsPerBatch {
		return nil
	}
	return b.flush(ctx)
}

// flush writes the queued forms: rendered side by side into temporary
// files, then renamed in the findings' order, the folder synced once, and
// recorded in one transaction. On error no form of the batch is left half
// done: temporary files are removed, and those already renamed are
// complete forms the store does not know yet (written again next run).
func (b *formBatch) flush(ctx context.Context) error {
	jobs := b.jobs
	b.jobs = b.jobs[:0]
	defer removeTemps(jobs)
	if err := b.render(ctx, jobs); err != nil {
		return err
	}
	var rows []store.AdminForm
	files := make([]string, 0, len(jobs))
	dirs := map[string]bool{}
	for i := range jobs {
		j := &jobs[i]
		files = append(files, j.row.Path)
		if j.skip {
			continue
		}
		dst := b.dd.Path(j.row.Path)
		if err := os.Rename(j.tmp, dst); err != nil {
			return fmt.Errorf("admin form %s: %w", j.row.Path, err)
		}
		j.tmp = ""
		dirs[filepath.Dir(dst)] = true
		rows = append(rows, j.row)
	}
	for dir := range dirs {
		if err := syncDir(dir); err != nil {
			return fmt.Errorf("admin forms folder: %w", err)
		}
	}
	if b.st != nil && len(rows) > 0 {
		if err := b.st.SaveAdminForms(ctx, rows); err != nil {
			return err
		}
	}
	b.sum.Written += len(rows)
	b.sum.Skipped += len(jobs) - len(rows)
	b.sum.Files = append(b.sum.Files, files...)
	return nil
}

// render writes each form to be written into a temporary file beside its
// place, b.workers at a time (0: one per CPU): a form takes about 30 ms of
// CPU in fpdf and pdfcpu, and a first night writes thousands.
func (b *formBatch) render(ctx context.Context, jobs []formJob) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(cmp.Or(b.workers, runtime.GOMAXPROCS(0)))
	for i := range jobs {
		if jobs[i].skip {
			continue
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			j := &jobs[i]
			tmp, err := fillTemp(filepath.Dir(b.dd.Path(j.row.Path)), func(w io.Writer) error {
				return forms.WriteAdminChange(w, j.ac)
			})
			if err != nil {
				return fmt.Errorf("admin form for convention %s: %w", j.row.Convention, err)
			}
			j.tmp = tmp
			return nil
		})
	}
	return g.Wait()
}

// removeTemps removes the temporary files of forms not put in place.
func removeTemps(jobs []formJob) {
	for _, j := range jobs {
		if j.tmp != "" {
			os.Remove(j.tmp)
		}
	}
}

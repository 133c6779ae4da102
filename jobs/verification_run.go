package jobs

import (
	"context"
	"errors"
)

// JobVerifyImport is the run kind of `habilitations verify import`.
const JobVerifyImport = "verify-import"

// ImportVerificationsOnce imports filled verification workbooks under the
// data directory's lock, one run for all; each file's outcome is returned
// (an error per refused file wraps ErrVerificationRefused).
func ImportVerificationsOnce(ctx context.Context, o RunOptions, files []string) ([]VerifyImportResult, error) {
	var out []VerifyImportResult
	var errs []error
	err := withRun(ctx, o, JobVerifyImport, func(ctx context.Context, w *workspace) (any, error) {
		for _, f := range files {
			if err := ctx.Err(); err != nil {
				return out, err
			}
			r, err := ImportVerification(ctx, w.st, w.dd, f)
			out = append(out, r)
			if err != nil {
				errs = append(errs, err)
				w.log.Warn("verification workbook not imported", "file", r.File, "sha256", r.SHA256, "problems", len(r.Problems))
				continue
			}
			w.log.Info("verification workbook imported", "file", r.File, "sha256", r.SHA256, "applied", r.Applied,
				"remaining", r.Remaining, "new", r.Imported)
		}
		return out, nil
	})
	return out, errors.Join(append(errs, err)...)
}

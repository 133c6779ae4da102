// Package letters writes the letters of the review campaign's escalation:
// the formal notice (« mise en demeure », convention art. 17.2) that the Caf
// sends by registered post to a partner whose review is missing or whose
// quota breaches stay open. The letter is laid out with report/forms'
// blocks and rendered by its PDF writer (embedded DejaVu Sans, so every
// accent prints), and only states facts the pipeline holds: the
// convention's parties, the due date, the breaches with the date they were
// first seen.
package letters

// Package breach writes the quota-breach report for Caf staff: a French
// workbook (XLSX), the same tables as CSV, and findings.json (records.md §4),
// in the directory the caller gives (reports/<date>/).
//
// The package only formats: the findings, what is new and what was resolved
// come from the caller (model.Reconcile and model.DiffFindings).
package breach

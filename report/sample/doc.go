// Package sample makes deterministic fictional data for tests, benchmarks and
// demonstrations: partners with their signed dossiers (records), later
// standalone bulletins and user exports with planted anomalies, and writers
// that turn them into the files the pipeline reads (dossier PDFs shaped like
// the real ones, export CSV and XLSX).
//
// Every person is fictional: names are drawn from lists of common French
// first and last names. Public bodies (Caf, communes, départements) are real
// names, as in the shared corpus.
package sample

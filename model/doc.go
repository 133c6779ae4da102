// Package model holds the domain of habilitations: the records read from signed
// « Mon Compte Partenaire » dossiers, the rows of the partners' user exports, the
// findings of reconciliation, their validation and normalisation, and the
// reconciliation rules as pure functions.
//
// The JSON shapes follow ../shared/spec/records.md (the interchange contract).
// Nothing in this package performs I/O: adapters (extract, report, jobs) depend on
// it, never the reverse.
package model

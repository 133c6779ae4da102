// Package export reads the partners' user exports (records.md §3): the CSV or
// XLSX files that the partner's delegated administration tool produces, one row
// per habilitation (one profile of one account).
//
// Read streams the rows to a callback as model.Habilitation values. It never
// holds a whole CSV in memory and walks an XLSX sheet with excelize's row
// iterator; it never panics on any input.
//
// Decisions where records.md is silent (see also README.md in this folder):
//
//   - Required columns: Identifiant, Nom, Organisme, Profil, Statut. Without them
//     a row cannot be counted against a quota nor matched to a convention, so a
//     missing one is the returned *MissingColumnError. Every other column is
//     optional; the optional columns that are absent are listed in
//     Summary.Missing so that callers can warn (e.g. no « Dernière connexion »
//     makes dormancy rely on creation dates).
//   - Free text (Nom, Prénom, Organisme, Structure, Service) is kept as written,
//     only put in Unicode NFC: reconciliation folds it (case, accents, spaces),
//     and the canonical rows of the corpus keep the export's spacing.
//     Identifiant and Adresse mél are trimmed; SIRET loses its spaces and dots.
//   - Statut is normalised to Actif, Suspendu or Désactivé; Rôle to the four
//     roles of records.md; an empty Rôle (or no Rôle column) is Utilisateur.
//     Anything else is a row error: the row is reported and skipped.
//   - Dates: JJ/MM/AAAA, ISO, the French forms of model.ParseFrenchDate, a
//     trailing time of day (« 20/10/2026 09:15 ») is ignored, and in an XLSX an
//     Excel serial number or a date cell. An empty date is the zero date.
//   - A row whose cells are all empty is skipped silently (trailing lines).
package export

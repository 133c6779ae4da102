// Package forms writes the PDFs people sign or file: the Annexe 3 form
// « Objet : modification d'un administrateur » pre-filled from a finding or
// typed on demand (WriteAdminChange), and the « attestation de revue des
// habilitations » after a review (WriteAttestation).
//
// Documents are built as a list of blocks (Document) independent of the
// output, then rendered by WritePDF with go-pdf/fpdf and the embedded DejaVu
// Sans font (package fonts), so that every accent, « guillemet » and dash
// prints whatever the machine. report/sample renders whole dossiers with the
// same blocks. Values that the pipeline cannot know are left as dotted lines
// to fill by hand. Output is deterministic: the same document gives the same
// bytes.
package forms

package main

import "habilitations/jobs"

// attestationWriter returns the PDF writer of the « attestation de revue des
// habilitations » (report/forms), or nil while that writer is not built:
// the import then writes the actions files only and says so.
func attestationWriter() jobs.AttestationWriter {
	return nil
}

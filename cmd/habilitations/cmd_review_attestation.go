package main

import (
	"habilitations/jobs"
	"habilitations/report/forms"
)

// attestationWriter returns the PDF writer of the « attestation de revue des
// habilitations » that review import writes after storing the decisions.
func attestationWriter() jobs.AttestationWriter {
	return forms.WriteAttestation
}

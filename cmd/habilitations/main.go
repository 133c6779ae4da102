// Command habilitations is the Caf's nightly pipeline for « Mon Compte
// Partenaire » conventions: it reads signed dossiers, reconciles the partners'
// user exports with their quotas, and writes the review workbooks and reports.
//
// main only parses the command line and wires packages; the work is in jobs.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // the schedules' zone (Europe/Paris) works on machines without tzdata
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	endProfiles, err := startProfiles(os.Getenv)
	if err != nil {
		os.Stderr.WriteString("habilitations: " + err.Error() + "\n")
	}
	code := Main(ctx, os.Args[1:], newEnv(os.Stdout, os.Stderr))
	endProfiles()
	stop()
	os.Exit(code)
}

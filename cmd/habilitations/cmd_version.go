package main

import (
	"context"
	"fmt"
	"runtime/debug"
)

func versionCommand() command {
	return command{name: "version", summary: "print the version", run: func(ctx context.Context, e *env, args []string) error {
		v := "(devel)"
		if bi, ok := debug.ReadBuildInfo(); ok {
			for _, s := range bi.Settings {
				if s.Key == "vcs.revision" {
					v = s.Value
				}
			}
		}
		fmt.Fprintln(e.stdout, "habilitations", v)
		return nil
	}}
}

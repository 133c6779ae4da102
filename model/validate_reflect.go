package model

import (
	"reflect"
	"strings"
)

type reflectStructField = reflect.StructField

// jsonName makes validation errors speak in the JSON field names of records.md.
func jsonName(f reflect.StructField) string {
	name := strings.SplitN(f.Tag.Get("json"), ",", 2)[0]
	if name == "-" || name == "" {
		return f.Name
	}
	return name
}

package model

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/go-playground/validator/v10"
)

var reE164 = regexp.MustCompile(`^\+[1-9]\d{6,14}$`)
var reConvNumber = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z./\-]{0,30}$`)

// Validator checks records and rows with the struct tags of this package and
// the custom rules siret (Luhn), profile, e164, isodate and convnumber.
type Validator struct{ v *validator.Validate }

var (
	defaultValidator     *Validator
	defaultValidatorOnce sync.Once
)

// NewValidator builds a Validator with the custom rules registered.
func NewValidator() *Validator {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflectStructField) string { return jsonName(f) })
	must(v.RegisterValidation("siret", func(fl validator.FieldLevel) bool { return ValidSIRET(fl.Field().String()) }))
	must(v.RegisterValidation("profile", func(fl validator.FieldLevel) bool {
		_, ok := ParseProfile(fl.Field().String())
		return ok
	}))
	must(v.RegisterValidation("e164", func(fl validator.FieldLevel) bool { return reE164.MatchString(fl.Field().String()) }))
	must(v.RegisterValidation("isodate", func(fl validator.FieldLevel) bool {
		_, err := ParseISODate(fl.Field().String())
		return err == nil
	}))
	must(v.RegisterValidation("convnumber", func(fl validator.FieldLevel) bool { return reConvNumber.MatchString(fl.Field().String()) }))
	return &Validator{v: v}
}

// Validate checks r and returns nil or a *ValidationError naming each field.
func (val *Validator) Validate(r any) error {
	if rec, ok := r.(Record); ok && rec.Kind == KindAdminChange {
		return val.validateAdminChange(rec) // no services nor Annexe 1
	}
	err := val.v.Struct(r)
	if err == nil {
		return nil
	}
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		return err
	}
	out := &ValidationError{}
	for _, fe := range ves {
		out.Fields = append(out.Fields, FieldError{Path: fieldPath(fe.Namespace()), Rule: fe.Tag(), Value: fmt.Sprint(fe.Value())})
	}
	return out
}

// Validate checks v with the package's shared Validator.
func Validate(v any) error {
	defaultValidatorOnce.Do(func() { defaultValidator = NewValidator() })
	return defaultValidator.Validate(v)
}

// FieldError is one failed rule.
type FieldError struct {
	Path  string // JSON path, e.g. convention.partner.siret
	Rule  string // validator tag, e.g. siret
	Value string
}

// ValidationError lists every field of a value that failed validation.
type ValidationError struct{ Fields []FieldError }

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = fmt.Sprintf("%s: fails %s", f.Path, f.Rule)
	}
	return "invalid record: " + strings.Join(parts, "; ")
}

// fieldPath drops the root type name from a validator namespace.
func fieldPath(ns string) string {
	if i := strings.IndexByte(ns, '.'); i >= 0 {
		return ns[i+1:]
	}
	return ns
}

func must(err error) {
	if err != nil {
		panic(err) // programming error: a rule failed to register at start-up
	}
}

package model

import (
	"errors"
	"strings"
)

// Reason is why an input file yields no record (records.md §2).
type Reason string

// The rejection reasons. They are normative: tests and the store use them.
const (
	ReasonEncrypted     Reason = "encrypted"
	ReasonNoText        Reason = "no_text"
	ReasonCorrupt       Reason = "corrupt"
	ReasonNotPDF        Reason = "not_pdf"
	ReasonNotConvention Reason = "not_convention"
	ReasonIncomplete    Reason = "incomplete"
	// The review workbooks come back through the same inbox; records.md
	// names no reason for them. ReasonReviewRefused: a review workbook with
	// problems (each listed in the motif); ReasonNotReview: a spreadsheet
	// that is not a review workbook, or not in its format (.ods, .xls, .csv).
	ReasonReviewRefused Reason = "review_refused"
	ReasonNotReview     Reason = "not_review"
	// ReasonUnknownConvention: a returned Annexe 3 form whose convention
	// number the store does not know (records.md §2c names no reason).
	ReasonUnknownConvention Reason = "unknown_convention"
	// ReasonVerificationRefused: a filled verification workbook (values read
	// from a scan, checked by a Caf clerk) with problems, each in the motif.
	ReasonVerificationRefused Reason = "verification_refused"
)

// Sentinel errors for the outcomes callers branch on. Readers wrap them with
// context (file, page); ReasonOf maps any wrapped error back to its Reason.
var (
	ErrEncrypted     = errors.New("pdf is encrypted")
	ErrNoText        = errors.New("pdf has no text layer")
	ErrCorrupt       = errors.New("pdf is damaged")
	ErrNotPDF        = errors.New("not a pdf file")
	ErrNotConvention = errors.New("not a Mon Compte Partenaire convention or bulletin")
	ErrIncomplete    = errors.New("dossier is incomplete")
	// ErrTooComplex: the file could not be read within the reading limits
	// (size, pages, time, memory). records.md §2 has no reason for it: it is
	// rejected as corrupt, but its message says what happened, since the
	// file itself may well be sound.
	ErrTooComplex = errors.New("pdf exceeds the reading limits")
	// ErrGarbledText: the file has a text layer, but its characters cannot
	// be read (fonts without their Unicode map, spacing lost). It is a
	// no_text rejection whose message says what happened: the remedy is
	// the original PDF, not OCR.
	ErrGarbledText = errors.New("pdf text layer is unreadable")
	// ErrOCRUnavailable: the file is a scan, and text recognition is not
	// installed on the server (Tesseract and its French model). It goes
	// with ErrNoText; the message says so.
	ErrOCRUnavailable = errors.New("text recognition is not installed")
	// ErrLowResolution: the file is a scan too coarse to read (under
	// 140 dpi). It goes with ErrNoText.
	ErrLowResolution = errors.New("scan resolution too low")
	// ErrUnknownConvention: an Annexe 3 form for a convention the store
	// does not know (UnknownConventionError carries the number).
	ErrUnknownConvention = errors.New("form names an unknown convention")
)

// UnknownConventionError is an Annexe 3 form whose convention number is not
// in the store.
type UnknownConventionError struct{ Number string }

func (e *UnknownConventionError) Error() string {
	return "admin change form: convention " + e.Number + " is unknown"
}

// Is makes errors.Is(err, ErrUnknownConvention) true.
func (e *UnknownConventionError) Is(target error) bool { return target == ErrUnknownConvention }

// IncompleteError lists the fields of a dossier that are missing or invalid,
// in French, so that the rejection message can name them.
type IncompleteError struct {
	Fields []string // e.g. « numéro de convention », « SIRET du partenaire (clé de contrôle invalide) »
	// Form is true for an Annexe 3 form rather than a dossier: the
	// message asks for the form completed.
	Form bool
}

func (e *IncompleteError) Error() string {
	if e.Form {
		return "admin change form is incomplete: " + strings.Join(e.Fields, ", ")
	}
	return "dossier is incomplete: " + strings.Join(e.Fields, ", ")
}

// Is makes errors.Is(err, ErrIncomplete) true.
func (e *IncompleteError) Is(target error) bool { return target == ErrIncomplete }

// ReasonOf maps an error to its rejection reason. An error that is none of the
// sentinels is a corrupt file: whatever the PDF library could not read.
func ReasonOf(err error) Reason {
	switch {
	case errors.Is(err, ErrEncrypted):
		return ReasonEncrypted
	case errors.Is(err, ErrNoText):
		return ReasonNoText
	case errors.Is(err, ErrNotPDF):
		return ReasonNotPDF
	case errors.Is(err, ErrNotConvention):
		return ReasonNotConvention
	case errors.Is(err, ErrIncomplete):
		return ReasonIncomplete
	case errors.Is(err, ErrUnknownConvention):
		return ReasonUnknownConvention
	}
	return ReasonCorrupt
}

// Message is the French explanation of a reason for Caf staff: what is wrong
// and what to do.
func (r Reason) Message() string {
	switch r {
	case ReasonEncrypted:
		return "Le fichier PDF est protégé par un mot de passe : il ne peut pas être lu. Demander au partenaire une version non protégée."
	case ReasonNoText:
		return "Aucun texte n'a pu être lu dans le document : les pages sont blanches, illisibles ou ne sont pas un " +
			"dossier de convention. Demander au partenaire le dossier signé, numérisé à 300 points par pouce, ou le " +
			"PDF d'origine."
	case ReasonNotPDF:
		return "Le fichier porte l'extension .pdf mais n'est pas un document PDF. Demander le document au format PDF."
	case ReasonNotConvention:
		return "Le document n'est pas une convention « Mon Compte Partenaire », ni un bulletin d'adhésion, ni un formulaire " +
			"de changement d'administrateur (Annexe 3). Vérifier la pièce transmise et, s'il s'agit bien d'un dossier, " +
			"demander au partenaire le dossier signé complet (PDF ou numérisation lisible)."
	case ReasonIncomplete:
		return "Le dossier de convention est incomplet. Demander le dossier complet."
	case ReasonUnknownConvention:
		return "Le formulaire de changement d'administrateur (Annexe 3) porte un numéro de convention que la Caf ne " +
			"connaît pas. Vérifier le numéro avec le partenaire, ou déposer d'abord la convention signée, puis déposer " +
			"le formulaire à nouveau."
	case ReasonReviewRefused:
		return "Le classeur de revue des habilitations comporte des erreurs : ses décisions n'ont pas été enregistrées. " +
			"Transmettre au partenaire les points à corriger et lui demander de renvoyer le classeur corrigé."
	case ReasonNotReview:
		return "Le fichier n'est pas un classeur de revue des habilitations émis par la Caf. Seuls les conventions et " +
			"bulletins signés (PDF ou numérisation), les classeurs de revue remplis et les classeurs de vérification " +
			"remplis (.xlsx, tels qu'ils ont été reçus) se déposent ici."
	case ReasonVerificationRefused:
		return "Le classeur de vérification comporte des erreurs : aucune valeur n'a été enregistrée. Corriger les points " +
			"indiqués et déposer à nouveau le classeur."
	}
	return "Le fichier PDF est endommagé ou incomplet et ne peut pas être ouvert. Demander un nouvel envoi du fichier."
}

// Rejection is the outcome of a file that yields no record (records.md §2).
type Rejection struct {
	File    string `json:"file"`
	Reason  Reason `json:"reason"`
	Message string `json:"message"`
}

// NewRejection builds the rejection of file for err, with a French message that
// names the missing fields of an incomplete dossier.
func NewRejection(file string, err error) Rejection {
	r := ReasonOf(err)
	msg := r.Message()
	var inc *IncompleteError
	if errors.Is(err, ErrGarbledText) {
		msg = "Le PDF contient du texte, mais illisible : ses polices ne disent pas quels caractères elles " +
			"dessinent (cas de certaines imprimantes virtuelles et conversions par PostScript), si bien qu'aucune " +
			"lecture automatique n'est possible. Demander au partenaire le PDF enregistré directement depuis son " +
			"logiciel (« Enregistrer au format PDF » ou « Exporter en PDF »), ou saisir le dossier manuellement."
	}
	if errors.Is(err, ErrOCRUnavailable) {
		msg = "Le document est une numérisation (image sans texte) et la reconnaissance de caractères n'est pas " +
			"installée sur le serveur : il n'a pas pu être lu. L'administrateur de l'outil doit installer Tesseract et " +
			"son modèle français (paquets tesseract-ocr et tesseract-ocr-fra) ; le fichier pourra alors être déposé à nouveau."
	}
	if errors.Is(err, ErrLowResolution) {
		msg = "La numérisation est de trop faible résolution pour être lue (moins de 150 points par pouce). Demander " +
			"au partenaire de numériser à nouveau le document signé, à 300 points par pouce, en noir et blanc ou en " +
			"niveaux de gris, ou le PDF d'origine."
	}
	if errors.Is(err, ErrTooComplex) {
		msg = "Le fichier PDF n'a pas pu être lu dans les limites fixées (taille, nombre de pages, temps ou " +
			"mémoire de lecture) : il est trop volumineux ou trop complexe. Demander au partenaire une version plus " +
			"légère du document (par exemple enregistrée en PDF depuis le document d'origine) ; l'administrateur " +
			"de l'outil peut aussi relever les limites de la section [extraction] de la configuration."
	}
	var unk *UnknownConventionError
	if errors.As(err, &unk) {
		msg = "Le formulaire de changement d'administrateur (Annexe 3) porte le numéro de convention « " + unk.Number +
			" », que la Caf ne connaît pas : aucune convention signée ne porte ce numéro. Vérifier le numéro avec le " +
			"partenaire, ou déposer d'abord la convention signée, puis déposer le formulaire à nouveau."
	}
	if errors.As(err, &inc) && len(inc.Fields) > 0 && inc.Form {
		msg = "Le formulaire de changement d'administrateur (Annexe 3) est incomplet : " + strings.Join(inc.Fields, ", ") +
			" " + plural(len(inc.Fields), "est absent ou illisible", "sont absents ou illisibles") +
			". Demander au partenaire de compléter le formulaire et de le renvoyer signé."
	} else if errors.As(err, &inc) && len(inc.Fields) > 0 {
		msg = "Le dossier de convention est incomplet : " + strings.Join(inc.Fields, ", ") +
			" " + plural(len(inc.Fields), "est absent ou illisible", "sont absents ou illisibles") +
			". Demander le dossier complet."
	}
	return Rejection{File: file, Reason: r, Message: msg}
}

func plural(n int, one, many string) string {
	if n > 1 {
		return many
	}
	return one
}

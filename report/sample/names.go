package sample

// Common French first names (fictional people are drawn from these lists).
var (
	femaleFirst = []string{"Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Céline", "Sandrine", "Valérie",
		"Christine", "Stéphanie", "Sophie", "Véronique", "Aurélie", "Émilie", "Julie", "Camille", "Laure",
		"Hélène", "Claire", "Agnès", "Françoise", "Mélanie", "Élodie", "Inès", "Noémie", "Anaïs", "Chloé",
		"Léa", "Manon", "Coralie", "Odile", "Josiane", "Delphine", "Aline", "Emmanuelle", "Fatima", "Zoé",
		"Bérénice", "Gaëlle", "Maëlle", "Cécile", "Laëtitia", "Solène", "Margaux", "Pauline"}
	maleFirst = []string{"Jean", "Philippe", "Michel", "Alain", "Patrick", "Nicolas", "Christophe", "Pierre",
		"Frédéric", "Stéphane", "Laurent", "Julien", "Sébastien", "Thomas", "François", "Éric", "Olivier",
		"Jérôme", "Benoît", "Hervé", "Gérard", "Lionel", "Fabrice", "Hugo", "Jean-Marc", "Marc-Antoine",
		"Gaël", "Loïc", "Yannick", "Cédric", "Raphaël", "Anthony", "Mathieu", "Rémi", "Joël", "Noël",
		"Théo", "Maxime", "Bruno", "Damien"}
	lastNames = []string{"MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND",
		"LEROY", "MOREAU", "SIMON", "LAURENT", "LEFÈVRE", "MICHEL", "GARCIA", "DAVID", "BERTRAND", "ROUX",
		"VINCENT", "FOURNIER", "MOREL", "GIRARD", "ANDRÉ", "MERCIER", "DUPONT", "LAMBERT", "BONNET",
		"FRANÇOIS", "MARTINEZ", "LEGRAND", "GARNIER", "FAURE", "ROUSSEAU", "BLANC", "GUÉRIN", "MULLER",
		"HENRY", "ROUSSEL", "NICOLAS", "PERRIN", "MORIN", "MATHIEU", "CLÉMENT", "GAUTHIER", "DUMONT",
		"LOPEZ", "FONTAINE", "CHEVALIER", "ROBIN", "MASSON", "SANCHEZ", "GÉRARD", "NGUYEN", "BOYER",
		"DENIS", "LEMAIRE", "DUVAL", "JOLY", "GAUTIER", "ROGER", "ROCHE", "ROY", "NOËL", "MEYER", "LUCAS",
		"MEUNIER", "JEAN", "PÉREZ", "MARCHAND", "DUFOUR", "BLANCHARD", "MARIE", "BARBIER", "BRUN", "DUMAS",
		"BRUNET", "SCHMITT", "LEROUX", "COLIN", "FERNANDEZ", "PIERRE", "RENARD", "ARNAUD", "ROLLAND",
		"CARON", "AUBERT", "GIRAUD", "LECLERC", "VIDAL", "BOURGEOIS", "RENAUD", "LEMOINE", "PICARD",
		"GAILLARD", "PHILIPPE", "LECLERCQ", "LACROIX", "FABRE", "DUPUIS", "OLIVIER", "RODRIGUEZ", "DA SILVA",
		"HUBERT", "LOUIS", "CHARLES", "GUILLOT", "RIVIÈRE", "LE GALL", "GUILLAUME", "ADAM", "RÉMY", "PRÉVOST",
		"ÉTIENNE", "BÉNARD", "MAILLARD", "CHAUVIN", "BÉGUIN", "LEBRUN", "CARPENTIER", "BERTIN", "HÉBERT",
		"COLLET", "LÉVÊQUE", "CÔTÉ", "BOUCHARD", "SAUVAGE", "MONTEIL", "VASSEUR", "GRANGER", "LAPORTE"}
)

func init() {
	for _, f := range femaleFirst {
		feminineFirstNames[foldKey(f)] = true
	}
}

// cafInfo is a real Caf (public body) with a plausible address and the
// communes its partners are drawn from.
type cafInfo struct {
	dept     string // « de la Côte d'Or »
	deptName string // « Côte-d'Or » as in « Conseil départemental de la Côte-d'Or »
	num      string // département number, for e-mail domains
	city     string // where dossiers are signed
	address  string
	communes []string
}

var cafs = []cafInfo{
	{"de la Côte d'Or", "de la Côte-d'Or", "21", "Dijon", "8 Bd Clemenceau – 21000 DIJON",
		[]string{"Beaune", "Chenôve", "Talant", "Quetigny", "Auxonne", "Montbard", "Is-sur-Tille"}},
	{"du Rhône", "du Rhône", "69", "Lyon", "67 boulevard Vivier Merle – 69003 LYON",
		[]string{"Villeurbanne", "Vénissieux", "Bron", "Givors", "Tarare", "Écully", "Oullins"}},
	{"de la Gironde", "de la Gironde", "33", "Bordeaux", "Rue du Docteur Gabriel Péry – 33078 BORDEAUX CEDEX",
		[]string{"Mérignac", "Pessac", "Talence", "Libourne", "Bègles", "Arcachon", "Lormont"}},
	{"du Nord", "du Nord", "59", "Lille", "82 rue Brûle Maison – 59000 LILLE",
		[]string{"Roubaix", "Tourcoing", "Villeneuve-d'Ascq", "Douai", "Cambrai", "Maubeuge", "Armentières"}},
	{"de l'Hérault", "de l'Hérault", "34", "Montpellier", "139 avenue de Lodève – 34000 MONTPELLIER",
		[]string{"Béziers", "Sète", "Lunel", "Agde", "Frontignan", "Lodève", "Pézenas"}},
	{"de la Seine-Maritime", "de la Seine-Maritime", "76", "Rouen", "5 rue Jean Lecanuet – 76000 ROUEN",
		[]string{"Le Havre", "Dieppe", "Fécamp", "Elbeuf", "Sotteville-lès-Rouen", "Yvetot"}},
	{"de l'Isère", "de l'Isère", "38", "Grenoble", "3 rue des Alliés – 38000 GRENOBLE",
		[]string{"Échirolles", "Saint-Martin-d'Hères", "Vienne", "Voiron", "Bourgoin-Jallieu", "Meylan"}},
	{"des Bouches-du-Rhône", "des Bouches-du-Rhône", "13", "Marseille", "215 chemin de Gibbes – 13014 MARSEILLE",
		[]string{"Aix-en-Provence", "Arles", "Martigues", "Aubagne", "Istres", "Salon-de-Provence"}},
}

var streets = []string{"rue de la République", "place de l'Hôtel de Ville", "avenue Jean Jaurès", "rue Victor Hugo",
	"boulevard Gambetta", "rue Pasteur", "place du Général de Gaulle", "rue de l'Église", "avenue de la Gare",
	"rue des Écoles", "quai de la Saône", "rue du Château"}

var residences = []string{"Les Tilleuls", "Les Glycines", "Abrioux", "Les Érables", "Le Clos fleuri", "Les Peupliers", "Bellevue"}

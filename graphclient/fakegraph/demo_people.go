package fakegraph

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/callscope/callscope/model"
)

// personKind is what a demo participant is, which decides its identity-set
// member and its participant id (graph-api.md §2.12, §4.9).
type personKind uint8

const (
	kindUser        personKind = iota // tenant user: user identity, id = Entra object id
	kindExternal                      // federated user: user identity with a foreign tenantId
	kindGuest                         // guest identity, non-GUID id
	kindPhone                         // phone identity, id = E.164 number, displayName null
	kindACS                           // azureCommunicationServicesUser
	kindAppInstance                   // resource account of an auto attendant or call queue
	kindBot                           // application (recording, transcription bots)
)

// region places users and numbers, and so picks their trunk.
type region uint8

const (
	regionUS region = iota
	regionEU
	regionAPAC
	regionBranch
)

// voice is how a user reaches the PSTN.
type voice uint8

const (
	voiceNone voice = iota
	voiceDirectRouting
	voiceCallingPlan
	voiceOperatorConnect
)

type person struct {
	kind     personKind
	id       string
	name     string
	upn      string // users only
	email    string // guests only
	tenantID string
	resource string // ACS resource id
	number   string // a user's DID or a phone's E.164 number
	country  string // ISO 3166 alpha-2 of number
	region   region
	voice    voice
}

// Fixed names, including CJK, emoji and 30+ character ones so that column
// widths and truncation get exercised (the UPN stays ASCII, as in Entra).
var (
	firstNames = []string{"Abbie", "Owen", "Richard", "Anette", "Daichi", "Maria", "James", "Fatima", "Liam",
		"Sofia", "Noah", "Aisha", "Lucas", "Emma", "Mateo", "Olivia", "Ethan", "Chloe", "Arjun", "Zoe",
		"Henrik", "Ingrid", "Pierre", "Camille", "Giulia", "Marco", "Ana", "Diego", "Yuki", "Kenji",
		"Wei", "Mei", "Oluwaseun", "Thandiwe", "Priya", "Rahul", "Nadia", "Omar", "Lars", "Freya",
		"Tomasz", "Zofia", "Sean", "Niamh", "Ruwini", "Kwame", "Isabel", "Hugo", "Elif", "Can"}
	lastNames = []string{"Wilkins", "Franklin", "Malk", "Thomsen", "Maruyama", "Garcia", "Smith", "Khan",
		"Murphy", "Rossi", "Johnson", "Bello", "Martin", "Dubois", "Lopez", "Brown", "Nguyen", "Patel",
		"Chen", "Kowalski", "Jensen", "Andersson", "Moreau", "Bianchi", "Silva", "Tanaka", "Sato", "Li",
		"Okafor", "Mbeki", "Sharma", "Haddad", "Nielsen", "Larsen", "Novak", "Byrne", "Perera", "Mensah",
		"Fischer", "Yilmaz", "Kaya", "Costa", "Ivanova", "Schmidt", "Walsh", "Hughes", "Reyes", "Ahmed",
		"Kim", "Park"}
	specialUsers = [][2]string{ // display name, UPN local part
		{"山田 太郎", "taro.yamada"}, {"佐藤 花子", "hanako.sato"}, {"王芳", "fang.wang"}, {"陈伟", "wei.chen2"},
		{"김민준", "minjun.kim"}, {"이서연", "seoyeon.lee"}, {"中村 さくら 🌸", "sakura.nakamura"},
		{"Sam Rivera 🚀", "sam.rivera"}, {"🎧 Priya Natarajan", "priya.natarajan"}, {"Jordan Lee ☕", "jordan.lee"},
		{"Maximiliane Alexandrina von Hohenzollern-Sigmaringen", "maximiliane.hohenzollern"},
		{"Bartholomew Fitzgerald-Montgomery III (Legal & Compliance)", "bartholomew.montgomery"},
		{"Anne-Marie Guðmundsdóttir-Castellanos", "annemarie.gudmundsdottir"},
		{"Σοφία Παπαδοπούλου", "sofia.papadopoulou"}, {"Zoë Ångström-Øyen", "zoe.angstrom"},
	}
	acsNames = []string{"Lobby Kiosk 1", "Lobby Kiosk 2", "Web visitor", "Patient portal 4821",
		"Contoso App (iOS)", "Contoso App (Android)", "Virtual Visit 🩺", "Support Widget"}
	appInstanceNames = []string{"Contoso Main Line (AA)", "Helpdesk Queue (CQ)", "Sales Queue (CQ)",
		"After Hours Auto Attendant", "受付 Reception (AA)", "EMEA Support Hotline Call Queue (CQ)"}
	botNames = []string{"Compliance Recorder", "Meeting Transcription Bot", "Contoso Survey Bot 🤖", "Room Assistant"}
)

const (
	fabrikamTenantID = "b4a1e4c5-7f6c-4a37-9a1e-0f5a1a2b3c4d"
	acsResourceID    = "0d0b1f0e-2c3a-4d5e-8f70-1a2b3c4d5e6f"
	usersPerCombo    = 330 // generated user count before the special names
)

// demoWorld is the fixed cast every demo record and log row draws from.
type demoWorld struct {
	people []person
	index  map[string]int32 // participant id → people index
	byKind [kindBot + 1][]int32
	// users able to call the PSTN, by voice
	drUsers, planUsers []int32
}

func guid(r *rand.Rand) string {
	var b [16]byte
	lo, hi := r.Uint64(), r.Uint64()
	for i := 0; i < 8; i++ {
		b[i], b[8+i] = byte(lo>>(8*i)), byte(hi>>(8*i))
	}
	return formatGUID(b)
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// phoneNumber makes an E.164 number in the region and names its country.
func phoneNumber(r *rand.Rand, reg region) (string, string) {
	cc := "US"
	switch reg {
	case regionEU:
		cc = [...]string{"GB", "DE", "FR"}[r.IntN(3)]
	case regionAPAC:
		cc = [...]string{"AU", "JP", "SG"}[r.IntN(3)]
	}
	return phoneIn(r, cc), cc
}

// phoneIn makes an E.164 number in the country (ISO 3166 alpha-2), mostly
// from ranges set aside for fiction (555-01xx, Ofcom drama, ACMA 5550), so
// a number's prefix always names the country the row says it is in.
func phoneIn(r *rand.Rand, cc string) string {
	switch cc {
	case "GB":
		return fmt.Sprintf("+44207946%04d", r.IntN(1000))
	case "DE":
		return fmt.Sprintf("+4930%08d", r.IntN(1e8))
	case "FR":
		return fmt.Sprintf("+331%08d", r.IntN(1e8))
	case "AU":
		return fmt.Sprintf("+6125550%04d", r.IntN(1e4))
	case "JP":
		return fmt.Sprintf("+813%08d", r.IntN(1e8))
	case "SG":
		return fmt.Sprintf("+656%07d", r.IntN(1e7))
	}
	area := pick(r, []string{"425", "206", "212", "312", "415", "512", "617", "303"})
	return fmt.Sprintf("+1%s555%04d", area, 100+r.IntN(9900))
}

func pickRegion(r *rand.Rand) region {
	switch n := r.IntN(100); {
	case n < 52:
		return regionUS
	case n < 82:
		return regionEU
	case n < 96:
		return regionAPAC
	default:
		return regionBranch
	}
}

func newDemoWorld() *demoWorld {
	r := rand.New(rand.NewPCG(0x63616c6c, 0x70656f70))
	w := &demoWorld{index: map[string]int32{}}
	add := func(p person) {
		i := int32(len(w.people))
		w.people = append(w.people, p)
		w.index[p.id] = i
		w.byKind[p.kind] = append(w.byKind[p.kind], i)
		switch {
		case p.kind != kindUser:
		case p.voice == voiceDirectRouting:
			w.drUsers = append(w.drUsers, i)
		case p.voice == voiceCallingPlan || p.voice == voiceOperatorConnect:
			w.planUsers = append(w.planUsers, i)
		}
	}
	seen := map[string]bool{}
	newUser := func(name, local string) {
		for n := 2; seen[local]; n++ {
			local = fmt.Sprintf("%s%d", strings.TrimRight(local, "0123456789"), n)
		}
		seen[local] = true
		p := person{kind: kindUser, id: guid(r), name: name, upn: local + "@contoso.com", tenantID: DefaultTenantID, region: pickRegion(r)}
		switch n := r.IntN(100); {
		case n < 62:
			p.voice = voiceDirectRouting
		case n < 80:
			p.voice = voiceCallingPlan
		case n < 86:
			p.voice = voiceOperatorConnect
		}
		if p.region == regionBranch && p.voice != voiceNone {
			p.voice = voiceDirectRouting // the branch office only has its own SBC
		}
		nreg := p.region
		if nreg == regionBranch {
			nreg = regionUS
		}
		p.number, p.country = phoneNumber(r, nreg)
		add(p)
	}
	for len(w.byKind[kindUser]) < usersPerCombo {
		f, l := pick(r, firstNames), pick(r, lastNames)
		newUser(f+" "+l, strings.ToLower(f+"."+l))
	}
	for _, s := range specialUsers {
		newUser(s[0], s[1])
	}
	for range 25 {
		f, l := pick(r, firstNames), pick(r, lastNames)
		add(person{kind: kindExternal, id: guid(r), name: f + " " + l + " (Fabrikam)", tenantID: fabrikamTenantID})
	}
	for range 30 {
		f, l := pick(r, firstNames), pick(r, lastNames)
		id := strings.ReplaceAll(guid(r), "-", "")
		mail := strings.ToLower(f+"."+l) + "@" + pick(r, []string{"gmail.com", "outlook.com", "fabrikam.com", "wingtiptoys.com"})
		add(person{kind: kindGuest, id: id, name: f + " " + l + " (Guest)", email: mail})
	}
	for range 420 {
		num, cc := phoneNumber(r, pickRegion(r)%regionBranch)
		if _, dup := w.index[num]; dup {
			continue
		}
		add(person{kind: kindPhone, id: num, number: num, country: cc, region: regionOf(cc)})
	}
	for _, n := range acsNames {
		add(person{kind: kindACS, id: "8:acs:" + acsResourceID + "_" + guid(r), name: n, resource: acsResourceID})
	}
	for i, n := range appInstanceNames {
		num, cc := phoneNumber(r, region(i%3))
		add(person{kind: kindAppInstance, id: guid(r), name: n, tenantID: DefaultTenantID, number: num, country: cc, region: regionOf(cc)})
	}
	for _, n := range botNames {
		add(person{kind: kindBot, id: guid(r), name: n, tenantID: DefaultTenantID})
	}
	return w
}

func regionOf(cc string) region {
	switch cc {
	case "GB", "DE", "FR":
		return regionEU
	case "AU", "JP", "SG":
		return regionAPAC
	}
	return regionUS
}

func (w *demoWorld) person(i int32) *person { return &w.people[i] }

// identitySet is the person's communicationsIdentitySet. full adds what the
// participants_v2 collection shows for users (@odata.type and UPN);
// organizer_v2 in the docs shows only id, displayName and tenantId.
func (p *person) identitySet(full bool) *model.IdentitySet {
	s := &model.IdentitySet{}
	switch p.kind {
	case kindUser, kindExternal:
		id := &model.Identity{ID: p.id, DisplayName: p.name, TenantID: p.tenantID}
		if full {
			id.ODataType, id.UserPrincipalName = "#microsoft.graph.userIdentity", p.upn
		}
		s.User = id
	case kindGuest:
		s.Guest = &model.Identity{ID: p.id, DisplayName: p.name, Email: p.email}
	case kindPhone:
		s.Phone = &model.Identity{ID: p.id}
	case kindACS:
		s.AzureCommunicationServicesUser = &model.Identity{ID: p.id, DisplayName: p.name, AzureCommunicationServicesResourceID: p.resource}
	case kindAppInstance:
		hidden := false
		s.ApplicationInstance = &model.Identity{ID: p.id, DisplayName: p.name, TenantID: p.tenantID, Hidden: &hidden}
	case kindBot:
		hidden := p.name == "Compliance Recorder"
		s.Application = &model.Identity{ID: p.id, DisplayName: p.name, Hidden: &hidden}
	}
	return s
}

func (p *person) participant(full bool) model.Participant {
	return model.Participant{ID: p.id, Identity: p.identitySet(full)}
}

// associatedIdentity is what a participantEndpoint names (no @odata.type,
// as in the documented example).
func (p *person) associatedIdentity() *model.Identity {
	return &model.Identity{ID: p.id, DisplayName: p.name, TenantID: p.tenantID, UserPrincipalName: p.upn}
}

package sip

import (
	"strconv"
	"strings"
)

// Source is a reference behind the explanation tables.
type Source struct {
	// Key is the short name rows cite ("ms-dr-403", "rfc3261").
	Key string
	// Title says what the source is.
	Title string
	// URL is the published page, when there is one.
	URL string
	// Repo and Path locate the text that was read, when it came from a
	// GitHub repository ("owner/name", path inside it).
	Repo, Path string
	// Date is the page's ms.date as read for issue 12 (YYYY-MM-DD); empty
	// when the stored copy showed none.
	Date string
}

// LookupSource resolves a source reference as it appears in a Sources field.
// Section suffixes and notes are ignored: "RFC 3261 §21.4.4" resolves to
// rfc3261 and "acs-pstn (shared PSTN hub)" to acs-pstn.
func LookupSource(ref string) (Source, bool) {
	s, ok := sources[sourceKey(ref)]
	return s, ok
}

// sourceKey reduces a citation to its key in the sources table.
func sourceKey(ref string) string {
	ref = strings.TrimSpace(ref)
	if rest, ok := strings.CutPrefix(ref, "RFC "); ok {
		end := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' })
		if end < 0 {
			end = len(rest)
		}
		return "rfc" + rest[:end]
	}
	if i := strings.Index(ref, " ("); i >= 0 {
		ref = ref[:i]
	}
	return ref
}

const (
	learnTeams   = "https://learn.microsoft.com/en-us/microsoftteams/"
	learnDRTrbl  = learnTeams + "troubleshoot/phone-system/direct-routing/"
	supportRepo  = "MicrosoftDocs/SupportArticles-docs"
	supportDir   = "Teams/phone-system/direct-routing/"
	skypeRepo    = "MicrosoftDocs/OfficeDocs-SkypeForBusiness"
	graphRepo    = "microsoftgraph/microsoft-graph-docs-contrib"
	learnGraph   = "https://learn.microsoft.com/en-us/graph/api/"
	azureRepo    = "MicrosoftDocs/azure-docs"
	acsCodesDir  = "articles/communication-services/resources/troubleshooting/voice-video-calling/includes/codes/"
	rfcEditorURL = "https://www.rfc-editor.org/rfc/rfc"
)

// sources is the reference table from the end of shared/sip-triage.md. URLs
// of Microsoft Learn pages follow the published path of each repository file.
var sources = func() map[string]Source {
	list := []Source{
		{Key: "ms-dr-codes", Title: "Microsoft and SIP response codes (Direct Routing troubleshooting)",
			URL: learnDRTrbl + "microsoft-sip-response-codes", Repo: supportRepo,
			Path: supportDir + "microsoft-sip-response-codes.md"},
		{Key: "ms-dr-inbound", Title: "Issues that affect inbound Direct Routing calls",
			URL: learnDRTrbl + "issues-with-inbound-calls", Repo: supportRepo,
			Path: supportDir + "issues-with-inbound-calls.md"},
		{Key: "ms-dr-outbound", Title: "Issues with outbound Direct Routing calls",
			URL: learnDRTrbl + "issues-with-outbound-calls", Repo: supportRepo,
			Path: supportDir + "issues-with-outbound-calls.md"},
		{Key: "ms-dr-transfer", Title: "Issues that affect call transfers (Direct Routing)",
			URL: learnDRTrbl + "issues-with-call-transfers", Repo: supportRepo,
			Path: supportDir + "issues-with-call-transfers.md"},
		{Key: "ms-health", Title: "Health Dashboard for Direct Routing",
			URL: learnTeams + "direct-routing-health-dashboard", Repo: skypeRepo,
			Path: "Teams/direct-routing-health-dashboard.md"},
		{Key: "ms-failover", Title: "Trunk failover on outbound calls (Direct Routing)",
			URL: learnTeams + "direct-routing-trunk-failover-on-outbound-call", Repo: skypeRepo,
			Path: "Teams/direct-routing-trunk-failover-on-outbound-call.md"},
		{Key: "ms-monitor", Title: "Monitor and troubleshoot Direct Routing",
			URL: learnTeams + "direct-routing-monitor-and-troubleshoot", Repo: skypeRepo,
			Path: "Teams/direct-routing-monitor-and-troubleshoot.md"},
		{Key: "ms-sip", Title: "Direct Routing: SIP protocol",
			URL: learnTeams + "direct-routing-protocols-sip", Repo: skypeRepo,
			Path: "Teams/direct-routing-protocols-sip.md"},
		{Key: "ms-pstn-report", Title: "Microsoft Teams PSTN usage report",
			URL: learnTeams + "teams-analytics-and-reports/pstn-usage-report", Repo: skypeRepo,
			Path: "Teams/teams-analytics-and-reports/pstn-usage-report.md"},
		{Key: "ms-cqd-pstn", Title: "Using the CQD PSTN Direct Routing report",
			URL: learnTeams + "cqd-pstn-report", Repo: skypeRepo, Path: "Teams/CQD-PSTN-report.md"},
		{Key: "graph-row", Title: "Microsoft Graph: directRoutingLogRow resource type",
			URL: learnGraph + "resources/callrecords-directroutinglogrow", Repo: graphRepo,
			Path: "api-reference/v1.0/resources/callrecords-directroutinglogrow.md"},
		{Key: "graph-fn", Title: "Microsoft Graph: callRecord getDirectRoutingCalls",
			URL: learnGraph + "callrecords-callrecord-getdirectroutingcalls", Repo: graphRepo,
			Path: "api-reference/v1.0/api/callrecords-callrecord-getdirectroutingcalls.md"},
		{Key: "acs-pstn", Title: "Azure Communication Services troubleshooting codes: PSTN (shared PSTN hub)",
			Repo: azureRepo, Path: acsCodesDir + "pstn.md"},
		{Key: "acs-callend", Title: "Azure Communication Services troubleshooting codes: call end (shared calling platform)",
			Repo: azureRepo, Path: acsCodesDir + "call-end.md"},
		{Key: "acs-pstn-failures", Title: "Azure Communication Services: troubleshooting PSTN call failures",
			URL:  "https://learn.microsoft.com/en-us/azure/communication-services/concepts/telephony/troubleshooting-pstn-call-failures",
			Repo: azureRepo, Path: "articles/communication-services/concepts/telephony/troubleshooting-pstn-call-failures.md"},
		{Key: "ms-pr-1984", Title: "OfficeDocs-Support pull request 1984: code combinations added Nov 2024",
			URL: "https://github.com/MicrosoftDocs/OfficeDocs-Support/pull/1984"},
		{Key: "voip-info", Title: "voip-info.org: ASR (answer seizure ratio)", URL: "https://www.voip-info.org/asr/"},
		{Key: "nationmaster", Title: "NationMaster: Answer Seizure Ratio (ASR/NER formulas, ITU-T E.411)"},
		{Key: "zxc-ner", Title: "de.zxc.wiki: Network Effectiveness Ratio (ITU-T E.425, typical NER vs ASR)"},
		{Key: "community script", Title: "Community PowerShell scripts for Teams PSTN call records (callType values)"},
	}
	for _, n := range []int{400, 402, 403, 404, 408, 410, 412, 415, 420, 422, 480, 484, 486, 488, 500, 503, 504} {
		code := strconv.Itoa(n)
		list = append(list, Source{Key: "ms-dr-" + code,
			Title: "Microsoft SIP response code " + code + " in Direct Routing",
			URL:   learnDRTrbl + "microsoft-sip-response-codes-" + code, Repo: supportRepo,
			Path: supportDir + "microsoft-sip-response-codes-" + code + ".md"})
	}
	for _, r := range []struct {
		n     int
		title string
	}{
		{3261, "SIP: Session Initiation Protocol"},
		{3312, "Integration of resource management and SIP (preconditions)"},
		{3326, "The Reason header field for SIP"},
		{3515, "The SIP Refer method"},
		{3903, "SIP extension for event state publication"},
		{4028, "Session timers in SIP"},
		{4412, "Communications resource priority for SIP"},
		{6228, "SIP response code for indication of terminated dialog"},
		{6432, "Carrying Q.850 codes in Reason header fields in SIP responses"},
		{6665, "SIP-specific event notification"},
		{8197, "A SIP response code for unwanted calls"},
		{8688, "A SIP response code for rejected calls"},
	} {
		n := strconv.Itoa(r.n)
		list = append(list, Source{Key: "rfc" + n, Title: "RFC " + n + ": " + r.title, URL: rfcEditorURL + n})
	}
	m := make(map[string]Source, len(list))
	for _, s := range list {
		s.Date = pageDates[s.Key]
		m[s.Key] = s
	}
	return m
}()

// pageDates are the ms.date values of the pages the issue-12 rules rest on,
// as read in the stored copies. Pages missing here showed no date (the
// Health Dashboard, the live 420 page, the ACS PSTN failures page).
var pageDates = map[string]string{
	"ms-dr-codes": "2024-11-22",
	"ms-dr-403":   "2024-11-22",
	"ms-dr-504":   "2024-11-22",
	"ms-dr-480":   "2023-10-30",
	"ms-dr-486":   "2023-10-30",
	"ms-cqd-pstn": "2020-03-06",
	"acs-pstn":    "2024-07-22",
	"acs-callend": "2024-10-10",
}

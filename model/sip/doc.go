// Package sip holds callscope's own explanation tables for triaging Microsoft
// Teams Direct Routing call failures, as reported by Graph's
// getDirectRoutingCalls rows (finalSipCode + callEndSubReason).
//
// The tables are written for this product from the research notes in
// shared/sip-triage.md, shared/sip-codes.tsv and shared/ms-subcodes.tsv. Each
// row keeps the keys of the sources it rests on (see LookupSource); text marked
// "(inference)" is our reasoning rather than documented behaviour.
//
// These lookups are meant for hot loops over every row of a report and neither
// allocate nor do more than constant work: LookupCode, LookupSubcode,
// WhoEnded, FinalResponseFrom, KindOfEnd, Classify and PhraseVariant (whose
// work grows only with the phrase's length). Explain and ExplainPhrase build
// a human-readable diagnosis and may allocate. Slices inside returned values
// are shared with the tables and must be treated as read-only.
//
// Outcome, Classify and Tally turn rows into the two carrier metrics: NER
// (network effectiveness ratio) with the formula of Microsoft's Direct
// Routing Health Dashboard, caller abandons left out of both sides (Microsoft
// says nothing about them), and ASR (answer seizure ratio) with the industry
// definition of ITU-T E.411, which Microsoft does not define. NERHelp and
// ASRHelp say so in words for help screens.
//
// FinalResponseFrom says whose service generated the final response by
// Microsoft's rules (560xxx the SBC; 540xxx disputed between the Teams and
// Azure Communication Services pages); KindOfEnd says whether the end is a
// normal end, a user outcome or a failure, and only failures get a place to
// look (Explanation.LookAt).
package sip

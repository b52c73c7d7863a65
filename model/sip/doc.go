// Package sip holds callscope's own explanation tables for triaging Microsoft
// Teams Direct Routing call failures, as reported by Graph's
// getDirectRoutingCalls rows (finalSipCode + callEndSubReason).
//
// The tables are written for this product from the research notes in
// shared/sip-triage.md, shared/sip-codes.tsv and shared/ms-subcodes.tsv. Each
// row keeps the keys of the sources it rests on (see LookupSource); text marked
// "(inference)" is our reasoning rather than documented behaviour.
//
// Four lookups are meant for hot loops over every row of a report and neither
// allocate nor do more than constant work: LookupCode, LookupSubcode,
// WhoEnded and Classify. Explain builds a human-readable diagnosis and may
// allocate. Slices inside returned values are shared with the tables and must
// be treated as read-only.
//
// Outcome, Classify and Tally turn rows into the two carrier metrics: ASR
// (answer seizure ratio, ITU-T E.411) and NER (network effectiveness ratio,
// ITU-T E.425), computed the way Microsoft's Direct Routing Health Dashboard
// describes it.
package sip

package fakegraph

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

const rawRecordID = "9a3c1f00-0000-4000-8000-00000000aaaa"

// rawHead is a record's own properties as Graph writes them, with what the
// model cannot carry: a null, an empty string, an empty array, a number
// written "1.50" and properties no model type has.
const rawHead = `"version":1,"type":"","modalities":[],"lastModifiedDateTime":"2026-11-22T09:10:00Z",` +
	`"startDateTime":"2026-11-22T09:00:00Z","endDateTime":"2026-11-22T09:05:00Z","id":"` + rawRecordID + `",` +
	`"joinWebUrl":null,"futureProperty":{"kind":"new","list":[],"ratio":1.50},` +
	`"organizer_v2":{"id":"org","identity":{"user":{"id":"org","displayName":"Ada Lovelace","tenantId":null},"acsUser":null}}`

// rawSession is session i with one segment, an ACS client and nulls.
func rawSession(i int) string {
	return fmt.Sprintf(`{"id":"s%d","caller":{"@odata.type":"#microsoft.graph.callRecords.participantEndpoint","name":"",`+
		`"userAgent":{"@odata.type":"#microsoft.graph.callRecords.clientUserAgent","productFamily":"azureCommunicationServices","headerValue":null}},`+
		`"callee":null,"failureInfo":null,"isTest":false,"modalities":[],"startDateTime":"2026-11-22T09:00:00Z","endDateTime":null,`+
		`"segments":[{"id":"g%d","media":[],"futureSegmentField":1.50}]}`, i, i)
}

// rawGetDoc is the record as Get with sessions($expand=segments) returns
// it from root when it has these sessions (60 or fewer): the document a
// test stores is then the exact body expected.
func rawGetDoc(root string, sessions int) string {
	var s []string
	for i := range sessions {
		s = append(s, rawSession(i))
	}
	return `{"@odata.context":"` + root + `/$metadata#communications/callRecords(sessions(segments()))/$entity",` + rawHead +
		`,"sessions@odata.context":"` + root + `/$metadata#communications/callRecords('` + rawRecordID + `')/sessions(segments())",` +
		`"sessions":[` + strings.Join(s, ",") + `]}`
}

func TestRawRecordIsServedAsStored(t *testing.T) {
	ten := NewTenant()
	_, ts := serve(t, ten, Options{})
	root := ts.URL + "/v1.0"
	doc := rawGetDoc(root, 2)
	if err := ten.AddRawRecord(json.RawMessage(doc)); err != nil {
		t.Fatal(err)
	}
	enums := []string{"Prefer", "include-unknown-enum-members"}
	got := get(t, ts, "/communications/callRecords/"+rawRecordID+"?$expand=sessions($expand=segments)", enums...).want(t, http.StatusOK)
	if string(got.body) != doc {
		t.Errorf("Get\n got %s\nwant %s", got.body, doc)
	}
	list := get(t, ts, "/communications/callRecords", enums...).want(t, http.StatusOK)
	if want := `"value":[{` + rawHead + `}]`; !strings.Contains(string(list.body), want) {
		t.Errorf("List holds no %s:\n%s", want, list.body)
	}
	sessions := get(t, ts, "/communications/callRecords/"+rawRecordID+"/sessions?$expand=segments", enums...).want(t, http.StatusOK)
	if want := `"value":[` + rawSession(0) + `,` + rawSession(1) + `]`; !strings.Contains(string(sessions.body), want) {
		t.Errorf("/sessions holds no %s:\n%s", want, sessions.body)
	}
	bare := get(t, ts, "/communications/callRecords/"+rawRecordID+"/sessions", enums...).want(t, http.StatusOK)
	if strings.Contains(string(bare.body), "segments") || !strings.Contains(string(bare.body), `"endDateTime":null}`) {
		t.Errorf("/sessions without $expand should drop the segments only:\n%s", bare.body)
	}
	if rec, ok := ten.Record(rawRecordID); !ok || len(rec.Sessions) != 2 || rec.OrganizerV2.Identity.User.DisplayName != "Ada Lovelace" {
		t.Errorf("decoded form %+v, %v", rec, ok)
	}
}

func TestRawRecordFollowsTheRequestRules(t *testing.T) {
	ten := NewTenant()
	_, ts := serve(t, ten, Options{})
	if err := ten.AddRawRecord(json.RawMessage(rawGetDoc(ts.URL+"/v1.0", 61))); err != nil {
		t.Fatal(err)
	}
	base := "/communications/callRecords/" + rawRecordID
	// No include-unknown-enum-members: the ACS family is hidden. omit-values=nulls: nulls go, at every depth.
	got := get(t, ts, base+"?$expand=sessions($expand=segments)", "Prefer", "omit-values=nulls").want(t, http.StatusOK)
	body := string(got.body)
	for _, gone := range []string{"null", "azureCommunicationServices"} {
		if strings.Contains(body, gone) {
			t.Errorf("Get still holds %s:\n%.600s", gone, body)
		}
	}
	for _, kept := range []string{`"productFamily":"unknownFutureValue"`, `"type":""`, `"modalities":[]`, `"ratio":1.50`, `"sessions@odata.nextLink"`} {
		if !strings.Contains(body, kept) {
			t.Errorf("Get lost %s:\n%.600s", kept, body)
		}
	}
	var rec struct {
		Sessions []json.RawMessage `json:"sessions"`
	}
	if err := json.Unmarshal(got.body, &rec); err != nil || len(rec.Sessions) != 60 {
		t.Errorf("Get inlines %d sessions (err %v), want the first 60 of 61", len(rec.Sessions), err)
	}
	sel := get(t, ts, "/communications/callRecords?$select=joinWebUrl,type", "Prefer", "include-unknown-enum-members").want(t, http.StatusOK)
	if want := `"value":[{"id":"` + rawRecordID + `","joinWebUrl":null,"type":""}]`; !strings.Contains(string(sel.body), want) {
		t.Errorf("$select: no %s in\n%s", want, sel.body)
	}
}

func TestRawLogRowsAreServedAsStored(t *testing.T) {
	ten := NewTenant()
	_, ts := serve(t, ten, Options{})
	dr := `{"id":"dr-raw","correlationId":null,"userDisplayName":"","startDateTime":"2026-11-22T09:00:00Z",` +
		`"finalSipCode":null,"callEndSubReason":null,"successfulCall":null,"futureColumn":[]}`
	ps := `{"id":"pstn-raw","callId":"","startDateTime":"2026-11-22T09:00:00Z","charge":null,"duration":null,"futureColumn":{"a":1}}`
	if err := ten.AddRawDirectRoutingRows(json.RawMessage(dr)); err != nil {
		t.Fatal(err)
	}
	if err := ten.AddRawPstnRows(json.RawMessage(ps)); err != nil {
		t.Fatal(err)
	}
	fn := "(fromDateTime=2026-11-22T08:00:00Z,toDateTime=2026-11-22T10:00:00Z)"
	if got := get(t, ts, "/communications/callRecords/getDirectRoutingCalls"+fn).want(t, http.StatusOK); !strings.Contains(string(got.body), `"value":[`+dr+`]`) {
		t.Errorf("direct routing page:\n%s", got.body)
	}
	if got := get(t, ts, "/communications/callRecords/getPstnCalls"+fn).want(t, http.StatusOK); !strings.Contains(string(got.body), `"value":[`+ps+`]`) {
		t.Errorf("pstn page:\n%s", got.body)
	}
	if rows := ten.DirectRoutingRows(); len(rows) != 1 || rows[0].ID != "dr-raw" {
		t.Errorf("decoded rows %+v", rows)
	}
}

func TestRawDocumentsThatAreNoEntityAreRefused(t *testing.T) {
	ten := NewTenant()
	for _, doc := range []string{`[]`, `{"id":""}`, `{"id":"x","sessions":{}}`, `{"id":"x"} {}`, `{"id":"x","version":"one"}`} {
		if err := ten.AddRawRecord(json.RawMessage(doc)); err == nil {
			t.Errorf("record %s accepted", doc)
		}
	}
	for _, doc := range []string{`null`, `{"callId":"no id"}`, `{"id":"x","duration":"long"}`} {
		if err := ten.AddRawDirectRoutingRows(json.RawMessage(doc)); err == nil {
			t.Errorf("direct routing row %s accepted", doc)
		}
		if err := ten.AddRawPstnRows(json.RawMessage(doc)); err == nil {
			t.Errorf("pstn row %s accepted", doc)
		}
	}
	if len(ten.Records()) != 0 || len(ten.DirectRoutingRows()) != 0 || len(ten.PstnRows()) != 0 {
		t.Error("a refused document was stored")
	}
}

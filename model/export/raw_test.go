package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/callscope/callscope/model"
)

// rawRow is a Direct Routing row as Graph might send it: nulls, an empty
// string, an unknown property, a number written 1.50, spacing, and an
// 8-bit CSI and a bidi override in the text.
const rawRow = "{ \"id\": \"dr-1\", \"correlationId\": null, \"userDisplayName\": \"Eve\u009b31m\u202e\",\n" +
	"  \"finalSipCode\": null, \"futureColumn\": [], \"ratio\": 1.50, \"callType\": \"\" }"

// rawRowOut is rawRow as the writers put it out: compact, the controls as
// \u escapes, every property kept.
const rawRowOut = `{"id":"dr-1","correlationId":null,"userDisplayName":"Eve\u009b31m\u202e","finalSipCode":null,"futureColumn":[],"ratio":1.50,"callType":""}`

func TestWriteRawWritesGraphsObjectInJSONAndColumnsInCSV(t *testing.T) {
	row := model.DirectRoutingRow{ID: "dr-1", UserDisplayName: "Eve"}
	cases := map[Format]string{
		JSONLines: rawRowOut + "\n" + `{"id":"dr-2","correlationId":"c"}` + "\n",
		JSON:      "[\n" + rawRowOut + ",\n" + `{"id":"dr-2","correlationId":"c"}` + "\n]\n",
	}
	for format, want := range cases {
		var b bytes.Buffer
		rw := NewRowWriter(&b, format, DirectRoutingColumns)
		if err := rw.WriteRaw(&row, json.RawMessage(rawRow)); err != nil {
			t.Fatal(err)
		}
		if err := rw.WriteRaw(&model.DirectRoutingRow{ID: "ignored"}, json.RawMessage(`{"id":"dr-2","correlationId":"c"}`)); err != nil {
			t.Fatal(err)
		}
		if err := rw.Close(); err != nil {
			t.Fatal(err)
		}
		if b.String() != want {
			t.Errorf("%s:\n got %q\nwant %q", format, b.String(), want)
		}
		if i, what := model.FindTerminalHazard(b.String()); i >= 0 {
			t.Errorf("%s: %s at %d", format, what, i)
		}
	}
	var b bytes.Buffer
	rw := NewRowWriter(&b, CSV, DirectRoutingColumns)
	if err := rw.WriteRaw(&row, json.RawMessage(rawRow)); err != nil {
		t.Fatal(err)
	}
	_ = rw.Close()
	if got := strings.Split(b.String(), "\n")[1]; !strings.HasPrefix(got, "dr-1,,,,Eve,") || strings.Contains(got, "futureColumn") {
		t.Errorf("csv row %q should be the decoded columns", got)
	}
}

func TestWriteRawWithoutBytesEncodesTheRow(t *testing.T) {
	var b bytes.Buffer
	rw := NewRowWriter(&b, JSONLines, CallColumns)
	if err := rw.WriteRaw(&model.CallRecord{ID: "a"}, nil); err != nil {
		t.Fatal(err)
	}
	_ = rw.Close()
	if !strings.HasPrefix(b.String(), `{"id":"a"`) {
		t.Errorf("got %s", b.String())
	}
	if err := NewRowWriter(&b, JSONLines, CallColumns).WriteRaw(&model.CallRecord{}, json.RawMessage(`{"id":`)); err == nil {
		t.Error("a cut-off object was written")
	}
}

func TestWriteRawJSONKeepsEveryByte(t *testing.T) {
	in := "{\n  \"id\": \"r\",\n  \"joinWebUrl\": null,\n  \"type\": \"\",\n  \"modalities\": [],\n  \"name\": \"a\u009bb<&>\"\n}\n\n"
	want := "{\n  \"id\": \"r\",\n  \"joinWebUrl\": null,\n  \"type\": \"\",\n  \"modalities\": [],\n  \"name\": \"a\\u009bb<&>\"\n}\n"
	var b bytes.Buffer
	if err := WriteRawJSON(&b, json.RawMessage(in)); err != nil {
		t.Fatal(err)
	}
	if b.String() != want {
		t.Errorf("got %q\nwant %q", b.String(), want)
	}
	if err := WriteRawJSON(&b, json.RawMessage(`{"id":`)); err == nil {
		t.Error("invalid JSON was written")
	}
	var we *WriteError
	if err := WriteRawJSON(failingWriter{}, json.RawMessage(`{}`)); !errors.As(err, &we) {
		t.Errorf("a failed write is %v, want a WriteError", err)
	}
}

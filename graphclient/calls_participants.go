package graphclient

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/callscope/callscope/model"
)

// GetCallRecordWithParticipants is GetCallRecord (every session and
// segment) with every participant as well: Get callRecord expands one
// relationship per request, sessions or participants_v2, and inlines at
// most 130 participants ("Get callRecord", Microsoft Graph v1.0;
// graph-api.md §1.2-1.4), so the participants are read from the
// participants_v2 endpoint, page by page ("List participants_v2",
// Microsoft Graph v1.0, 130 a page; graph-api.md §1.4). Each request is
// paced by the client's limiter, as every request is.
//
// The record's Raw is GetCallRecord's with a participants_v2 array of the
// participants as Graph sent them, and no participants_v2@odata.nextLink:
// the array is complete. A store keeps those bytes, so that a participant
// search over stored records can judge them as Graph's
// $filter=participants_v2/any(p:p/id eq '…') would.
func (c *Client) GetCallRecordWithParticipants(ctx context.Context, id string) (*model.CallRecord, error) {
	rec, err := c.GetCallRecord(ctx, id)
	if err != nil {
		return nil, err
	}
	parts, raw, err := c.allParticipants(ctx, "/communications/callRecords/"+url.PathEscape(id))
	if err != nil {
		return nil, fmt.Errorf("get call record %s: participants: %w", id, err)
	}
	if rec.Raw, err = withArray(rec.Raw, "participants_v2", raw); err != nil {
		return nil, fmt.Errorf("get call record %s: %w", id, err)
	}
	rec.ParticipantsV2, rec.ParticipantsV2NextLink = parts, ""
	return rec, nil
}

// allParticipants reads every page of a record's participants_v2, each
// page once: decoded, and each participant as Graph sent it.
func (c *Client) allParticipants(ctx context.Context, base string) ([]model.Participant, []json.RawMessage, error) {
	return allPages[model.Participant](ctx, c, c.endpoint(base+"/participants_v2", ""))
}

package store

import (
	"context"
	"database/sql"

	"github.com/callscope/callscope/model"
)

// Incomplete lists the ids of rows whose expanded record sync must fetch:
// not stored, older than the row, or stored without its participant list.
// A record the explorer or `calls --quality` kept has its sessions only
// (Graph expands participants_v2 in a request of its own), and
// `calls --offline --participant` cannot judge such a call, so sync fetches
// it again with its participants.
func (s *Store) Incomplete(ctx context.Context, rows []model.CallRecord) ([]string, error) {
	var ids []string
	for i := range rows {
		var v int64
		var m sql.NullInt64
		var withParticipants bool
		err := s.db.QueryRowContext(ctx, `SELECT version, modified, instr(raw, '"participants_v2"') > 0 FROM records WHERE id = ?`, rows[i].ID).
			Scan(&v, &m, &withParticipants)
		switch {
		case err == sql.ErrNoRows:
			ids = append(ids, rows[i].ID)
			continue
		case err != nil:
			return nil, s.classify("read record "+rows[i].ID, err)
		}
		current := rows[i].Version <= v && micros(rows[i].LastModifiedDateTime.Time).Int64 <= m.Int64
		if !current || !withParticipants {
			ids = append(ids, rows[i].ID)
		}
	}
	return ids, nil
}

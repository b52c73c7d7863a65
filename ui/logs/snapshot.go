package logs

// snapshot is a copy of the report for a goroutine: the stores' rows and
// tables up to now, which later rows never change.
func (r *directRouting) snapshot() report {
	return &directRouting{r.DRStore.ReadOnly(), r.about, r.source}
}

func (r *pstn) snapshot() report { return &pstn{r.PstnStore.ReadOnly(), r.about, r.source} }

package model

import "testing"

func TestIsGUID(t *testing.T) {
	for s, want := range map[string]bool{
		"2f1a1100-b174-40a0-aba7-0b405e01ed92": true,
		"2F1A1100-B174-40A0-ABA7-0B405E01ED92": true,
		"2f1a1100-b174-40a0-aba7-0b405e01ed9":  false, // 35
		"2f1a1100b174-40a0-aba7-0b405e01ed92-": false, // a dash out of place
		"2f1a1100-b174-40a0-aba7-0b405e01ed9g": false, // not hex
		"":                                     false,
	} {
		if got := IsGUID(s); got != want {
			t.Errorf("IsGUID(%q) = %v, want %v", s, got, want)
		}
	}
}

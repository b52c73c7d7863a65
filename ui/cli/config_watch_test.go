package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/ui"
)

func TestConfigWatchSectionReachesTheExplorer(t *testing.T) {
	cfg, err := parseConfig("config.yaml", []byte("watch:\n  interval: 45s\n  bell: true\n  alert_failed: 25%\n  alert_min_calls: 20\n"), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	rings := 0
	c := confOptions{file: cfg}
	w := c.watchOptions(func() { rings++ })
	if w.Interval != 45*time.Second || w.Alert.Rate != 0.25 || w.Alert.MinCalls != 20 || w.Alert.Window != 15*time.Minute {
		t.Fatalf("watch options %+v", w)
	}
	if w.Bell == nil {
		t.Fatal("bell: true gave no bell")
	}
	w.Bell()
	if rings != 1 {
		t.Fatal("the bell given is not the one rung")
	}
}

func TestConfigWatchDefaultsLeaveTheBellOff(t *testing.T) {
	for _, body := range []string{"", "watch:\n  interval: 2m\n", "watch:\n  bell: false\n"} {
		cfg, err := parseConfig("config.yaml", []byte(body), time.Now())
		if err != nil {
			t.Fatal(err)
		}
		w := (&confOptions{file: cfg}).watchOptions(func() { t.Error("rang") })
		if w.Bell != nil {
			t.Errorf("%q: the bell is on without bell: true", body)
		}
		if w.Alert != (ui.TrunkAlertRule{}) {
			t.Errorf("%q: an alert rule set without alert settings: %+v", body, w.Alert)
		}
	}
	if w := (&confOptions{}).watchOptions(nil); w.Interval != 0 || w.Bell != nil {
		t.Errorf("no file: %+v", w)
	}
}

func TestConfigWatchSectionErrors(t *testing.T) {
	cases := []struct{ body, want string }{
		{"watch:\n  interval: 10s\n", "config.yaml:2: watch.interval: 10s is too often: at least 30s"},
		{"watch:\n  interval: soon\n", "config.yaml:2: watch.interval: want a duration"},
		{"watch:\n  bell: loud\n", "config.yaml:2: watch.bell: use true or false"},
		{"watch:\n  alert_failed: 130%\n", "config.yaml:2: watch.alert_failed: want a share of failed calls between 0 and 100, such as 30%"},
		{"watch:\n  alert_min_calls: 0\n", "config.yaml:2: watch.alert_min_calls: want a whole number"},
		{"watch:\n  every: 1m\n", "config.yaml:2: watch.every: unknown setting (settings here: interval, bell, alert_failed, alert_min_calls)"},
	}
	for _, tc := range cases {
		_, err := parseConfig("config.yaml", []byte(tc.body), time.Now())
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.body, err, tc.want)
		}
	}
}

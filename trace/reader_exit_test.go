package trace_test

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/voipsim/voipsim/trace"
)

// A check's reading goroutine must end with the check, however the check ends: a
// long-lived program that checks many traces would otherwise keep one goroutine, and its
// batches of lines, per trace. The goroutine may still be returning when Check does, so
// the test waits for it a while.
func TestCheckLeavesNoReaderBehind(t *testing.T) {
	line := "{\"op\":\"carrierCallStart\"}\n"
	long := strings.Repeat(line, 5000) // more lines than the batches in flight hold
	stop := errors.New("stop")
	for _, tc := range []struct {
		name  string
		input io.Reader
		emit  func(*trace.Record) error
	}{
		{"end of input", strings.NewReader(long), func(*trace.Record) error { return nil }},
		{"empty input", strings.NewReader(""), func(*trace.Record) error { return nil }},
		{"read error", io.MultiReader(strings.NewReader(line), iotest.ErrReader(errors.New("disk gone"))),
			func(*trace.Record) error { return nil }},
		{"emit stops it", strings.NewReader(long), func(*trace.Record) error { return stop }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _ = trace.Check(tc.input, trace.Options{AllowOpen: true}, tc.emit)
			assert.Eventually(t, func() bool { return !readerRunning() }, 5*time.Second, time.Millisecond,
				"the reading goroutine of the check is still running")
		})
	}
}

// readerRunning reports whether any goroutine is in a check's reading stage.
func readerRunning() bool {
	buf := make([]byte, 1<<20)
	n := runtime.Stack(buf, true)
	return bytes.Contains(buf[:n], []byte("trace.(*lineReader).fill"))
}

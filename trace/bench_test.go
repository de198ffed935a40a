package trace_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/voipsim/voipsim/trace"
	"github.com/voipsim/voipsim/trace/internal/tracegen"
)

// benchLines is the size of the generated trace BenchmarkCheck reads per op.
const benchLines = 100000

// BenchmarkCheck checks a generated trace of realistic mix and writes the JSON output to
// a discarding writer, as `voipsim check --format json > /dev/null` does.
func BenchmarkCheck(b *testing.B) {
	var in bytes.Buffer
	if err := tracegen.Generate(&in, tracegen.Config{Lines: benchLines, Seed: 1, Comments: true}); err != nil {
		b.Fatal(err)
	}
	data := in.Bytes()
	var out []byte
	emit := func(r *trace.Record) error {
		out = r.AppendJSON(out[:0])
		_, err := io.Discard.Write(out)
		return err
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sum, err := trace.Check(bytes.NewReader(data), trace.Options{}, emit)
		if err != nil || sum.Lines != benchLines || sum.Malformed != 0 || sum.Unexpected != 0 {
			b.Fatalf("check: %v, %+v", err, sum)
		}
	}
	b.ReportMetric(float64(benchLines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

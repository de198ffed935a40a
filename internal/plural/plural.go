// Package plural words counts for people: the simulator's run log and the CLI's summaries
// both say "1 call" and "2 calls".
package plural

import "strconv"

// Count is n and the noun, plural unless n is 1: "1 violation", "0 violations".
func Count(n int, noun string) string {
	if n != 1 {
		noun += "s"
	}
	return strconv.Itoa(n) + " " + noun
}

package explore

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Part is a summary to merge, with the name its errors call it by: its file.
type Part struct {
	Name string
	*Summary
}

// Merge is MergeParts of summaries named by their place: "summary 1", "summary 2", ….
func Merge(parts ...*Summary) (*Summary, error) {
	named := make([]Part, len(parts))
	for i, p := range parts {
		named[i] = Part{Name: "summary " + itoa(i+1), Summary: p}
	}
	return MergeParts(named...)
}

// MergeParts sums the summaries of the shards of one campaign into the summary of the
// whole: counts add up, apps match by name, and each kind of failure keeps the
// reproducer of its first seed. The parts must be every shard of one campaign, each
// once (a whole campaign's summary is its only shard), and each must pass Check: a
// sum of anything else would look like a campaign that never ran. Errors name the part.
func MergeParts(parts ...Part) (*Summary, error) {
	if err := checkParts(parts); err != nil {
		return nil, err
	}
	out := &Summary{First: parts[0].First, Seeds: parts[0].Seeds, Steps: parts[0].Steps}
	for _, p := range parts {
		out.Shards = append(out.Shards, p.Shards...)
		out.Seconds += p.Seconds
		for i := range p.Apps {
			out.app(p.Apps[i].App).merge(&p.Apps[i])
		}
	}
	slices.SortFunc(out.Shards, func(a, b string) int {
		x, _ := ParseShard(a)
		y, _ := ParseShard(b)
		return cmp.Compare(x.K, y.K)
	})
	for i := range out.Apps {
		sortFindings(out.Apps[i].Findings)
	}
	return out, nil
}

// checkParts refuses parts that are not the shards of one campaign.
func checkParts(parts []Part) error {
	if len(parts) == 0 {
		return fmt.Errorf("explore: no summary to merge")
	}
	for _, p := range parts {
		if err := p.Check(); err != nil {
			return fmt.Errorf("%s: %w", p.Name, err)
		}
	}
	a := parts[0]
	for _, b := range parts[1:] {
		if b.First != a.First || b.Seeds != a.Seeds || b.Steps != a.Steps {
			return fmt.Errorf("%s is of seeds %s with %d steps, %s of seeds %s with %d steps: they are different campaigns",
				b.Name, b.SeedRange(), b.Steps, a.Name, a.SeedRange(), a.Steps)
		}
		if !slices.Equal(b.appNames(), a.appNames()) {
			return fmt.Errorf("%s ran apps %s, %s ran %s", b.Name, strings.Join(b.appNames(), " "), a.Name, strings.Join(a.appNames(), " "))
		}
	}
	return checkCover(parts)
}

func (s *Summary) appNames() []string {
	names := make([]string, len(s.Apps))
	for i := range s.Apps {
		names[i] = s.Apps[i].App
	}
	return names
}

// checkCover checks that the parts' shards split the campaign one way, each shard once.
func checkCover(parts []Part) error {
	n := parts[0].shardList()[0].N
	given := map[Shard]string{}
	for _, p := range parts {
		for _, sh := range p.shardList() {
			if sh.N != n {
				return fmt.Errorf("%s is %s but %s is %s", p.Name, p.describe(), parts[0].Name, parts[0].describe())
			}
			if name, ok := given[sh]; ok {
				return fmt.Errorf("%s is given twice: %s and %s", describeShard(sh), name, p.Name)
			}
			given[sh] = p.Name
		}
	}
	return missingShards(given, n)
}

// missingShards names the first few shards of n not given, if any.
func missingShards(given map[Shard]string, n int) error {
	missing := n - len(given)
	var names []string
	for k := 1; len(names) < min(missing, 3); k++ {
		if _, ok := given[Shard{k, n}]; !ok {
			names = append(names, itoa(k)+"/"+itoa(n))
		}
	}
	switch {
	case missing == 0:
		return nil
	case missing == 1:
		return fmt.Errorf("shard %s is missing", names[0])
	case missing <= 3:
		return fmt.Errorf("shards %s and %s are missing", strings.Join(names[:len(names)-1], ", "), names[len(names)-1])
	}
	return fmt.Errorf("shards %s and %d more are missing", strings.Join(names, ", "), missing-len(names))
}

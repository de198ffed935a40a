package callstate

import (
	"fmt"
	"sort"
	"strings"
)

// edge is one declared transition, named by its states' short names (ACTIVE, not
// VOIP_CALL_STATE_ACTIVE) to keep diagrams readable.
type edge struct{ from, to string }

// short names a state of the declaration (compileLifecycle has checked every name).
func short(state string) string {
	s, _ := ParseCallState(state)
	return s.Short()
}

// lifecycleEdges flattens Lifecycle into sorted edges, so that diagrams are byte-stable.
func lifecycleEdges() []edge {
	var out []edge
	for _, e := range Lifecycle {
		for _, src := range e.Src {
			out = append(out, edge{short(src), short(e.Dst)})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].from != out[j].from {
			return out[i].from < out[j].from
		}
		return out[i].to < out[j].to
	})
	return out
}

// Mermaid draws the lifecycle as a Mermaid state diagram: both starts (incoming, outgoing),
// every declared transition in sorted order, and DISCONNECTED as the end.
func Mermaid() string {
	var b strings.Builder
	b.WriteString("stateDiagram-v2\n")
	fmt.Fprintf(&b, "    [*] --> %s: reportIncomingCall\n", short(InitialIncoming.String()))
	fmt.Fprintf(&b, "    [*] --> %s: reportOutgoingCall\n", short(InitialOutgoing.String()))
	for _, e := range lifecycleEdges() {
		fmt.Fprintf(&b, "    %s --> %s\n", e.from, e.to)
	}
	fmt.Fprintf(&b, "    %s --> [*]\n", short(StateDisconnected.String()))
	return b.String()
}

// DOT draws the lifecycle as a Graphviz digraph, in sorted, stable order.
func DOT() string {
	var b strings.Builder
	b.WriteString("digraph lifecycle {\n    rankdir=LR;\n    node [shape=box, style=rounded];\n")
	b.WriteString("    start [shape=point];\n    end [shape=doublecircle, label=\"\", width=0.2];\n")
	fmt.Fprintf(&b, "    start -> %s [label=\"reportIncomingCall\"];\n", short(InitialIncoming.String()))
	fmt.Fprintf(&b, "    start -> %s [label=\"reportOutgoingCall\"];\n", short(InitialOutgoing.String()))
	for _, e := range lifecycleEdges() {
		fmt.Fprintf(&b, "    %s -> %s;\n", e.from, e.to)
	}
	fmt.Fprintf(&b, "    %s -> end;\n}\n", short(StateDisconnected.String()))
	return b.String()
}

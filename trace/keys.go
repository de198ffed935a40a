package trace

import (
	"strconv"

	"github.com/voipsim/voipsim/callstate"
)

// The keys the decoder reads, numbered per object. The number picks how a key is read, and
// is its bit in a keySet: a known key given twice in one object makes the line malformed,
// since which of its values the author meant is a guess (encoding/json silently takes the
// last). Unknown keys are ignored, and so are their repeats.

// keyID numbers a key within its object; keyOther is any key the decoder does not read.
type keyID uint8

const keyOther keyID = 0

// The keys of a line.
const (
	keyOp keyID = iota + 1
	keyT
	keyExpect
	keyAttribute
	keyType
	keyCallback
	keyCallID
	keyCallState
	keyCallType
	keyAudioEvent
	keyFailureCause
	keyUIEvent
	keyErrorReason
	keyCode
)

// The keys of voipCallAttribute.
const (
	keyAttrCallID keyID = iota + 1
	keyAttrCallType
	keyAttrUserName
	keyAttrUserProfile
	keyAttrAbilityName
	keyAttrCallState
	keyAttrOption // the first optional boolean; the others follow in the order of options
)

// The keys of userProfile.
const (
	keyWidth keyID = iota + 1
	keyHeight
	keyByteCount
)

var (
	lineKeys = indexKeys(map[string]keyID{
		"op": keyOp, "t": keyT, "expect": keyExpect, "voipCallAttribute": keyAttribute,
		"type": keyType, "callback": keyCallback, "callId": keyCallID, "callState": keyCallState,
		"callType": keyCallType, "callAudioEvent": keyAudioEvent,
		"voipCallFailureCause": keyFailureCause, "voipCallUiEvent": keyUIEvent,
		"errorReason": keyErrorReason, "code": keyCode,
	})
	attributeKeys = indexAttributeKeys()
	profileKeys   = indexKeys(map[string]keyID{"width": keyWidth, "height": keyHeight, "byteCount": keyByteCount})
)

func indexAttributeKeys() *nameIndex[keyID] {
	keys := map[string]keyID{
		"callId": keyAttrCallID, "voipCallType": keyAttrCallType, "userName": keyAttrUserName,
		"userProfile": keyAttrUserProfile, "abilityName": keyAttrAbilityName,
		"voipCallState": keyAttrCallState,
	}
	for i, o := range new(callstate.Attribute).Options() {
		keys[o.Name] = keyAttrOption + keyID(i)
	}
	return indexKeys(keys)
}

func indexKeys(keys map[string]keyID) *nameIndex[keyID] {
	x := new(nameIndex[keyID])
	for name, id := range keys {
		if id == keyOther || id >= 32 {
			panic("trace: key " + name + " has no bit in a keySet")
		}
		x.add(name, id)
	}
	return x
}

// keySet is the known keys an object has given so far, a bit per keyID.
type keySet uint32

// noteKey looks key up among the keys of its object and records it as seen. It returns the
// key's number; a repeat makes the line malformed (d.repeat), naming the object (in).
func (d *decoder) noteKey(seen *keySet, keys *nameIndex[keyID], key []byte, in string) keyID {
	id, _ := keys.find(key)
	if id == keyOther {
		return id
	}
	bit := keySet(1) << id
	if *seen&bit != 0 && d.repeat == "" {
		d.repeat = "duplicate key " + strconv.Quote(string(key)) + in
	}
	*seen |= bit
	return id
}

package model

// DiffFindings compares two runs by Finding.Key: added are the findings of
// cur whose key was not in prev, resolved those of prev whose key is not in
// cur. A finding whose count changed is neither (same key). Both results
// keep the order of their input.
func DiffFindings(prev, cur []Finding) (added, resolved []Finding) {
	pk := make(map[string]struct{}, len(prev))
	for _, f := range prev {
		pk[f.Key()] = struct{}{}
	}
	ck := make(map[string]struct{}, len(cur))
	for _, f := range cur {
		k := f.Key()
		ck[k] = struct{}{}
		if _, ok := pk[k]; !ok {
			added = append(added, f)
		}
	}
	for _, f := range prev {
		if _, ok := ck[f.Key()]; !ok {
			resolved = append(resolved, f)
		}
	}
	return added, resolved
}

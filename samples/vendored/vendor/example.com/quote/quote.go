// Package quote is a small dependency module written for the vendored sample; it exists only in vendor/.
package quote

// Go returns a Go proverb.
func Go() string {
	return "Don't communicate by sharing memory, share memory by communicating."
}

// Package greeting words the service's answer; a local package, so edits to it rebuild the binary.
package greeting

// For returns the greeting for name, or for the world when name is empty.
func For(name string) string {
	if name == "" {
		name = "world"
	}
	return "Hello, " + name + "!"
}

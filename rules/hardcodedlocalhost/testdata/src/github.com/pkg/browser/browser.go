// Package browser is a stub of github.com/pkg/browser: it opens URLs in the
// user's browser, on the host.
package browser

func OpenURL(url string) error { return nil }

// Command hello is a small HTTP service: the GoImage.Sdk sample.
package main

import (
	"embed"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"strings"
	"time"

	"example.com/hello/internal/greeting"
)

// version is stamped at build time through GoVersionVariable (-X main.version=...).
var version = "dev"

//go:embed static
var static embed.FS

func main() {
	showVersion := flag.Bool("version", false, "print the version and exit")
	addr := flag.String("addr", ":8080", "address to listen on")
	healthcheck := flag.Bool("healthcheck", false, "probe /healthz on -addr and exit 0 if it answers (the image has no curl or shell)")
	whoami := flag.Bool("whoami", false, "print the user and group ids the process runs as, and exit")
	flag.Parse()

	switch {
	case *showVersion:
		fmt.Println(version)
		return
	case *whoami:
		fmt.Printf("uid=%d gid=%d\n", os.Getuid(), os.Getgid())
		return
	case *healthcheck:
		os.Exit(probe(*addr))
	}

	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("/hello", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, greeting.For(r.URL.Query().Get("name")))
	})
	mux.Handle("/", http.FileServerFS(static))

	log.Printf("hello %s listening on %s", version, *addr)
	if err := http.ListenAndServe(*addr, mux); err != nil {
		log.Print(err)
		os.Exit(1)
	}
}

// probe is the container's health check: exec form, so it needs nothing but this binary.
func probe(addr string) int {
	if strings.HasPrefix(addr, ":") {
		addr = "127.0.0.1" + addr
	}
	client := http.Client{Timeout: 2 * time.Second}
	resp, err := client.Get("http://" + addr + "/healthz")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintln(os.Stderr, resp.Status)
		return 1
	}
	return 0
}

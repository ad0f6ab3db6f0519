// Command hello is a small HTTP service: the GoImage.Sdk sample.
package main

import (
	"embed"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"

	"example.com/hello/internal/greeting"
)

// version is stamped at build time through GoVersionVariable (-X main.version=...).
var version = "dev"

//go:embed static
var static embed.FS

func main() {
	showVersion := flag.Bool("version", false, "print the version and exit")
	addr := flag.String("addr", ":8080", "address to listen on")
	flag.Parse()

	if *showVersion {
		fmt.Println(version)
		return
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

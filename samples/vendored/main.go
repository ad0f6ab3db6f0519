// Command vendored prints a quote from a dependency that lives only in vendor/.
package main

import (
	"flag"
	"fmt"

	"example.com/quote"
)

var version = "dev"

func main() {
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.Parse()
	if *showVersion {
		fmt.Println(version)
		return
	}
	fmt.Println(quote.Go())
}

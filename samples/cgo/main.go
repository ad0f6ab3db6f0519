// Command cgo is the GoImage.Sdk cgo sample: Go calling a small C function, built static for each platform.
package main

// #include "checksum.h"
import "C"

import (
	"fmt"
	"os"
	"runtime"
	"unsafe"
)

func adler32(text string) uint32 {
	data := []byte(text)
	if len(data) == 0 {
		return uint32(C.adler32(nil, 0))
	}
	return uint32(C.adler32((*C.uchar)(unsafe.Pointer(&data[0])), C.size_t(len(data))))
}

func main() {
	text := "Wikipedia"
	if len(os.Args) > 1 {
		text = os.Args[1]
	}
	fmt.Printf("adler32(%q) = %08x on %s/%s\n", text, adler32(text), runtime.GOOS, runtime.GOARCH)
}

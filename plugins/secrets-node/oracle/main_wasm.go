//go:build js && wasm

package main

import "syscall/js"

// Exposes helmOracleRender(json string) -> json string and stays alive.
func main() {
	js.Global().Set("helmOracleRender", js.FuncOf(func(this js.Value, args []js.Value) interface{} {
		out, err := renderBatch([]byte(args[0].String()))
		if err != nil {
			return js.ValueOf(`{"error":` + quote(err.Error()) + `}`)
		}
		return js.ValueOf(string(out))
	}))
	select {}
}

func quote(s string) string {
	b, _ := jsonMarshal(s)
	return string(b)
}

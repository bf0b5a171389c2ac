// Command helm-oracle renders Helm-style templates with Go's own text/template,
// sprig v3 and the deterministic functions Helm adds, so that the TypeScript
// engine in src/helm can be compared with the real thing byte for byte.
//
// Input (stdin, JSON):  [{"id": "...", "templates": [{"name": "...", "src": "..."}],
//
//	"main": "...", "values": ..., "context": {...}}, ...]
//
// With --funcs it lists the functions of its FuncMap, one a line.
//
// "main": "*" renders every template but the _helpers, each after a
// "---# <name>" line (measurements only).
//
// Output (stdout, JSON): [{"id": "...", "output": "..."} | {"id": "...", "error": "..."}]
//
// A value {"$int": "12"} in the input stands for a Go int (everything else
// decodes as encoding/json does: numbers are float64, as in Helm's values).
//
// Built with GOOS=js GOARCH=wasm, the same program exposes a global function
// `helmOracleRender(json) -> json` instead of reading stdin.
package main

import (
	"bytes"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strings"
	"text/template"

	"github.com/BurntSushi/toml"
	"github.com/Masterminds/sprig/v3"
	"github.com/ghodss/yaml"
)

type source struct {
	Name string `json:"name"`
	Src  string `json:"src"`
}

type testCase struct {
	ID        string                 `json:"id"`
	Templates []source               `json:"templates"`
	Main      string                 `json:"main"`
	Values    interface{}            `json:"values"`
	Context   map[string]interface{} `json:"context"`
}

type result struct {
	ID     string  `json:"id"`
	Output *string `json:"output,omitempty"`
	Error  *string `json:"error,omitempty"`
}

// Helm: recursionMaxNums in pkg/engine/engine.go.
const recursionMaxNums = 1000

// untag turns {"$int": "n"} into int and leaves everything else as decoded.
func untag(v interface{}) interface{} {
	switch x := v.(type) {
	case map[string]interface{}:
		if len(x) == 1 {
			if s, ok := x["$int"].(string); ok {
				var n int
				if _, err := fmt.Sscan(s, &n); err == nil {
					return n
				}
			}
		}
		for k, e := range x {
			x[k] = untag(e)
		}
		return x
	case []interface{}:
		for i, e := range x {
			x[i] = untag(e)
		}
		return x
	}
	return v
}

// The deterministic part of Helm's funcMap (pkg/engine/funcs.go).

// unmarshal is what fromYaml and fromJson decode with.
type unmarshal func(data []byte, v interface{}) error

func yamlUnmarshal(data []byte, v interface{}) error { return yaml.Unmarshal(data, v) }

// fromMap is Helm's fromYaml or fromJson: a map, or one holding the error under "Error".
func fromMap(decode unmarshal) func(string) map[string]interface{} {
	return func(str string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := decode([]byte(str), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
}

// fromArray is Helm's fromYamlArray or fromJsonArray: a list, or one holding the error.
func fromArray(decode unmarshal) func(string) []interface{} {
	return func(str string) []interface{} {
		a := []interface{}{}
		if err := decode([]byte(str), &a); err != nil {
			a = []interface{}{err.Error()}
		}
		return a
	}
}

func mustToYAML(v interface{}) (string, error) {
	data, err := yaml.Marshal(v)
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(string(data), "\n"), nil
}

// toYAML is mustToYAML with errors as an empty string, as toJSON is for mustToJSON.
func toYAML(v interface{}) string {
	s, _ := mustToYAML(v)
	return s
}

func mustToJSON(v interface{}) (string, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return string(data), nil
}

func toJSON(v interface{}) string {
	s, _ := mustToJSON(v)
	return s
}

func toTOML(v interface{}) string {
	b := bytes.NewBuffer(nil)
	if err := toml.NewEncoder(b).Encode(v); err != nil {
		return err.Error()
	}
	return b.String()
}

func required(warn string, val interface{}) (interface{}, error) {
	if val == nil {
		return val, errors.New(warn)
	} else if s, ok := val.(string); ok && s == "" {
		return val, errors.New(warn)
	}
	return val, nil
}

func sha512sum(input string) string {
	hash := sha512.Sum512([]byte(input))
	return hex.EncodeToString(hash[:])
}

func fail(msg string) (string, error) {
	return "", errors.New(msg)
}

func baseFuncMap() template.FuncMap {
	f := sprig.TxtFuncMap()
	// Helm removes the environment readers.
	delete(f, "env")
	delete(f, "expandenv")
	extra := template.FuncMap{
		"toToml":        toTOML,
		"toYaml":        toYAML,
		"mustToYaml":    mustToYAML,
		"fromYaml":      fromMap(yamlUnmarshal),
		"fromYamlArray": fromArray(yamlUnmarshal),
		"toJson":        toJSON,
		"mustToJson":    mustToJSON,
		"fromJson":      fromMap(json.Unmarshal),
		"fromJsonArray": fromArray(json.Unmarshal),
		"required":      required,
		"fail":          fail,
		// sprig v3.3.0 (what Helm ships) adds sha512sum to v3.2.3
		"sha512sum": sha512sum,
		// bound per template set by bindRenderers
		"include": func(string, interface{}) string { return "not implemented" },
		"tpl":     func(string, interface{}) string { return "not implemented" },
	}
	for k, v := range extra {
		f[k] = v
	}
	return f
}

func includeFun(t *template.Template, included map[string]int) func(string, interface{}) (string, error) {
	return func(name string, data interface{}) (string, error) {
		var buf strings.Builder
		if v, ok := included[name]; ok {
			if v > recursionMaxNums {
				return "", fmt.Errorf("rendering template has a nested reference name: %s: unable to execute template", name)
			}
			included[name]++
		} else {
			included[name] = 1
		}
		err := t.ExecuteTemplate(&buf, name, data)
		included[name]--
		return buf.String(), err
	}
}

func templateName(vals interface{}) string {
	m, ok := vals.(map[string]interface{})
	if !ok {
		return ""
	}
	tm, ok := m["Template"].(map[string]interface{})
	if !ok {
		return ""
	}
	s, _ := tm["Name"].(string)
	return s
}

func tplFun(parent *template.Template, included map[string]int) func(string, interface{}) (string, error) {
	return func(tpl string, vals interface{}) (string, error) {
		t, err := parent.Clone()
		if err != nil {
			return "", fmt.Errorf("cannot clone template: %w", err)
		}
		t.Option("missingkey=zero")
		t.Funcs(template.FuncMap{
			"include": includeFun(t, included),
			"tpl":     tplFun(t, included),
		})
		name := templateName(vals)
		if name == "" {
			name = parent.Name()
		}
		t, err = t.New(name).Parse(tpl)
		if err != nil {
			return "", fmt.Errorf("cannot parse template %q: %w", tpl, err)
		}
		var buf strings.Builder
		if err := t.Execute(&buf, vals); err != nil {
			return "", fmt.Errorf("error during tpl function execution for %q: %w", tpl, err)
		}
		return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
	}
}

// The FuncMap without include/tpl, built once (pure functions only).
var funcs = baseFuncMap()

func render(c testCase) (out string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	root := template.New("gotpl").Option("missingkey=zero").Funcs(funcs)
	included := map[string]int{}
	root.Funcs(template.FuncMap{
		"include": includeFun(root, included),
		"tpl":     tplFun(root, included),
	})
	for _, s := range c.Templates {
		if _, err := root.New(s.Name).Parse(s.Src); err != nil {
			return "", err
		}
	}
	values := untag(c.Values)
	if values == nil {
		values = map[string]interface{}{}
	}
	execute := func(name string) (string, error) {
		ctx := map[string]interface{}{
			"Values":   values,
			"Release":  map[string]interface{}{"Name": "apps-orders", "Namespace": "ameide", "Service": "Helm", "IsInstall": true, "IsUpgrade": false, "Revision": 1},
			"Chart":    map[string]interface{}{"Name": "orders", "Version": "0.1.0"},
			"Template": map[string]interface{}{"Name": name, "BasePath": "orders/templates"},
		}
		for k, v := range c.Context {
			ctx[k] = untag(v)
		}
		var buf strings.Builder
		if err := root.ExecuteTemplate(&buf, name, ctx); err != nil {
			return "", err
		}
		return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
	}
	if c.Main != "*" {
		main := c.Main
		if main == "" && len(c.Templates) > 0 {
			main = c.Templates[0].Name
		}
		return execute(main)
	}
	// every template but the _helpers, in order, on one template set, as Helm renders a chart
	var all strings.Builder
	for _, s := range c.Templates {
		if strings.HasPrefix(path.Base(s.Name), "_") {
			continue
		}
		o, err := execute(s.Name)
		if err != nil {
			return "", err
		}
		all.WriteString("---# " + s.Name + "\n" + o)
	}
	return all.String(), nil
}

func renderBatch(input []byte) ([]byte, error) {
	var cases []testCase
	if err := json.Unmarshal(input, &cases); err != nil {
		return nil, err
	}
	results := make([]result, 0, len(cases))
	for _, c := range cases {
		out, err := render(c)
		r := result{ID: c.ID}
		if err != nil {
			msg := err.Error()
			r.Error = &msg
		} else {
			r.Output = &out
		}
		results = append(results, r)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(results); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func jsonMarshal(v interface{}) ([]byte, error) { return json.Marshal(v) }

func runStdio() {
	if len(os.Args) > 1 && os.Args[1] == "--funcs" {
		// the functions a template can call, besides text/template's builtins
		names := []string{}
		for k := range baseFuncMap() {
			names = append(names, k)
		}
		sort.Strings(names)
		fmt.Println(strings.Join(names, "\n"))
		return
	}
	input, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out, err := renderBatch(input)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Stdout.Write(out)
}

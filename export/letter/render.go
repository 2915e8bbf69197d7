package letter

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
)

// reminderFunc is the function Render puts after every printed field, so
// that an empty value shows as its reminder. Templates cannot call it: it
// is added to the parse tree after the fields are checked.
const reminderFunc = "_reminder"

// Render merges f into template t and returns the letter's text. A field
// in t that is not in KnownFields is an error naming it; a known field
// that is empty or missing from f is merged as its reminder (see Field).
// Conditions such as {{if .ResponseReceived}} test the value itself.
//
// The text is tidied: no trailing spaces, at most one blank line in a row,
// one newline at the end.
func Render(t Template, f Fields) (string, error) {
	tmpl, err := template.New(t.ID).
		Option("missingkey=error").
		Funcs(template.FuncMap{reminderFunc: reminder}).
		Parse(t.Text)
	if err != nil {
		return "", fmt.Errorf("template %s: %w", t.ID, err)
	}
	for _, tr := range tmpl.Templates() {
		if tr.Tree == nil {
			continue
		}
		if err := checkFields(tr.Tree.Root); err != nil {
			return "", fmt.Errorf("template %s: %w", t.ID, err)
		}
		addReminders(tr.Tree, tr.Tree.Root)
	}
	data := map[string]string{}
	for _, k := range known {
		data[k.Name] = f[k.Name]
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, data); err != nil {
		return "", fmt.Errorf("template %s: %w", t.ID, err)
	}
	return tidy(b.String()), nil
}

// reminder returns v, or the field's reminder when v is empty.
func reminder(name string, v any) string {
	s := fmt.Sprint(v)
	if strings.TrimSpace(s) == "" {
		if f, ok := field(name); ok {
			return f.Reminder
		}
	}
	return s
}

// checkFields walks a template and fails on the first field that is not
// known, and on anything that would reach inside a field (.Foo.Bar), since
// every value is a string.
func checkFields(n parse.Node) error {
	var err error
	walk(n, func(n parse.Node) {
		if err != nil {
			return
		}
		var idents []string
		switch n := n.(type) {
		case *parse.FieldNode:
			idents = n.Ident
		case *parse.VariableNode:
			if len(n.Ident) > 1 && n.Ident[0] == "$" {
				idents = n.Ident[1:]
			}
		case *parse.ChainNode:
			err = fmt.Errorf("unsupported merge field %s; known fields: %s", n, fieldNames())
			return
		}
		if len(idents) == 0 {
			return
		}
		if _, ok := field(idents[0]); !ok {
			err = fmt.Errorf("unknown merge field {{.%s}}; known fields: %s", idents[0], fieldNames())
			return
		}
		if len(idents) > 1 {
			err = fmt.Errorf("unknown merge field {{.%s}}: %s is text and has no fields", strings.Join(idents, "."), idents[0])
		}
	})
	return err
}

// addReminders turns every {{.Name}} that prints a field into
// {{.Name | _reminder "Name"}}.
func addReminders(tr *parse.Tree, n parse.Node) {
	walk(n, func(n parse.Node) {
		a, ok := n.(*parse.ActionNode)
		if !ok || a.Pipe == nil || len(a.Pipe.Decl) > 0 || len(a.Pipe.Cmds) != 1 {
			return
		}
		cmd := a.Pipe.Cmds[0]
		if len(cmd.Args) != 1 {
			return
		}
		fn, ok := cmd.Args[0].(*parse.FieldNode)
		if !ok || len(fn.Ident) != 1 {
			return
		}
		name := fn.Ident[0]
		call := &parse.CommandNode{NodeType: parse.NodeCommand, Pos: cmd.Pos, Args: []parse.Node{
			parse.NewIdentifier(reminderFunc).SetTree(tr).SetPos(cmd.Pos),
			&parse.StringNode{NodeType: parse.NodeString, Pos: cmd.Pos, Quoted: strconv.Quote(name), Text: name},
		}}
		a.Pipe.Cmds = append(a.Pipe.Cmds, call)
	})
}

// walk calls fn on n and every node below it.
func walk(n parse.Node, fn func(parse.Node)) {
	if n == nil {
		return
	}
	fn(n)
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walk(c, fn)
		}
	case *parse.ActionNode:
		walk(n.Pipe, fn)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			walk(c, fn)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			walk(a, fn)
		}
	case *parse.ChainNode:
		walk(n.Node, fn)
	case *parse.IfNode:
		walkBranch(&n.BranchNode, fn)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, fn)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, fn)
	case *parse.TemplateNode:
		walk(n.Pipe, fn)
	}
}

func walkBranch(b *parse.BranchNode, fn func(parse.Node)) {
	walk(b.Pipe, fn)
	if b.List != nil {
		walk(b.List, fn)
	}
	if b.ElseList != nil {
		walk(b.ElseList, fn)
	}
}

var (
	trailingSpace = regexp.MustCompile(`[ \t]+\n`)
	blankLines    = regexp.MustCompile(`\n{3,}`)
)

// tidy removes what conditions leave behind: trailing spaces, runs of
// blank lines, blank lines at either end.
func tidy(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = trailingSpace.ReplaceAllString(s+"\n", "\n")
	s = blankLines.ReplaceAllString(s, "\n\n")
	return strings.Trim(s, "\n") + "\n"
}

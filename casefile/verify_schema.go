package casefile

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// verifySchema checks the case file's own rules against Dossier's: the
// triggers that keep originals, custody and evidence append-only, and the
// views that say what stands now. Dropping a trigger is the first thing
// someone editing the file with the sqlite3 shell does; changing a view
// would hide a record without touching it.
func verifySchema(ctx context.Context, q dbtx, version int, rep *Report) error {
	want, err := referenceSchema(version)
	if err != nil {
		return err
	}
	got, err := schemaObjects(ctx, q)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(want)+len(got))
	for n := range want {
		names = append(names, n)
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	var missing, foreign, changed []string
	for _, n := range names {
		w, inWant := want[n]
		g, inGot := got[n]
		switch {
		case !inGot:
			missing = append(missing, n)
		case !inWant:
			foreign = append(foreign, n)
		case w != g:
			changed = append(changed, n)
		}
	}
	for _, g := range []struct {
		objs      []string
		one, many string
	}{
		{missing, "is missing", "are missing"},
		{foreign, "is not Dossier's", "are not Dossier's"},
		{changed, "differs from Dossier's", "differ from Dossier's"},
	} {
		switch len(g.objs) {
		case 0:
		case 1:
			rep.add(Problem{Table: "schema", What: g.objs[0] + " " + g.one + ": the case file was changed outside Dossier"})
		default:
			rep.add(Problem{Table: "schema", What: fmt.Sprintf("%d rules %s: the case file was changed outside Dossier (%s)",
				len(g.objs), g.many, strings.Join(g.objs, ", "))})
		}
	}
	return nil
}

// schemaObjects maps "trigger NAME" and "view NAME" to their SQL.
func schemaObjects(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT type, name, COALESCE(sql, '') FROM sqlite_master WHERE type IN ('trigger', 'view')")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var typ, name, text string
		if err := rows.Scan(&typ, &name, &text); err != nil {
			return nil, err
		}
		// Whitespace is not a rule: a trigger put back as it was, on one
		// line, is the same trigger.
		out[typ+" "+name] = strings.Join(strings.Fields(text), " ")
	}
	return out, rows.Err()
}

var referenceSchemas sync.Map // schema version -> map[string]string

// referenceSchema is what schemaObjects returns for a case file of the
// given schema version: the schema files applied to an empty database in
// memory, once per version.
func referenceSchema(version int) (map[string]string, error) {
	if v, ok := referenceSchemas.Load(version); ok {
		return v.(map[string]string), nil
	}
	if version > len(migrations) {
		return nil, fmt.Errorf("%w (schema %d)", ErrNewerVersion, version)
	}
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	for i := 0; i < version; i++ {
		if _, err := db.ExecContext(ctx, migrations[i]); err != nil {
			return nil, fmt.Errorf("reference schema %d: %w", i+1, err)
		}
	}
	objs, err := schemaObjects(ctx, db)
	if err != nil {
		return nil, err
	}
	referenceSchemas.Store(version, objs)
	return objs, nil
}

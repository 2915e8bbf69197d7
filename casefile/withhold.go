package casefile

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"
	"time"
)

// Custody actions for leaving an exhibit out of bundles and bringing it
// back.
const (
	ActionWithheld = "withheld"
	ActionRestored = "restored"
)

// Withholding says that an exhibit is left out of bundles, and why.
// Bundles list it in their index with its hash and the reason, and show
// nothing of its content.
//
// An exhibit can never be removed from a case (its original and its
// custody stay), so withholding is how a case with one exhibit the bundle
// cannot show (a format it cannot read, an image too large to decode,
// a sheet not yet transcribed) can still be exported.
type Withholding struct {
	Ref    string
	Reason string
	By     string    // who withheld it
	At     time.Time // when, UTC
	Seq    int64     // the custody event
}

// Withheld returns the exhibits withheld now, by reference. The custody
// log is the record: the last withheld or restored event of each exhibit
// decides, so the state is hash-chained with everything else and verify
// checks it with the chain.
func (c *Case) Withheld(ctx context.Context) (map[string]Withholding, error) {
	return c.withheldQ(ctx, c.db)
}

func (c *Case) withheldQ(ctx context.Context, q queryer) (map[string]Withholding, error) {
	type ev struct {
		w      Withholding
		action string
	}
	evs, err := queryAll(ctx, q, func(s scanner) (ev, error) {
		var e ev
		var at, detail string
		err := s.Scan(&e.w.Seq, &at, &e.w.By, &e.w.Ref, &e.action, &detail)
		e.w.At, _ = time.Parse(time.RFC3339, at)
		var d struct {
			Reason string `json:"reason"`
		}
		json.Unmarshal([]byte(detail), &d)
		e.w.Reason = d.Reason
		return e, err
	}, `SELECT seq, at, actor, exhibit, action, detail FROM custody WHERE action IN (?, ?) ORDER BY seq`,
		ActionWithheld, ActionRestored)
	if err != nil {
		return nil, err
	}
	out := map[string]Withholding{}
	for _, e := range evs {
		if e.action == ActionWithheld {
			out[e.w.Ref] = e.w
		} else {
			delete(out, e.w.Ref)
		}
	}
	return out, nil
}

// Withhold leaves exhibit ref out of bundles, for reason (required: it is
// printed in the bundle's index), as a "withheld" custody event. It
// returns an error wrapping ErrInvalid if the exhibit is already withheld.
func (c *Case) Withhold(ctx context.Context, ref, reason string) (Withholding, error) {
	reason = strings.Join(strings.Fields(reason), " ")
	if reason == "" {
		return Withholding{}, invalid("say why the exhibit is withheld (--reason); the reason is printed in the bundle's index")
	}
	var w Withholding
	err := c.tx(ctx, func(tx *sql.Tx) error {
		ex, err := c.exhibitQ(ctx, tx, ref)
		if err != nil {
			return err
		}
		now, err := c.withheldQ(ctx, tx)
		if err != nil {
			return err
		}
		if old, ok := now[ex.Ref]; ok {
			return invalid("%s is already withheld (%s); restore it first to change the reason", ex.Ref, old.Reason)
		}
		w = Withholding{Ref: ex.Ref, Reason: reason, By: c.actor.get(), At: Clock().UTC().Truncate(time.Second)}
		return c.appendEvent(ctx, tx, ActionWithheld, ex.Ref, map[string]string{"reason": reason, "sha256": ex.SHA256})
	})
	return w, err
}

// Restore puts a withheld exhibit back into bundles, as a "restored"
// custody event. It returns an error wrapping ErrInvalid if the exhibit
// is not withheld.
func (c *Case) Restore(ctx context.Context, ref string) (Exhibit, error) {
	var ex Exhibit
	err := c.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if ex, err = c.exhibitQ(ctx, tx, ref); err != nil {
			return err
		}
		now, err := c.withheldQ(ctx, tx)
		if err != nil {
			return err
		}
		old, ok := now[ex.Ref]
		if !ok {
			return invalid("%s is not withheld", ex.Ref)
		}
		return c.appendEvent(ctx, tx, ActionRestored, ex.Ref, map[string]string{"withheld_reason": old.Reason})
	})
	return ex, err
}

package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// activeID is the id of the element that has the keyboard's focus.
const activeID = `document.activeElement.id || document.activeElement.textContent.trim()`

// enter presses Enter on a link or button that opens another page, and
// waits until that page has replaced this one.
func enter(t *testing.T, ctx context.Context) {
	t.Helper()
	require.True(t, get(t, ctx, chromedp.Evaluate[bool](`document.body.dataset.old = "1"; true`)))
	do(t, ctx, chromedp.KeyEvent(kb.Enter), chromedp.WaitNotPresent(chromedp.CSS("body[data-old]")), chromedp.WaitVisible(chromedp.CSS("h1")))
}

// The keyboard alone reaches every main view: from the top of a view, Tab
// passes "Skip to content" and then the views' links in their order, each
// stop with a visible focus ring, and Enter on a link opens its view,
// marked as the current page.
func TestBrowserKeyboardViews(t *testing.T) {
	ctx, _, addr := browse(t)
	do(t, ctx, chromedp.Navigate(addr), chromedp.WaitVisible(chromedp.CSS("#summary")))
	links := []string{"Program", "Roster", "Cohorts & schedule", "Objective & weights", "What changed", "Export"}
	// Each view is opened from the one before, the program last.
	for _, v := range []struct {
		nav        int
		path, head string
	}{
		{1, "/roster", "Roster"},
		{2, "/cohorts", "Cohorts and schedule"},
		{3, "/settings", "Objective and weights"},
		{4, "/change", "What changed"},
		{5, "/export", "Export"},
		{0, "/", "Program"},
	} {
		var stops []string
		for range v.nav + 2 {
			do(t, ctx, chromedp.KeyEvent("\t"))
			assert.Empty(t, get(t, ctx, chromedp.Evaluate[string](ring)), "focus ring on the way to %s", v.path)
			stops = append(stops, get(t, ctx, chromedp.Evaluate[string](activeID)))
		}
		assert.Equal(t, append([]string{"Skip to content"}, links[:v.nav+1]...), stops, "Tab stops to %s", v.path)
		enter(t, ctx)
		assert.Equal(t, v.path, get(t, ctx, chromedp.Evaluate[string](`location.pathname`)))
		assert.Equal(t, v.head, text(t, ctx, "h1"))
		assert.Equal(t, links[v.nav], text(t, ctx, `nav a[aria-current="page"]`), "the view is marked as the current page")
	}
}

// The objective's radios are one Tab stop, on the checked one; the arrow
// keys move the choice through the group and round it, the focus with
// it; Tab leaves the group and Shift+Tab comes back to the choice; the
// keyboard then sends the form, and the roster is re-solved under the
// objective chosen.
func TestBrowserKeyboardRadios(t *testing.T) {
	ctx, _, addr := browse(t)
	do(t, ctx, chromedp.Navigate(addr), chromedp.WaitVisible(chromedp.CSS("#summary")))
	base := strings.Split(addr, "/?")[0]
	do(t, ctx, chromedp.Navigate(base+"/settings"), chromedp.WaitVisible(chromedp.CSS("#obj-total")))
	const checked = `document.querySelector("input[name=objective]:checked").id`
	active := ""
	for tabs := 0; tabs < 30 && !strings.HasPrefix(active, "obj-"); tabs++ {
		do(t, ctx, chromedp.KeyEvent("\t"))
		active = get(t, ctx, chromedp.Evaluate[string](activeID))
	}
	require.Equal(t, "obj-total", active, "Tab enters the group on the checked radio")
	for _, step := range []struct{ key, name, want string }{
		{kb.ArrowDown, "down", "obj-fair"},
		{kb.ArrowDown, "down", "obj-stable"},
		{kb.ArrowDown, "down", "obj-total"}, // round to the first
		{kb.ArrowUp, "up", "obj-stable"},    // and back to the last
		{kb.ArrowLeft, "left", "obj-fair"},
		{kb.ArrowRight, "right", "obj-stable"},
	} {
		do(t, ctx, chromedp.KeyEvent(step.key))
		assert.Equal(t, step.want, get(t, ctx, chromedp.Evaluate[string](activeID)), "focus after %s", step.name)
		assert.Equal(t, step.want, get(t, ctx, chromedp.Evaluate[string](checked)), "choice after %s", step.name)
		assert.Empty(t, get(t, ctx, chromedp.Evaluate[string](ring)), "focus ring after %s", step.name)
	}
	do(t, ctx, chromedp.KeyEvent("\t"))
	assert.Equal(t, "w-skills", get(t, ctx, chromedp.Evaluate[string](activeID)), "Tab leaves the group")
	do(t, ctx, chromedp.KeyEvent("\t", chromedp.KeyModifiers(chromedp.ModifierShift)))
	assert.Equal(t, "obj-stable", get(t, ctx, chromedp.Evaluate[string](activeID)), "Shift+Tab comes back to the choice")
	do(t, ctx, chromedp.KeyEvent(kb.ArrowUp))
	require.Equal(t, "obj-fair", get(t, ctx, chromedp.Evaluate[string](checked)))

	// Tab past the weights to the button, and Enter.
	for tabs := 0; tabs < 10 && active != "Re-solve with these"; tabs++ {
		do(t, ctx, chromedp.KeyEvent("\t"))
		active = get(t, ctx, chromedp.Evaluate[string](activeID))
	}
	require.Equal(t, "Re-solve with these", active)
	enter(t, ctx)
	assert.Contains(t, text(t, ctx, "#change-what"), "objective fair")
	assert.Contains(t, text(t, ctx, "#summary"), "objective fair")
}

// controls are the roles of chromium's accessibility tree that a person
// operates: each must have a name to be announced by.
var controls = map[string]bool{
	"button": true, "link": true, "checkbox": true, "radio": true, "textbox": true, "searchbox": true,
	"spinbutton": true, "combobox": true, "listbox": true, "option": true, "slider": true, "switch": true,
	"tab": true, "menuitem": true, "menuitemcheckbox": true, "menuitemradio": true, "treeitem": true,
}

// axValue is a value of the accessibility tree (a role, a name, a
// property) as text.
func axValue(v *accessibility.Value) string {
	if v == nil || len(v.Value) == 0 {
		return ""
	}
	var s any
	if err := json.Unmarshal(v.Value, &s); err != nil {
		return string(v.Value)
	}
	return strings.TrimSpace(fmt.Sprint(s))
}

// axTree reads chromium's accessibility tree of the page, what a screen
// reader is given, and lists what would leave a person who hears the page
// guessing: a node that takes the keyboard's focus or has a control's role
// without a role or a name. The document itself and the main area (the
// target of "Skip to content", focused only by it) are no controls. It
// also counts the roles (landmarks, controls) and the live regions.
func axTree(t *testing.T, ctx context.Context) (bad []string, roles map[string]int, live []string) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	tree, err := chromedp.Call(tctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	require.NoError(t, err)
	roles = map[string]int{}
	for _, n := range tree.Nodes {
		if n.Ignored {
			continue
		}
		role, name := axValue(n.Role), axValue(n.Name)
		roles[role]++
		if role == "navigation" || role == "search" || role == "form" || role == "region" {
			roles[role+" "+name]++
		}
		focusable := false
		for _, p := range n.Properties {
			switch p.Name {
			case accessibility.PropertyNameFocusable:
				focusable = axValue(p.Value) == "true"
			case accessibility.PropertyNameLive:
				if v := axValue(p.Value); v != "off" {
					live = append(live, role+" "+v)
				}
			}
		}
		if !focusable && !controls[role] || role == "RootWebArea" || role == "main" {
			continue
		}
		switch {
		case role == "" || role == "generic" || role == "none":
			bad = append(bad, fmt.Sprintf("a focusable node without a role (%q)", name))
		case !controls[role]:
			bad = append(bad, fmt.Sprintf("a focusable %s that is no control: %q", role, name))
		case name == "":
			bad = append(bad, "a "+role+" without a name")
		}
	}
	return bad, roles, live
}

// Every view as a screen reader is given it by chromium: each control
// (link, button, radio, field) has a role and a name; the landmarks are
// the banner, the navigation "Views" and the main area, once each; and
// the summary of the roster is a polite live region.
func TestBrowserAccessibilityTree(t *testing.T) {
	ctx, _, addr := browse(t)
	do(t, ctx, chromedp.Navigate(addr), chromedp.WaitVisible(chromedp.CSS("#summary")))
	base := strings.Split(addr, "/?")[0]
	for _, p := range []string{"/", "/roster", "/roster?sort=score&dir=desc", "/mentee/E1101", "/mentor/E1032", "/cohorts", "/cohort/C1", "/person/E1101", "/settings", "/change", "/export"} {
		do(t, ctx, chromedp.Navigate(base+p), chromedp.WaitVisible(chromedp.CSS("h1")))
		bad, roles, live := axTree(t, ctx)
		assert.Empty(t, bad, "accessibility tree of %s", p)
		assert.Equal(t, 1, roles["banner"], "one banner on %s", p)
		assert.Equal(t, 1, roles["main"], "one main on %s", p)
		assert.Equal(t, 1, roles["navigation Views"], "the navigation Views on %s", p)
		assert.Positive(t, roles["link"], "links on %s", p)
		assert.Contains(t, live, "paragraph polite", "the summary is a live region on %s", p)
	}
	// The tree is read as chromium gives it: the settings' controls are
	// there by role and name.
	do(t, ctx, chromedp.Navigate(base+"/settings"), chromedp.WaitVisible(chromedp.CSS("h1")))
	_, roles, _ := axTree(t, ctx)
	assert.Equal(t, 3, roles["radio"])
	assert.Equal(t, 5, roles["spinbutton"])
	// "Solving…", shown as a change is sent, is a status a screen reader
	// announces.
	require.True(t, get(t, ctx, chromedp.Evaluate[bool](`document.getElementById("busy").hidden = false; true`)))
	_, roles, live := axTree(t, ctx)
	assert.Equal(t, 1, roles["status"])
	assert.Contains(t, live, "status polite")
	// The check can fail: a nameless button and a focusable span are caught.
	require.True(t, get(t, ctx, chromedp.Evaluate[bool](`(() => {
	  const b = document.createElement("button"); const s = document.createElement("span");
	  s.tabIndex = 0; s.textContent = "click me";
	  document.querySelector("main").append(b, s); return true;
	})()`)))
	bad, _, _ := axTree(t, ctx)
	assert.Contains(t, bad, "a button without a name")
	assert.Contains(t, bad, `a focusable node without a role ("")`, "a span is generic, and takes no name from its text")
}

// holdReload keeps the page that waits for the plan from loading itself
// again while it is checked (its script reloads it each second), until
// the returned function is called.
func holdReload(t *testing.T, ctx context.Context) func() {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	res, err := chromedp.Call(tctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{
		Source: `(() => { const later = window.setTimeout; window.setTimeout = (f, ms, ...a) => ms === 1000 ? 0 : later(f, ms, ...a); })()`})
	require.NoError(t, err)
	return func() {
		tctx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		_, err := chromedp.Call(tctx, cdppage.RemoveScriptToEvaluateOnNewDocument, cdppage.RemoveScriptToEvaluateOnNewDocumentParams(res))
		require.NoError(t, err)
	}
}

// While the plan is being built, the cohorts page says so at once and
// passes the checks every view passes; it loads itself again until the
// plan is ready, and is then the cohorts page.
func TestBrowserPlanning(t *testing.T) {
	ctx, s, addr := browse(t)
	do(t, ctx, chromedp.Navigate(addr), chromedp.WaitVisible(chromedp.CSS("#summary")))
	base := strings.Split(addr, "/?")[0]
	h := holdPlans(t, s.plans)
	replan(s)
	release := holdReload(t, ctx)
	do(t, ctx, chromedp.Navigate(base+"/cohorts"), chromedp.WaitVisible(chromedp.CSS("#planning")))
	assert.Equal(t, "Cohorts and schedule", text(t, ctx, "h1"))
	assert.Contains(t, text(t, ctx, "#planning"), "being planned")
	checkA11y(t, ctx, "the page that waits for the plan")
	bad, _, live := axTree(t, ctx)
	assert.Empty(t, bad)
	assert.Contains(t, live, "status polite", "the waiting is announced")

	// With its script, the page asks again each second.
	release()
	do(t, ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#planning")))
	require.True(t, get(t, ctx, chromedp.Evaluate[bool](`document.body.dataset.old = "1"; true`)))
	do(t, ctx, chromedp.WaitNotPresent(chromedp.CSS("body[data-old]")), chromedp.WaitVisible(chromedp.CSS("#planning")))
	h.release()
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS("main table")))
	assert.NotContains(t, text(t, ctx, "main"), "being planned")
	assert.Equal(t, "Cohorts and schedule", text(t, ctx, "h1"))
	checkA11y(t, ctx, "the cohorts, once planned")
}

package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// axeVersion is the axe-core .ci/run installs (npm install --prefix
// ~/.cache/mentormatch/npm axe-core@4.10.2).
const axeVersion = "4.10.2"

// axeScript reads axe.min.js from MENTORMATCH_AXE (a folder holding it),
// else from mentormatch/npm/node_modules/axe-core under the user's cache
// folder, where .ci/run installs it; without it the test is skipped,
// loudly.
func axeScript(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("MENTORMATCH_AXE")
	if dir == "" {
		if c, err := os.UserCacheDir(); err == nil {
			dir = filepath.Join(c, "mentormatch", "npm", "node_modules", "axe-core")
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "axe.min.js"))
	if err != nil {
		t.Skipf("SKIPPED: axe-core is not installed (%v), so the page was NOT checked by axe; install it with npm install --prefix ~/.cache/mentormatch/npm axe-core@%s (or set MENTORMATCH_AXE to a folder with axe.min.js)", err, axeVersion)
	}
	return string(b)
}

// axeRun runs axe on the page for WCAG 2.1 A and AA and axe's best
// practices, and lists each violation: its rule, what it asks, and the
// first few elements that break it.
const axeRun = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}, resultTypes: ["violations"]})
  .then(r => r.violations.map(v => v.id + " (" + v.impact + "): " + v.help + ": " +
    v.nodes.slice(0, 3).map(n => n.target.join(" ") + " " + (n.failureSummary || "").replace(/\s+/g, " ")).join(" | ")))`

// Every main view passes axe-core's WCAG 2.1 AA rules and best
// practices: contrast, labels, names, landmarks, headings.
func TestBrowserAxe(t *testing.T) {
	axe := axeScript(t)
	ctx, s, addr := browse(t)
	do(t, ctx, chromedp.Navigate(addr), chromedp.WaitVisible(chromedp.CSS("#summary")))
	base := strings.Split(addr, "/?")[0]
	for _, p := range []string{"/", "/roster", "/roster?sort=score&dir=desc", "/mentee/E1101", "/mentor/E1032", "/cohorts", "/cohort/C1", "/person/E1101", "/settings", "/export"} {
		do(t, ctx, chromedp.Navigate(base+p), chromedp.WaitVisible(chromedp.CSS("h1")))
		get(t, ctx, chromedp.Evaluate[bool](axe+";true"))
		assert.Empty(t, get(t, ctx, chromedp.Evaluate[[]string](axeRun, chromedp.EvalAwaitPromise)), "axe on %s", p)
	}
	// The page that waits for the plan, held there while axe reads it.
	h := holdPlans(t, s.plans)
	replan(s)
	release := holdReload(t, ctx)
	do(t, ctx, chromedp.Navigate(base+"/cohorts"), chromedp.WaitVisible(chromedp.CSS("#planning")))
	get(t, ctx, chromedp.Evaluate[bool](axe+";true"))
	assert.Empty(t, get(t, ctx, chromedp.Evaluate[[]string](axeRun, chromedp.EvalAwaitPromise)), "axe on the page that waits for the plan")
	release()
	h.release()

	// axe can fail: faint text and an unlabelled input are caught.
	bad := get(t, ctx, chromedp.Evaluate[[]string](`(() => {
	  const p = document.createElement("p"); p.textContent = "faint"; p.style.color = "#cccccc";
	  const i = document.createElement("input"); i.name = "nameless";
	  document.querySelector("main").append(p, i);
	})(), `+axeRun, chromedp.EvalAwaitPromise))
	all := strings.Join(bad, "\n")
	assert.Contains(t, all, "color-contrast")
	assert.Contains(t, all, "label")
}

// ring is the focused element and its focus ring when it has none wider
// than 2 px: "" when the focus can be seen.
const ring = `(() => { const e = document.activeElement, st = getComputedStyle(e);
  return st.outlineStyle !== "none" && parseFloat(st.outlineWidth) >= 2 ? "" : e.outerHTML.slice(0, 80) + " outline " + st.outlineStyle + " " + st.outlineWidth; })()`

// The keyboard alone pins a pair: Tab from the top of a mentee's page
// reaches an alternative's Pin button, every stop with a visible focus
// ring, and Enter pins it; the Undo button then names the pin. "Skip to
// content" moves the keyboard into the main area.
func TestBrowserKeyboardPin(t *testing.T) {
	ctx, _, addr := browse(t)
	do(t, ctx, chromedp.Navigate(addr), chromedp.WaitVisible(chromedp.CSS("#summary")))
	base := strings.Split(addr, "/?")[0]
	do(t, ctx, chromedp.KeyEvent("\t"))
	require.Equal(t, "skip", get(t, ctx, chromedp.Evaluate[string](`document.activeElement.className`)))
	do(t, ctx, chromedp.KeyEvent("\r"), chromedp.KeyEvent("\t"))
	assert.True(t, get(t, ctx, chromedp.Evaluate[bool](`document.querySelector("main").contains(document.activeElement)`)), "after Skip to content, Tab lands in main")

	do(t, ctx, chromedp.Navigate(base+"/mentee/E1101"), chromedp.WaitVisible(chromedp.CSS("#alternatives")))
	const focused = `(() => { const e = document.activeElement; return e && e.tagName === "BUTTON" && e.value === "pin" && e.closest("#alternatives") ? e.closest("tr").dataset.mentor : ""; })()`
	mentor := ""
	for tabs := 0; tabs < 300 && mentor == ""; tabs++ {
		do(t, ctx, chromedp.KeyEvent("\t"))
		assert.Empty(t, get(t, ctx, chromedp.Evaluate[string](ring)), "focus ring")
		mentor = get(t, ctx, chromedp.Evaluate[string](focused))
	}
	require.NotEmpty(t, mentor, "Tab never reached a Pin button on the mentee page")
	do(t, ctx, chromedp.KeyEvent("\r"), chromedp.WaitVisible(chromedp.CSS("#change-what")))
	assert.Contains(t, text(t, ctx, "#undo"), "Undo “pin ")
	what := text(t, ctx, "#change-what")
	assert.True(t, strings.HasPrefix(what, "pin ") && strings.Contains(what, "(E1101) with") && strings.HasSuffix(what, fmt.Sprintf("(%s)", mentor)), what)
}

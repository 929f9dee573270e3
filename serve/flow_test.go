package serve

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The manager's walk through the example: open it, sort the roster, open
// a mentee, pin an alternative and see the total drop by the figure the
// mentee's page promised, undo, and export.
func TestBrowserReviewFlow(t *testing.T) {
	ctx, s, addr := browse(t)
	downloads := t.TempDir()
	do(t, ctx,
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads})
			return err
		}),
		chromedp.Navigate(addr),
		chromedp.WaitVisible(chromedp.CSS("#summary")),
	)
	assert.Equal(t, "/", get(t, ctx, chromedp.Evaluate[string](`location.pathname + location.search`)), "the token leaves the address bar")
	start := number(t, text(t, ctx, "#total"))
	checkA11y(t, ctx, "the program")

	// Sort by score, best first, with the keyboard: the header is a link.
	do(t, ctx,
		chromedp.Click(chromedp.CSS(`nav a[href="/roster"]`)),
		chromedp.WaitVisible(chromedp.CSS("#roster")),
		chromedp.Focus(chromedp.CSS(`a.sort[data-col="score"]`)),
		chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(chromedp.CSS(`th[aria-sort="descending"] a[data-col="score"]`)),
	)
	scores := get(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#roster td.score")].map(e => e.textContent)`))
	require.NotEmpty(t, scores)
	for k := 1; k < len(scores); k++ {
		assert.GreaterOrEqual(t, number(t, scores[k-1]), number(t, scores[k]), "sorted best first")
	}
	checkA11y(t, ctx, "the roster")

	// Open the best-scored mentee and read the price of the first
	// alternative that can be pinned.
	do(t, ctx,
		chromedp.Click(chromedp.CSS(`#roster tbody tr:first-child td:first-child a`)),
		chromedp.WaitVisible(chromedp.CSS("#alternatives")),
	)
	mentor := get(t, ctx, chromedp.AttributeValue(chromedp.CSS(`#alternatives tbody tr:has(button[value="pin"])`), "data-mentor")).Value
	require.NotEmpty(t, mentor)
	promised := number(t, text(t, ctx, `#alternatives tbody tr:has(button[value="pin"]) td.loss`))
	checkA11y(t, ctx, "a mentee")

	do(t, ctx,
		chromedp.Click(chromedp.CSS(fmt.Sprintf(`#alternatives tr[data-mentor=%q] button[value="pin"]`, mentor))),
		chromedp.WaitVisible(chromedp.CSS("#total-after")),
	)
	before, after := number(t, text(t, ctx, "#total-before")), number(t, text(t, ctx, "#total-after"))
	assert.Equal(t, start, before)
	assert.InDelta(t, promised, before-after, 0.011, "the total drops by the promised figure")
	assert.Contains(t, text(t, ctx, "#moved"), mentor)
	assert.FileExists(t, filepath.Join(s.opt.Dir, decisionsName), "the decision is kept for match --decisions")
	checkA11y(t, ctx, "what changed")

	// The page before the undo shows a change too: mark it, and wait
	// until the page the undo loads has replaced it.
	require.True(t, get(t, ctx, chromedp.Evaluate[bool](`document.body.dataset.old = "1"; true`)))
	do(t, ctx,
		chromedp.Click(chromedp.CSS("#undo")),
		chromedp.WaitNotPresent(chromedp.CSS("body[data-old]")),
		chromedp.WaitVisible(chromedp.CSS("#change-what")),
	)
	assert.Equal(t, start, number(t, text(t, ctx, "#total-after")), "undo restores the total")

	// Export: the downloaded workbook is the page's export, byte for byte
	// (the command line's equality is TestServeExportsAreTheCLIs).
	do(t, ctx,
		chromedp.Click(chromedp.CSS(`nav a[href="/export"]`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/export/roster.xlsx"]`)),
	)
	checkA11y(t, ctx, "export")
	do(t, ctx, chromedp.Click(chromedp.CSS(`a[href="/export/roster.xlsx"]`)))
	file := filepath.Join(downloads, "roster.xlsx")
	require.Eventually(t, func() bool { _, err := os.Stat(file); return err == nil }, 20*time.Second, 100*time.Millisecond, "the download arrives")
	got, err := os.ReadFile(file)
	require.NoError(t, err)
	c := &client{t: t, s: s, h: s.Handler(), cookie: &http.Cookie{Name: s.cookie, Value: s.token}}
	assert.Equal(t, c.get("/export/roster.xlsx").Body.Bytes(), got)
}

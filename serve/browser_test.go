package serve

import (
	"context"
	"flag"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// screenshots, when set, is the folder TestScreenshots writes the main
// views' images to (scripts/screenshots.sh sets it to docs/serve).
var screenshots = flag.String("screenshots", "", "write screenshots of the main views into this folder")

// chromium finds Debian's chromium, or skips the test loudly: the browser
// tests are the only check of the page as a browser runs it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("SKIPPED: no chromium on this machine, so the review page was NOT tested in a browser; install it (apt-get install -y chromium) and run again")
	return ""
}

// browse starts the example's review page and a headless chromium on a
// fresh profile, with no network beyond the page.
func browse(t *testing.T) (context.Context, *Server, string) {
	t.Helper()
	exe := chromium(t)
	opt := exampleOptions(t)
	s, err := New(opt)
	require.NoError(t, err)
	// The views are checked as they are once the plan, built in the
	// background, is ready (TestBrowserPlanning checks the page before).
	_, err = s.st.planned()
	require.NoError(t, err)
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	alloc, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(alloc)
	t.Cleanup(cancel2)
	// The first run starts the browser, for the life of ctx; the steps
	// after it each have a deadline of their own (see do).
	require.NoError(t, chromedp.Do(ctx))
	return ctx, s, s.URL(ts.Listener.Addr().String())
}

// a11y lists what an automated look can tell is wrong with the page's
// labels: inputs without a label, buttons and links without a name, a
// page without a language, a title or exactly one h1, tables without a
// caption, elements that cannot take the keyboard's focus, and text with
// too little contrast against its background.
const a11y = `(() => {
  const bad = [];
  const name = e => (e.getAttribute("aria-label") || e.textContent || "").trim();
  if (!document.documentElement.lang) bad.push("no lang on <html>");
  if (!document.title.trim()) bad.push("no title");
  if (document.querySelectorAll("h1").length !== 1) bad.push("not exactly one h1");
  for (const e of document.querySelectorAll("input, select, textarea")) {
    if (e.type === "hidden") continue;
    if (!(e.labels && e.labels.length) && !e.getAttribute("aria-label")) bad.push("input without a label: " + (e.name || e.id));
  }
  for (const e of document.querySelectorAll("button")) if (!name(e)) bad.push("button without a name");
  for (const e of document.querySelectorAll("a[href]")) if (!name(e)) bad.push("link without a name: " + e.getAttribute("href"));
  for (const e of document.querySelectorAll("table")) if (!e.querySelector("caption")) bad.push("table without a caption");
  for (const e of document.querySelectorAll("a[href], button, input:not([type=hidden])")) if (e.tabIndex < 0) bad.push("not focusable: " + e.outerHTML.slice(0, 60));
  if (!document.querySelector("a.skip[href='#main']")) bad.push("no skip link");
  // Contrast of every piece of text against the first opaque background
  // behind it: 4.5:1, or 3:1 for large text (WCAG AA).
  const rgb = s => (s.match(/[\d.]+/g) || []).map(Number);
  const lum = c => { const v = c.slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; }); return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const bg = e => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.length === 3 || c[3] > 0) return c; } return [255, 255, 255]; };
  for (const e of document.querySelectorAll("body *")) {
    if (![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const st = getComputedStyle(e);
    if (st.visibility === "hidden" || st.display === "none" || e.closest("[hidden], .visually-hidden, .skip")) continue;
    const a = lum(rgb(st.color)), b = lum(bg(e));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(st.fontSize), bold = Number(st.fontWeight) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < need) bad.push("contrast " + ratio.toFixed(2) + " < " + need + ": " + e.textContent.trim().slice(0, 40));
  }
  return bad;
})()`

// do runs browser steps, each batch within a minute.
func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	require.NoError(t, chromedp.Do(ctx, steps...))
}

// get runs one browser action and returns its value.
func get[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	require.NoError(t, err)
	return v
}

func text(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	return get(t, ctx, chromedp.Text(chromedp.CSS(css)))
}

func checkA11y(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	assert.Empty(t, get(t, ctx, chromedp.Evaluate[[]string](a11y)), "accessibility on %s", where)
}

func number(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(strings.TrimSpace(strings.Fields(s + " x")[0]), 64)
	require.NoError(t, err, "%q is not a number", s)
	return f
}

// The other views pass the same checks, and take the keyboard: Tab from
// the top reaches the skip link first.
func TestBrowserViews(t *testing.T) {
	ctx, _, addr := browse(t)
	do(t, ctx, chromedp.Navigate(addr), chromedp.WaitVisible(chromedp.CSS("#summary")))
	base := strings.Split(addr, "/?")[0]
	for _, p := range []string{"/mentor/E1032", "/cohorts", "/cohort/C1", "/person/E1101", "/settings", "/change"} {
		do(t, ctx, chromedp.Navigate(base+p))
		assert.NotEmpty(t, text(t, ctx, "h1"), p)
		checkA11y(t, ctx, p)
	}
	// The check can fail: faint text and an unlabelled input are caught.
	bad := get(t, ctx, chromedp.Evaluate[[]string](`(() => {
	  const p = document.createElement("p"); p.textContent = "faint"; p.style.color = "#cccccc";
	  const i = document.createElement("input"); i.name = "nameless";
	  document.querySelector("main").append(p, i);
	})(), `+a11y))
	assert.Contains(t, strings.Join(bad, "\n"), "contrast 1.61 < 4.5: faint")
	assert.Contains(t, strings.Join(bad, "\n"), "input without a label: nameless")
	do(t, ctx, chromedp.Navigate(base+"/"))
	do(t, ctx, chromedp.KeyEvent("\t"))
	assert.Equal(t, "skip", get(t, ctx, chromedp.Evaluate[string](`document.activeElement.className`)))
}

// TestScreenshots writes the main views as PNG images when -screenshots
// names a folder (scripts/screenshots.sh); otherwise it is skipped.
func TestScreenshots(t *testing.T) {
	if *screenshots == "" {
		t.Skip("screenshots are written only with -screenshots DIR (scripts/screenshots.sh)")
	}
	ctx, _, addr := browse(t)
	base := strings.Split(addr, "/?")[0]
	do(t, ctx, chromedp.EmulateViewport(1280, 860), chromedp.Navigate(addr), chromedp.WaitVisible(chromedp.CSS("#summary")))
	for _, v := range []struct{ name, path string }{
		{"program", "/"},
		{"roster", "/roster?sort=score&dir=desc"},
		{"mentee", "/mentee/E1101"},
		{"mentor", "/mentor/E1032"},
		{"calendar", "/person/E1101"},
	} {
		do(t, ctx, chromedp.Navigate(base+v.path), chromedp.WaitVisible(chromedp.CSS("h1")))
		png := get(t, ctx, chromedp.CaptureScreenshot())
		require.NoError(t, os.WriteFile(filepath.Join(*screenshots, "serve-"+v.name+".png"), png, 0o644))
	}
}

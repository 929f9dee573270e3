package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"time"

	"github.com/spf13/cobra"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/table"
	"github.com/mentormatch/mentormatch/serve"
)

type serveOptions struct {
	inputOptions
	Dir  string
	Addr string
	Open bool
}

func newServeCmd() *cobra.Command {
	o := &serveOptions{}
	cmd := &cobra.Command{
		Use: "serve [people.xlsx|people.csv] [--config program.yaml] [--dir DIR] [--addr 127.0.0.1:PORT] [--open]",
		Long: `serve opens a review page of the program on this machine: the summary, the roster, each
mentee and mentor with their alternatives priced exactly, cohorts and week calendars. Pin and
veto pairs, change the objective and weights, undo; each change re-solves exactly and shows who
moved. The page keeps its decisions in DIR/decisions.csv (and an edited configuration in
DIR/program.yaml), so 'match --decisions DIR/decisions.csv' writes the page's roster; it
resumes from that file when started again. --decisions starts from another decisions file
instead, copied into DIR.`,
		Short: "Review and steer the match in a browser, on this machine: pin, veto, re-solve, export",
		Example: `  mentormatch serve --example
  mentormatch serve people.xlsx --config program.yaml --dir review/ --open`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			// Ctrl-C is the way to stop the page: the process's signal
			// handler ends it (exit 130) with this note. The page writes
			// each decision as it is made, atomically and only into
			// --dir, so a stop loses nothing and leaves nothing elsewhere.
			onStop(fmt.Sprintf("the page is closed; it wrote only into %s, where %s keeps its decisions", o.Dir, serve.DecisionsFile))
			return runServe(cmd.Context(), o, args, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	o.addFlags(cmd, true)
	f := cmd.Flags()
	f.StringVar(&o.Dir, "dir", "mentormatch-review", "the only folder the page writes to: decisions, configuration, uploads, saved exports (made if missing)")
	f.StringVar(&o.Addr, "addr", "127.0.0.1:0", "address to listen on; port 0 picks a free one. Anything but loopback lets other machines reach the page")
	f.BoolVar(&o.Open, "open", false, "open the page in the default browser")
	return cmd
}

// runServe serves until ctx ends or the process is stopped (Ctrl-C).
func runServe(ctx context.Context, o *serveOptions, args []string, stdout, stderr io.Writer) error {
	files, err := o.files(args)
	if err != nil {
		return err
	}
	cfg, err := o.loadConfig()
	if err != nil {
		return err
	}
	host, _, err := net.SplitHostPort(o.Addr)
	if err != nil {
		return fmt.Errorf("%w: --addr %q: expected host:port, such as 127.0.0.1:8080", mentormatch.ErrUsage, o.Addr)
	}
	if err := os.MkdirAll(o.Dir, 0o755); err != nil {
		return fmt.Errorf("%w: --dir %s: %v", mentormatch.ErrUsage, o.Dir, err)
	}
	var ds mentormatch.Decisions
	if o.Decisions != "" {
		if ds, err = table.ReadDecisions(table.File{Path: o.Decisions}); err != nil {
			return err
		}
		if ds == nil {
			ds = mentormatch.Decisions{}
		}
	}
	srv, err := serve.New(serve.Options{Files: files, Config: cfg, ConfigPath: o.Config, Dir: o.Dir, Decisions: ds})
	if err != nil {
		return err
	}
	if ps := srv.Problems(); len(ps) > 0 {
		fmt.Fprintf(stderr, "warning: %s\nthey are shown on the page, where corrected files can be uploaded\n", ps)
	}
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return fmt.Errorf("%w: --addr %s: %v", mentormatch.ErrUsage, o.Addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(stderr, "warning: listening on %s: other machines that can reach it may open the page with its address\n", ln.Addr())
	}
	url := srv.URL(ln.Addr().String())
	fmt.Fprintf(stdout, "mentormatch serve: open %s\n(Ctrl-C stops it; files are written only into %s)\n", url, o.Dir)
	if o.Open {
		if err := openBrowser(url); err != nil {
			fmt.Fprintln(stderr, "warning: could not open a browser:", err)
		}
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shut); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() //nolint:errcheck // the browser outlives nothing we wait for
	return nil
}

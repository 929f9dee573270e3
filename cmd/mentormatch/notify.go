package main

import (
	"bytes"
	"fmt"
	"io"
	"net/mail"
	"os"
	"strings"

	"github.com/mentormatch/mentormatch/internal/wording"

	"github.com/spf13/cobra"

	"github.com/mentormatch/mentormatch"
	"github.com/mentormatch/mentormatch/io/output"
	"github.com/mentormatch/mentormatch/io/report"
	"github.com/mentormatch/mentormatch/io/table"
	"github.com/mentormatch/mentormatch/notify"
)

// maxTemplateBytes bounds a template: an introduction is a page, not a book.
const maxTemplateBytes = 64 << 10

type notifyOptions struct {
	inputOptions
	Plan     string
	Out      string
	Template string
	From     string
}

func newNotifyCmd() *cobra.Command {
	o := &notifyOptions{}
	cmd := &cobra.Command{
		Use:   "notify --plan plan.json [people files] --out outbox/",
		Short: "Write the introductions: one e-mail (.eml, its calendar attached) per person and a mail-merge CSV; sends nothing",
		Long: `notify writes, into the folder --out, one e-mail per participant of a plan, as
an .eml file that any mail client opens (double-click, check, send), with the
person's calendar (.ics) attached: who their mentor or mentees are, why they
were matched, their first session in their own time zone, and their cohort and
seniors. introductions.csv holds the same fields, a row a person, for a mail
merge. Nothing is ever sent.

The people files must be those the plan was made from (for e-mail addresses
and time zones). --template takes a plain-text or Markdown file whose first
line may be "Subject: ..."; placeholders in braces are filled per person:
` + placeholderHelp() + `
The default template is printed by 'mentormatch notify --print-template'.`,
		Example: `  mentormatch plan --example --out plan.json
  mentormatch notify --example --plan plan.json --out outbox/
  mentormatch notify people.xlsx --plan plan.json --template intro.md --from "Mentoring <mentoring@acme.example>" --out outbox/`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if print, _ := cmd.Flags().GetBool("print-template"); print {
				_, err := io.WriteString(cmd.OutOrStdout(), notify.DefaultTemplate)
				return err
			}
			return runNotify(o, args, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	o.addFlags(cmd, true)
	f := cmd.Flags()
	f.StringVar(&o.Plan, "plan", "", "the plan, as plan --out plan.json wrote it")
	f.StringVar(&o.Out, "out", "", "folder for the .eml files and introductions.csv")
	f.StringVar(&o.Template, "template", "", "introduction template (text or Markdown with {placeholders}); default: the built-in one")
	f.StringVar(&o.From, "from", notify.DefaultFrom, "the sender the messages show")
	f.Bool("print-template", false, "print the default template and exit")
	return cmd
}

func placeholderHelp() string {
	var b strings.Builder
	for _, p := range notify.Placeholders {
		fmt.Fprintf(&b, "  {%s}  %s\n", p.Name, p.Means)
	}
	return b.String()
}

func runNotify(o *notifyOptions, args []string, stdout, stderr io.Writer) error {
	if o.Plan == "" || o.Out == "" {
		return fmt.Errorf("%w: --plan and --out are required (mentormatch notify --plan plan.json people.xlsx --out outbox/)", mentormatch.ErrUsage)
	}
	from, err := mail.ParseAddress(o.From)
	if err != nil {
		return fmt.Errorf("%w: --from %q: expected an address such as \"Mentoring <mentoring@acme.example>\"", mentormatch.ErrUsage, o.From)
	}
	if err := checkOutputs(append(o.inputs(args), o.Plan, o.Template), nil, []output.Out{{Flag: "--out", Path: o.Out, Options: notifyFolder()}}); err != nil {
		return err
	}
	t, err := loadTemplate(o.Template)
	if err != nil {
		return err
	}
	p, _, err := o.load(args)
	if err != nil {
		return err
	}
	pl, err := table.ReadPlan(table.File{Path: o.Plan})
	if err != nil {
		return err
	}
	ob, err := notify.Write(pl, p, notify.Options{Template: t, From: *from})
	if err != nil {
		return err
	}
	var batch output.Batch
	defer batch.Discard()
	folder, err := batch.Folder(o.Out, notifyFolder())
	if err != nil {
		return err
	}
	for i := range ob.Intros {
		if err := folder.Put(ob.Names[i], ob.EMLs[i]); err != nil {
			return err
		}
	}
	var csv bytes.Buffer
	if err := report.EncodeIntroductionsCSV(&csv, ob.Template, ob.Intros, ob.Names); err != nil {
		return err
	}
	if err := folder.Put(notify.CSVName, csv.Bytes()); err != nil {
		return err
	}
	if err := batch.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d introductions to %s (one .eml per person, each with their calendar, and %s); nothing was sent\n", len(ob.Intros), o.Out, notify.CSVName)
	if len(ob.NoEmail) > 0 {
		fmt.Fprintf(stderr, "warning: %d people have no e-mail address in the people files (%s): their messages have no recipient; add one in the people file or send them by hand\n", len(ob.NoEmail), strings.Join(wording.FirstFew(ob.NoEmail, 5), ", "))
	}
	if len(ob.Unmatched) > 0 {
		fmt.Fprintf(stderr, "note: %d mentees are unmatched and get no introduction (%s)\n", len(ob.Unmatched), strings.Join(wording.FirstFew(ob.Unmatched, 5), ", "))
	}
	return nil
}

// notifyFolder recognises the outbox files mentormatch wrote before it kept
// a manifest: none, as notify always kept one.
func notifyFolder() output.FolderOptions { return output.FolderOptions{} }

func loadTemplate(path string) (notify.Template, error) {
	if path == "" {
		return notify.ParseTemplate("(built in)", notify.DefaultTemplate)
	}
	st, err := os.Stat(path)
	if err != nil {
		return notify.Template{}, fmt.Errorf("%w: --template: %v", mentormatch.ErrUsage, err)
	}
	if st.Size() > maxTemplateBytes {
		return notify.Template{}, fmt.Errorf("%w: --template %s is %d bytes: an introduction template is at most %d", mentormatch.ErrInput, path, st.Size(), maxTemplateBytes)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return notify.Template{}, err
	}
	return notify.ParseTemplate(path, string(data))
}

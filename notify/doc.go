// Package notify writes the introductions a program manager sends once
// a plan is final: one e-mail per participant, as an RFC 5322 message
// (.eml) that any mail client opens, with the person's calendar attached,
// and the same fields as a mail-merge table. It never sends anything: the
// data stays on the manager's machine until they send it themselves.
//
// Build turns a plan and its people into Intros; Render fills a Template
// (plain text or Markdown with {placeholders}) for one Intro; EML writes
// the message. Everything is deterministic: the same plan, people and
// template give the same bytes, Date and Message-ID included.
package notify

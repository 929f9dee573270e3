// Package output writes mentormatch's files so that nothing is lost: every
// roster, plan, report, calendar and roadmap goes through it.
//
//   - A file is written whole or not at all (WriteFile): to a temporary
//     file beside it, fsynced, then renamed over the old one.
//   - A folder of files (Folder: the calendars of --ics, the roadmaps of
//     --roadmaps) is written to a staging folder beside it, fsynced, and
//     swapped in with renames, so a reader sees the previous folder or the
//     new one, never a mix. A manifest in the folder (ManifestName) lists
//     what mentormatch wrote there: only those files are replaced or
//     removed; any other file is carried over untouched, and a name the
//     run wants that belongs to such a file is refused before writing.
//   - Several outputs of one run (Batch) are written first and put in
//     place together at the end, so a run that fails half way leaves every
//     previous output as it was.
//   - File names made from ids (Names) are unique by construction, stable
//     from run to run, within length limits and never a reserved name.
//   - Check refuses, before any work, an output that would replace an
//     input, a folder where a file is wanted and the reverse, a missing or
//     read-only folder and a name too long.
//
// Temporary files and staging folders are named ".NAME.tmpDIGITS" beside
// their target. A run that was killed leaves them; the next run writing
// the same target removes them. Interrupt removes this process's own, for
// a signal handler.
package output

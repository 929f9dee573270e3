// Package table reads the spreadsheets that mentormatch takes as input:
// people files (one file with a role column, a workbook with sheets Mentees
// and Mentors, or one file per side) and raw score or cost matrices.
//
// CSV and XLSX share one raw layer: both become rows of strings numbered as
// the spreadsheet shows them. CSV files are UTF-8 with or without a byte
// order mark, or Windows-1252 (decoded, with a warning), with a comma,
// semicolon or tab delimiter detected from the first lines. XLSX sheets are
// streamed row by row from the zip archive by a small XML scanner, never
// loaded whole.
//
// Input may be hostile: files are checked for what they really are (an old
// .xls, a PDF, a Word document renamed .xlsx) and read within limits on
// size, rows, columns, cells, sheets and unpacked size (see MaxFileBytes
// and the constants after it), so that no file costs more than a few
// seconds and a few hundred MB before it is refused with a message.
//
// The header row may sit below a few title rows; it is the first of the
// first ten rows that names an id column and at least one other known
// column. Header names match case-insensitively, ignoring spaces and the
// characters "_", "-" and ".", so "Employee ID", "employee_id" and
// "EmployeeId" are the same column.
//
// Readers never stop at the first mistake: every bad cell is reported as a
// mentormatch.Problem with the file, sheet, row, column and what was
// expected, and all of them are returned together, sorted, as
// mentormatch.Problems. Reading is linear in the size of the input.
package table

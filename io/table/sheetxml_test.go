package table

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// rawBook is a workbook of one sheet named People from its XML, with an
// optional shared-strings part; prefix is a namespace prefix some
// generators put on every element ("x:").
func rawBook(t testing.TB, prefix, sheetData, sst string) []byte {
	p := prefix
	parts := []any{
		"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!-- a comment -->
<` + p + `workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><` + p + `sheets><` + p + `sheet name="People &amp; Co" sheetId="1" r:id="rId1"/></` + p + `sheets></` + p + `workbook>`,
		"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="http://example.com" TargetMode="External"/></Relationships>`,
		"xl/worksheets/sheet1.xml", `<?xml version="1.0"?><` + p + `worksheet><` + p + `sheetData>` + sheetData + `</` + p + `sheetData></` + p + `worksheet>`,
	}
	if strings.HasPrefix(sheetData, "<?xml") { // the whole part
		parts[len(parts)-1] = sheetData
	}
	if sst != "" {
		parts = append(parts, "xl/sharedStrings.xml", `<?xml version="1.0"?><sst count="9">`+sst+`</sst>`)
	}
	return zipOf(t, parts...)
}

// rowsOf reads the sheet of a workbook into text rows, "row N: a|b|c".
func rowsOf(t *testing.T, data []byte) ([]string, []string) {
	t.Helper()
	tables, ps := readXLSX("w.xlsx", data, "", false)
	var probs []string
	for _, p := range ps {
		probs = append(probs, p.String())
	}
	if len(tables) == 0 {
		return nil, probs
	}
	var rows []string
	for i, r := range tables[0].Rows {
		rows = append(rows, fmt.Sprintf("row %d: %s", tables[0].Lines[i], strings.Join(r, "|")))
	}
	return rows, probs
}

func TestSheetXML(t *testing.T) {
	sst := `<si><t>id</t></si><si><r><rPr><b/></rPr><t>na</t></r><r><t xml:space="preserve">me </t></r><rPh><t>ナメ</t></rPh></si><si/>` +
		`<si><t>line_x000D__x000A_break _x005F_x0041_</t></si>`
	tests := []struct {
		name, prefix, data string
		rows, probs        []string
	}{{
		name: "cell kinds",
		data: `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="s"><v>3</v></c></row>` +
			`<row r="3" spans="1:6"><c r="A3" t="inlineStr"><is><t>a &lt;b&gt; &amp; &#233;&#x263A; &bogus; &amp</t></is></c>` +
			`<c r="B3" t="str"><f>CONCAT("x","y")</f><v>xy</v></c><c r="C3" t="b"><v>1</v></c><c r="D3" t="e"><v>#N/A</v></c>` +
			`<c r="E3"><v>0.30000000000000004</v></c><c r="F3" s="2"><v>1E-3</v></c><c r="G3" t="n"><v>46023</v></c></row>` +
			`<row r="4"><c r="A4" s="1"/><c r="B4" t="s"><v>2</v></c></row>` + // empty cells only
			`<row r="5"><c><v>1</v></c><c t="inlineStr"><is><t><![CDATA[<raw> & ]]]]></t></is></c><!-- note --><c r="E5"><v>5</v></c></row>` +
			`<row r="9"/>`,
		rows: []string{
			"row 1: id|name ||line\r\nbreak _x0041_",
			"row 2: ",
			"row 3: a <b> & é☺ &bogus; &amp|xy|TRUE|#N/A|0.3|0.001|46023",
			"row 4: ",
			"row 5: 1|<raw> & ]]|||5",
		},
	}, {
		name:   "namespace prefix, rows and cells without numbers",
		prefix: "x:",
		data:   `<x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c><x:v>2</x:v></x:c></x:row><x:row><x:c r="C2"><x:v>3</x:v></x:c></x:row>`,
		rows:   []string{"row 1: a|2", "row 2: ||3"},
	}, {
		name:  "rows out of order",
		data:  `<row r="2"><c><v>1</v></c></row><row r="1"><c><v>2</v></c></row>`,
		rows:  []string{"row 1: ", "row 2: 1"},
		probs: []string{"w.xlsx [People & Co] row 2: the sheet is damaged: row 1 comes after row 2; save the workbook again from the spreadsheet program"},
	}, {
		name:  "column beyond XFD",
		data:  `<row r="1"><c r="XFE1"><v>1</v></c></row>`,
		probs: []string{"w.xlsx [People & Co] row 1: the sheet is damaged: a column is beyond Excel's last column (XFD); save the workbook again from the spreadsheet program"},
	}, {
		name:  "cut in the middle of a tag",
		data:  `<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" t="inlineStr"`,
		rows:  []string{"row 1: 1"},
		probs: []string{"w.xlsx [People & Co] row 2: the sheet is damaged: the XML ends in the middle of a tag; save the workbook again from the spreadsheet program"},
	}, {
		name:  "a shared string that does not exist",
		data:  `<row r="1"><c t="s"><v>99</v></c><c t="s"><v>x</v></c><c><v>1</v></c></row>`,
		rows:  []string{"row 1: ||1"},
		probs: []string{`w.xlsx [People & Co] row 1, column "A": damaged workbook: shared string 99 out of range (the workbook has 4); save it again from the spreadsheet program; 1 more text cell of the sheet does too`},
	}, {
		// Found by FuzzSheetXML: a stray end tag once passed cells on as row 0.
		name: "cells outside rows, stray and missing end tags",
		data: `<c><v>7</v></c></row><row r="2"><c><v>1</v></c><row r="3"><c><v>2</v></c></row></row><c><v>8</v></c><row><c><v>3</v></c>`,
		rows: []string{"row 1: ", "row 2: 1", "row 3: 2", "row 4: 3"},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows, probs := rowsOf(t, rawBook(t, tc.prefix, tc.data, sst))
			assert.Equal(t, tc.rows, rows)
			assert.Equal(t, tc.probs, probs)
		})
	}
}

// A workbook whose shared-strings part is missing is damaged, not empty;
// its text cells are reported once, with a count (issue 15).
func TestMissingSharedStrings(t *testing.T) {
	data := rawBook(t, "", `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>7</v></c></row>`, "")
	rows, probs := rowsOf(t, data)
	assert.Equal(t, []string{"row 1: ", "row 2: |7"}, rows)
	assert.Equal(t, []string{`w.xlsx [People & Co] row 1, column "A": damaged workbook: shared string 0 out of range (the workbook has no shared-strings part); save it again from the spreadsheet program; 2 more text cells of the sheet do too`}, probs)

	_, err := ReadProgram(Options{}, File{Path: "w.xlsx", Data: data})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "damaged workbook: shared string 0 out of range")
	assert.NotContains(t, err.Error(), "empty")
}

// TestHugeCellXLSX: a cell of 40 MB is reported with its size and cut,
// without holding it whole.
func TestHugeCellXLSX(t *testing.T) {
	big := make([]byte, 40<<20)
	rng := rand.New(rand.NewPCG(1, 1))
	for i := range big {
		big[i] = 'a' + byte(rng.IntN(26))
	}
	data := rawBook(t, "", `<row r="1"><c t="inlineStr"><is><t>id</t></is></c><c t="inlineStr"><is><t>`+string(big)+`</t></is></c></row>`, "")
	tables, ps := readXLSX("w.xlsx", data, "", false)
	require.Len(t, ps, 1)
	require.Len(t, tables, 1)
	assert.Equal(t, `w.xlsx [People & Co] row 1, column "B": the cell is 40960 KiB long; cells are limited to 32 KiB`, ps[0].String())
	require.Len(t, tables[0].Rows, 1)
	assert.Len(t, tables[0].Rows[0][1], MaxCellBytes)
}

func TestSharedStringsLimit(t *testing.T) {
	var sst strings.Builder
	for i := range maxSharedStrings + 1 {
		fmt.Fprintf(&sst, "<si><t>%d</t></si>", i)
	}
	data := rawBook(t, "", `<row r="1"><c t="s"><v>0</v></c></row>`, sst.String())
	_, probs := rowsOf(t, data)
	assert.Equal(t, []string{"w.xlsx [People & Co]: cannot read the workbook: it has more than 2000000 different texts (shared strings)"}, probs)
}

func TestUnescape(t *testing.T) {
	for in, want := range map[string]string{
		"plain": "plain", "&lt;&gt;&amp;&quot;&apos;": `<>&"'`, "&#65;&#x42;&#X43;": "ABC", "&#xD800;": "&#xD800;",
		"& &; &#; &#x; &unknown;": "& &; &#; &#x; &unknown;", "a&amp": "a&amp", "&#99999999999;": "&#99999999999;",
	} {
		assert.Equal(t, want, unescapeXML([]byte(in)), in)
	}
	for in, want := range map[string]string{
		"a_x000D_b": "a\rb", "_x005F_x000D_": "_x000D_", "_x00": "_x00", "_xZZZZ_": "_xZZZZ_", "x_x0041__x0042_": "xAB",
	} {
		assert.Equal(t, want, unescapeExcel(in), in)
	}
}

func TestColumns(t *testing.T) {
	for i, name := range map[int]string{0: "A", 25: "Z", 26: "AA", 51: "AZ", 52: "BA", 701: "ZZ", 702: "AAA", 16383: "XFD"} {
		assert.Equal(t, name, columnName(i))
		got, err := refColumn(name + "7")
		require.NoError(t, err)
		assert.Equal(t, i, got)
		want, _ := excelize.ColumnNameToNumber(name)
		assert.Equal(t, want, i+1)
	}
	for _, bad := range []string{"", "12", "A", "ZZZZ1", "$A$1"} {
		_, err := refColumn(bad)
		assert.Error(t, err, bad)
	}
}

func TestNormNumber(t *testing.T) {
	for in, want := range map[string]string{
		"3": "3", "-2.5": "-2.5", "0.30000000000000004": "0.3", "1E-3": "0.001", "1.5e2": "150",
		"12345678901234567890": "1.23456789012346E+19", "1E-12": "1E-12", "abc": "abc", "": "",
	} {
		assert.Equal(t, want, normNumber(in), in)
	}
}

// TestReaderAgreesWithExcelize reads workbooks that excelize writes, with
// every kind of cell it writes, both ways.
func TestReaderAgreesWithExcelize(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	require.NoError(t, f.SetSheetName("Sheet1", "Data"))
	require.NoError(t, f.SetSheetRow("Data", "A1", &[]any{"id", "name", "level", "ok", "note"}))
	require.NoError(t, f.SetSheetRow("Data", "A2", &[]any{"E1", "Zoë \"Z\" <Ørsted> & co", 3, true, "line\nbreak\ttab"}))
	require.NoError(t, f.SetSheetRow("Data", "B4", &[]any{"  spaces  ", 2.5, false, "\x01ctl"}))
	require.NoError(t, f.SetCellRichText("Data", "A5", []excelize.RichTextRun{{Text: "rich "}, {Text: "text", Font: &excelize.Font{Bold: true}}}))
	require.NoError(t, f.SetCellFormula("Data", "B5", `CONCAT("a","b")`))
	var buf bytes.Buffer
	require.NoError(t, f.Write(&buf))

	rows, probs := rowsOf(t, buf.Bytes())
	assert.Empty(t, probs)
	back, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	defer back.Close()
	want, err := back.GetRows("Data")
	require.NoError(t, err)
	var got []string
	for i, r := range want {
		for len(r) > 0 && r[len(r)-1] == "" {
			r = r[:len(r)-1]
		}
		got = append(got, fmt.Sprintf("row %d: %s", i+1, strings.Join(r, "|")))
	}
	assert.Equal(t, strings.Join(got, "\n"), strings.Join(rows, "\n"))
}

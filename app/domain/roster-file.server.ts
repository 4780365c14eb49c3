/**
 * Roster files: reading an uploaded CSV or XLSX into header + rows for `validateImport`,
 * and writing the roster export as CSV or XLSX.
 *
 * We parse CSV ourselves rather than with csv-parse: the importer must report the line a row
 * starts on, and csv-parse's `info.lines` is the line a record ends on and counts a CRLF inside
 * quotes as two lines.
 */
import ExcelJS from 'exceljs'
import type { Msg } from '../utils/forms.ts'
import type { RawRow } from './roster-import.ts'

export const MAX_FILE_BYTES = 5 * 1024 * 1024

export type RosterFileResult = { ok: true; header: string[]; rows: RawRow[] } | { ok: false; msg: Msg }

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] // "PK\x03\x04": XLSX is a ZIP package
// OLE2 compound file: legacy .xls, and also password-encrypted .xlsx.
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const WORKBOOK_EXTENSION = /\.(?:xlsx|xlsm|xls|et)$/i
const LEGACY_EXTENSION = /\.(?:xls|et)$/i

function fail(key: string, values?: Msg['values']): { ok: false; msg: Msg } {
	return { ok: false, msg: values ? { key: `rosterImport:errors.${key}`, values } : { key: `rosterImport:errors.${key}` } }
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
	return magic.every((b, i) => bytes[i] === b)
}

/**
 * Reads the first visible worksheet of an XLSX, or a CSV / tab-separated text file.
 * The format is decided by the bytes, not the file name. Lines are the numbers the user
 * sees in Excel (the header is usually line 1); blank lines are dropped.
 */
export async function readRosterFile(file: { name: string; bytes: Uint8Array }): Promise<RosterFileResult> {
	const { bytes } = file
	if (bytes.byteLength > MAX_FILE_BYTES) return fail('fileTooLarge', { maxMb: MAX_FILE_BYTES / 1024 / 1024 })
	if (startsWith(bytes, ZIP_MAGIC)) return readXlsx(bytes)
	if (startsWith(bytes, OLE2_MAGIC)) return fail('fileTypeLegacyExcel')
	// A "workbook" that is neither is usually an HTML table some system exported as .xls;
	// opening it in Excel and saving as .xlsx fixes it, which is what that message says.
	if (WORKBOOK_EXTENSION.test(file.name)) return fail(LEGACY_EXTENSION.test(file.name) ? 'fileTypeLegacyExcel' : 'fileType')
	const text = decodeText(bytes)
	if (text === null) return fail('fileType')
	const parsed = parseDelimited(text, sniffDelimiter(text))
	if (!parsed.ok) return fail('csvUnclosedQuote', { line: parsed.line })
	return splitHeader(parsed.records)
}

function splitHeader(records: RawRow[]): RosterFileResult {
	const nonBlank = records.filter((r) => r.cells.some((c) => c.trim() !== ''))
	const [header, ...rows] = nonBlank
	return { ok: true, header: header?.cells ?? [], rows }
}

// ── Text ──

const BINARY_CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f]/
const MARKUP = /^\s*<(?:!doctype|html|\?xml|table)/i

/**
 * UTF-8 (with or without BOM, as Excel's "CSV UTF-8" saves it), UTF-16 with BOM (Excel's
 * "Unicode text"), otherwise GB18030 — a superset of GBK, which Chinese Excel's plain "CSV"
 * uses. A file that is valid in none of them, or has binary control bytes or markup, is null.
 */
function decodeText(bytes: Uint8Array): string | null {
	let text: string
	try {
		if (startsWith(bytes, [0xff, 0xfe])) text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes)
		else if (startsWith(bytes, [0xfe, 0xff])) text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes)
		else text = decodeUtf8OrGb18030(bytes)
	} catch {
		return null
	}
	text = text.replace(/^\ufeff/, '')
	if (BINARY_CONTROL.test(text.slice(0, 8192)) || MARKUP.test(text)) return null
	return text
}

function decodeUtf8OrGb18030(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
	} catch {
		return new TextDecoder('gb18030', { fatal: true }).decode(bytes)
	}
}

/** Comma unless the first line has more tabs (Excel "Text (Tab delimited)") or semicolons. */
function sniffDelimiter(text: string): string {
	const firstLine = /^[\r\n]*([^\r\n]*)/.exec(text)?.[1] ?? ''
	const count = (d: string) => firstLine.split(d).length - 1
	return ['\t', ';'].reduce((best, d) => (count(d) > count(best) ? d : best), ',')
}

type ParseResult = { ok: true; records: RawRow[] } | { ok: false; line: number }

/**
 * RFC 4180 with the leniency of real files: CRLF, LF or CR line ends; a quote only opens a
 * quoted field at the start of a field; text after a closing quote is kept. Each record
 * carries the line it starts on. Line breaks inside quoted fields become "\n".
 */
function parseDelimited(text: string, delimiter: string): ParseResult {
	const records: RawRow[] = []
	let cells: string[] = []
	let field = ''
	let fieldStart = true
	let inQuotes = false
	let line = 1
	let recordLine = 1
	let quoteLine = 1

	for (let i = 0; i < text.length; i++) {
		const c = text.charAt(i)
		const isBreak = c === '\r' || c === '\n'
		if (c === '\r' && text.charAt(i + 1) === '\n') i++
		if (inQuotes) {
			if (c === '"') {
				if (text.charAt(i + 1) === '"') {
					field += '"'
					i++
				} else inQuotes = false
			} else if (isBreak) {
				field += '\n'
				line++
			} else field += c
			continue
		}
		if (c === '"' && fieldStart) {
			inQuotes = true
			fieldStart = false
			quoteLine = line
		} else if (c === delimiter) {
			cells.push(field)
			field = ''
			fieldStart = true
		} else if (isBreak) {
			cells.push(field)
			records.push({ line: recordLine, cells })
			cells = []
			field = ''
			fieldStart = true
			line++
			recordLine = line
		} else {
			field += c
			fieldStart = false
		}
	}
	if (inQuotes) return { ok: false, line: quoteLine }
	if (field !== '' || cells.length > 0) records.push({ line: recordLine, cells: [...cells, field] })
	return { ok: true, records }
}

// ── XLSX ──

async function readXlsx(bytes: Uint8Array): Promise<RosterFileResult> {
	const workbook = new ExcelJS.Workbook()
	try {
		await workbook.xlsx.load(bytes.slice().buffer)
	} catch {
		return fail('xlsxUnreadable')
	}
	const sheet = workbook.worksheets.find((w) => w.state === 'visible') ?? workbook.worksheets[0]
	if (!sheet) return fail('xlsxUnreadable')
	const records: RawRow[] = []
	sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
		const cells: string[] = []
		for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value))
		records.push({ line: rowNumber, cells })
	})
	return splitHeader(records)
}

/**
 * The text of a cell: rich text joined, a formula's cached result, a hyperlink's text,
 * a date as 'YYYY-MM-DD', an integer as plain digits (never "1.3812345678E10" or ".0").
 */
function cellText(value: unknown): string {
	if (value === null || value === undefined) return ''
	if (typeof value === 'string') return value
	if (typeof value === 'number') return numberText(value)
	if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
	if (value instanceof Date) return dateText(value)
	if (typeof value !== 'object') return ''
	if ('richText' in value && Array.isArray(value.richText)) {
		return value.richText.map((run: unknown) => cellText((run as { text?: unknown }).text)).join('')
	}
	if ('formula' in value || 'sharedFormula' in value) return 'result' in value ? cellText(value.result) : ''
	if ('hyperlink' in value) return 'text' in value ? cellText(value.text) : ''
	if ('error' in value) return cellText(value.error)
	return ''
}

function numberText(n: number): string {
	if (!Number.isFinite(n)) return ''
	// Beyond 2^53 String() would switch to exponent form; BigInt prints the stored digits.
	if (Number.isInteger(n)) return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString()
	return String(n)
}

/** XLSX dates have no zone: exceljs maps the serial to that instant in UTC, so read UTC parts. */
function dateText(d: Date): string {
	if (Number.isNaN(d.getTime())) return ''
	return d.toISOString().slice(0, 10)
}

// ── Export ──

export const EXPORT_COLUMNS = [
	'name',
	'mobile',
	'idCardMasked',
	'employmentType',
	'contractor',
	'department',
	'post',
	'hireDate',
	'dutyStatus',
] as const
export type ExportColumn = (typeof EXPORT_COLUMNS)[number]

/** One person as exported: labels (employment type, duty status) already in the user's language. */
export type ExportRow = {
	name: string
	mobile: string
	idCardMasked: string | null
	employmentType: string
	contractor: string | null
	department: string | null
	post: string
	hireDate: string | null
	dutyStatus: string
}

/** Column headers (and the sheet name) in the user's language: see `exportLabels`. */
export type ExportLabels = Record<ExportColumn, string> & { sheet?: string }

/**
 * Headers from the `rosterImport` namespace, so an exported file imports back in either
 * language (the masked ID and duty status headers deliberately match no import column).
 */
export function exportLabels(t: (key: string) => string): ExportLabels {
	const labels = Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, t(`rosterImport:columns.${c}`)])) as Record<
		ExportColumn,
		string
	>
	return { ...labels, sheet: t('rosterImport:export.sheet') }
}

function exportCells(row: ExportRow): string[] {
	return EXPORT_COLUMNS.map((c) => row[c] ?? '')
}

// OWASP CSV injection: spreadsheet apps run a cell starting with these as a formula.
const FORMULA_START = /^[=+\-@\t\r]/

function csvField(value: string): string {
	const v = FORMULA_START.test(value) ? `'${value}` : value
	return /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}

/** UTF-8 with BOM (so Excel detects the encoding), CRLF line ends, RFC 4180 quoting. */
export function rosterToCsv(rows: ExportRow[], labels: ExportLabels): string {
	const lines = [EXPORT_COLUMNS.map((c) => labels[c]), ...rows.map(exportCells)]
	return '\ufeff' + lines.map((cells) => cells.map(csvField).join(',') + '\r\n').join('')
}

const TEXT_COLUMNS: ReadonlySet<ExportColumn> = new Set(['mobile', 'idCardMasked'])

/** Approximate Excel column width: CJK and full-width characters take two units. */
function displayWidth(s: string): number {
	let width = 0
	for (const ch of s) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1
	return width
}

function sheetName(name: string | undefined): string {
	const cleaned = (name ?? '').replace(/[\\/?*[\]:]/g, ' ').trim().slice(0, 31)
	return cleaned || 'Roster'
}

/** First sheet, bold frozen header, fitted widths, mobile and ID as text, hire date as a date. */
export async function rosterToXlsx(rows: ExportRow[], labels: ExportLabels): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook()
	const sheet = workbook.addWorksheet(sheetName(labels.sheet), { views: [{ state: 'frozen', ySplit: 1 }] })
	sheet.columns = EXPORT_COLUMNS.map((c) => {
		const widest = Math.max(displayWidth(labels[c]), ...rows.map((r) => displayWidth(r[c] ?? '')))
		return {
			key: c,
			width: Math.min(Math.max(widest + 2, 8), 40),
			style: TEXT_COLUMNS.has(c) ? { numFmt: '@' } : c === 'hireDate' ? { numFmt: 'yyyy-mm-dd' } : {},
		}
	})
	const header = sheet.addRow(EXPORT_COLUMNS.map((c) => labels[c]))
	header.font = { bold: true }
	for (const row of rows) {
		const values: Record<string, string | Date | null> = Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, row[c] || null]))
		const hire = row.hireDate ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(row.hireDate) : null
		// A real date cell, at UTC midnight as XLSX dates carry no zone, so Excel can sort and filter it.
		if (hire) values.hireDate = new Date(Date.UTC(Number(hire[1]), Number(hire[2]) - 1, Number(hire[3])))
		sheet.addRow(values)
	}
	sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } }
	return Buffer.from(await workbook.xlsx.writeBuffer())
}

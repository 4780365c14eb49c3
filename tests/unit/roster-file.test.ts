import ExcelJS from 'exceljs'
import { describe, expect, test } from 'vitest'
import {
	EXPORT_COLUMNS,
	MAX_FILE_BYTES,
	exportLabels,
	readRosterFile,
	rosterToCsv,
	rosterToXlsx,
	type ExportLabels,
	type ExportRow,
	type RosterFileResult,
} from '../../app/domain/roster-file.server.ts'
import { validateImport, type ImportContext, type ImportRow } from '../../app/domain/roster-import.ts'
import enCommon from '../../app/locales/en/common.json'
import enRoster from '../../app/locales/en/rosterImport.json'
import zhCommon from '../../app/locales/zh-CN/common.json'
import zhRoster from '../../app/locales/zh-CN/rosterImport.json'

const utf8 = (s: string) => new TextEncoder().encode(s)
const hex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16))
const concat = (...parts: Uint8Array[]) => {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
	let at = 0
	for (const p of parts) {
		out.set(p, at)
		at += p.length
	}
	return out
}

function ok(result: RosterFileResult) {
	if (!result.ok) throw new Error(`expected a file, got ${result.msg.key}`)
	return result
}

const HEADER = ['姓名', '手机号', '用工类型', '岗位']
const ZHANG = ['张三', '13812345678', '正式员工', '操作工']

// GBK as Chinese Excel's plain "CSV" saves it (Node's TextEncoder only writes UTF-8).
// "姓名,手机号,用工类型,岗位\r\n" and "张三,13812345678,正式员工,操作工\r\n"; 张三 = D5C5 C8FD.
const GBK_HEADER = hex('d0d5c3fb2ccad6bbfabac52cd3c3b9a4c0e0d0cd2cb8dacebb0d0a')
const GBK_ZHANG = hex('d5c5c8fd2c31333831323334353637382cd5fdcabdd4b1b9a42cb2d9d7f7b9a40d0a')

describe('reading CSV', () => {
	const text = `${HEADER.join(',')}\r\n${ZHANG.join(',')}\r\n`
	test.each([
		['UTF-8 with BOM (Excel "CSV UTF-8")', concat(hex('efbbbf'), utf8(text))],
		['UTF-8 without BOM', utf8(text)],
		['UTF-8, LF line ends', utf8(text.replace(/\r\n/g, '\n'))],
		['UTF-8, CR line ends', utf8(text.replace(/\r\n/g, '\r'))],
		['UTF-8, no final line end', utf8(text.trimEnd())],
		['GBK (Excel "CSV")', concat(GBK_HEADER, GBK_ZHANG)],
		['UTF-16LE tab-separated (Excel "Unicode text")', concat(hex('fffe'), Uint8Array.from(Buffer.from(text.replace(/,/g, '\t'), 'utf16le')))],
		['tab-separated GBK', concat(GBK_HEADER, GBK_ZHANG).map((b) => (b === 0x2c ? 0x09 : b))],
	])('%s', async (_, bytes) => {
		const result = ok(await readRosterFile({ name: 'roster.csv', bytes }))
		expect(result.header).toEqual(HEADER)
		expect(result.rows).toEqual([{ line: 2, cells: ZHANG }])
	})

	test('the GBK fixture is what we think it is', () => {
		expect(new TextDecoder('gb18030').decode(hex('d5c5c8fd'))).toBe('张三')
		expect(new TextDecoder('gb18030').decode(GBK_HEADER)).toBe(`${HEADER.join(',')}\r\n`)
	})

	test('quoted fields with commas, quotes and line breaks keep each row on its starting line', async () => {
		const csv = [
			'姓名,手机号,用工类型,岗位',
			'张三,13812345678,正式员工,"装卸工,班组长"',
			'"李',
			'四",13912345678,劳务派遣,"说""明"',
			'',
			',,,',
			'王五,13712345678,灵活用工,"巡检工"',
			'"赵六",13612345678,外包,"多',
			'',
			'行"',
		].join('\r\n')
		const result = ok(await readRosterFile({ name: 'roster.csv', bytes: utf8(csv) }))
		expect(result.rows).toEqual([
			{ line: 2, cells: ['张三', '13812345678', '正式员工', '装卸工,班组长'] },
			{ line: 3, cells: ['李\n四', '13912345678', '劳务派遣', '说"明'] },
			{ line: 7, cells: ['王五', '13712345678', '灵活用工', '巡检工'] },
			{ line: 8, cells: ['赵六', '13612345678', '外包', '多\n\n行'] },
		])
	})

	test('GBK with a quoted comma', async () => {
		// "李四,13912345678,劳务派遣,"装卸工,班组长"\r\n"
		const row = hex('c0eecbc42c31333931323334353637382cc0cdcef1c5c9c7b22c22d7b0d0b6b9a42cb0e0d7e9b3a4220d0a')
		const result = ok(await readRosterFile({ name: 'roster.csv', bytes: concat(GBK_HEADER, GBK_ZHANG, row) }))
		expect(result.rows[1]).toEqual({ line: 3, cells: ['李四', '13912345678', '劳务派遣', '装卸工,班组长'] })
	})

	test('blank lines before the header keep the line numbers', async () => {
		const result = ok(await readRosterFile({ name: 'roster.csv', bytes: utf8(`\r\n${HEADER.join(',')}\r\n${ZHANG.join(',')}`) }))
		expect(result.header).toEqual(HEADER)
		expect(result.rows).toEqual([{ line: 3, cells: ZHANG }])
	})

	test('an unclosed quote names the line it opened on', async () => {
		const csv = `${HEADER.join(',')}\n${ZHANG.join(',')}\n"李四,13912345678,劳务派遣,操作工\n`
		expect(await readRosterFile({ name: 'roster.csv', bytes: utf8(csv) })).toEqual({
			ok: false,
			msg: { key: 'rosterImport:errors.csvUnclosedQuote', values: { line: 3 } },
		})
	})

	test('an empty file reads as no header', async () => {
		expect(await readRosterFile({ name: 'roster.csv', bytes: new Uint8Array() })).toEqual({ ok: true, header: [], rows: [] })
	})
})

describe('file type and size', () => {
	const PNG = hex('89504e470d0a1a0a0000000d49484452')
	test.each([
		['a PNG named .csv', 'roster.csv', PNG, 'fileType'],
		['text named .xlsx', 'roster.xlsx', utf8('姓名,手机号\n'), 'fileType'],
		['an HTML table named .xls', 'roster.xls', utf8('<html><table><tr><td>姓名</td></tr></table></html>'), 'fileTypeLegacyExcel'],
		['an HTML table named .csv', 'roster.csv', utf8('<!DOCTYPE html><table></table>'), 'fileType'],
		['neither UTF-8 nor GB18030', 'roster.csv', hex('8120ff'), 'fileType'],
		['a legacy .xls (OLE2)', 'roster.xls', hex('d0cf11e0a1b11ae1000000000000'), 'fileTypeLegacyExcel'],
		['an OLE2 file named .csv', 'roster.csv', hex('d0cf11e0a1b11ae1000000000000'), 'fileTypeLegacyExcel'],
		['a broken ZIP', 'roster.xlsx', concat(hex('504b0304'), utf8('not really a zip')), 'xlsxUnreadable'],
	])('%s', async (_, name, bytes, key) => {
		const result = await readRosterFile({ name, bytes })
		expect(result.ok).toBe(false)
		if (!result.ok) expect(result.msg.key).toBe(`rosterImport:errors.${key}`)
	})

	test('over 5 MB is refused before it is read', async () => {
		const bytes = new Uint8Array(MAX_FILE_BYTES + 1).fill(0x2c)
		expect(await readRosterFile({ name: 'roster.csv', bytes })).toEqual({
			ok: false,
			msg: { key: 'rosterImport:errors.fileTooLarge', values: { maxMb: 5 } },
		})
	})

	test('an XLSX is recognized by its bytes, whatever its name', async () => {
		const wb = new ExcelJS.Workbook()
		wb.addWorksheet('Sheet1').addRows([HEADER, ZHANG])
		const bytes = new Uint8Array(await wb.xlsx.writeBuffer())
		const result = ok(await readRosterFile({ name: 'upload.csv', bytes }))
		expect(result.rows).toEqual([{ line: 2, cells: ZHANG }])
	})
})

describe('reading XLSX', () => {
	async function workbookBytes(build: (wb: ExcelJS.Workbook) => void) {
		const wb = new ExcelJS.Workbook()
		build(wb)
		return new Uint8Array(await wb.xlsx.writeBuffer())
	}

	test('cell values of every kind become text, rows keep their Excel row numbers', async () => {
		const bytes = await workbookBytes((wb) => {
			const ws = wb.addWorksheet('名册')
			ws.getRow(1).values = [
				{ richText: [{ text: '姓', font: { bold: true } }, { text: '名' }] },
				'手机号',
				'身份证号',
				'用工类型',
				'岗位',
				'入职日期',
			]
			ws.getRow(2).values = [
				{ richText: [{ text: '张' }, { text: '三', font: { color: { argb: 'FFFF0000' } } }] },
				13812345678,
				'110105194912310021',
				'正式员工',
				{ formula: 'CONCAT("操作","工")', result: '操作工' },
				new Date(Date.UTC(2024, 2, 15)),
			]
			ws.getCell('F2').numFmt = 'yyyy-mm-dd'
			// row 3 left empty
			ws.getRow(4).values = [
				{ text: '李四', hyperlink: 'mailto:lisi@example.com' },
				'13912345678',
				110105194912310021, // typed as a number: Excel keeps only 15 significant digits
				{ formula: 'IF(TRUE,"劳务派遣","")', result: '劳务派遣' },
				'装卸工',
				45366,
			]
			ws.getRow(5).values = ['王五', { formula: '13700000000+12345678', result: 13712345678 }, null, '灵活用工', true, { error: '#N/A' }]
			wb.addWorksheet('说明').addRow(['这张表不读'])
		})
		const result = ok(await readRosterFile({ name: 'roster.xlsx', bytes }))
		expect(result.header).toEqual(['姓名', '手机号', '身份证号', '用工类型', '岗位', '入职日期'])
		expect(result.rows).toEqual([
			{ line: 2, cells: ['张三', '13812345678', '110105194912310021', '正式员工', '操作工', '2024-03-15'] },
			{ line: 4, cells: ['李四', '13912345678', '110105194912310016', '劳务派遣', '装卸工', '45366'] },
			{ line: 5, cells: ['王五', '13712345678', '', '灵活用工', 'TRUE', '#N/A'] },
		])
	})

	test('the first visible worksheet is read', async () => {
		const bytes = await workbookBytes((wb) => {
			const hidden = wb.addWorksheet('lists')
			hidden.state = 'hidden'
			hidden.addRow(['正式员工', '承包商人员'])
			wb.addWorksheet('人员').addRows([HEADER, ZHANG])
		})
		const result = ok(await readRosterFile({ name: 'roster.xlsx', bytes }))
		expect(result.header).toEqual(HEADER)
	})

	test('an XLSX row feeds validateImport', async () => {
		const bytes = await workbookBytes((wb) => {
			const ws = wb.addWorksheet('Sheet1')
			ws.addRow(['Name', 'Mobile', 'Employment type', 'Post', 'Hire date'])
			ws.addRow(['Li Wei', 13812345678, 'Employee', 'Operator', new Date(Date.UTC(2024, 2, 15))])
			ws.getCell('E2').numFmt = 'd/m/yyyy'
			ws.addRow(['Wang Fang', 13912345678, 'Employee', 'Operator', 45366])
		})
		const file = ok(await readRosterFile({ name: 'roster.xlsx', bytes }))
		const result = validateImport(file.header, file.rows, context())
		expect(result.ok && result.rows.map((r) => [r.line, r.mobile, r.hireDate])).toEqual([
			[2, '13812345678', '2024-03-15'],
			[3, '13912345678', '2024-03-15'],
		])
	})
})

const zhLabels = exportLabels((key) => lookup(zhRoster, key))
const enLabels = exportLabels((key) => lookup(enRoster, key))

function lookup(resources: object, key: string): string {
	const value = key
		.replace(/^rosterImport:/, '')
		.split('.')
		.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], resources)
	if (typeof value !== 'string') throw new Error(`missing ${key}`)
	return value
}

const PEOPLE: ExportRow[] = [
	{
		name: '张三',
		mobile: '13812345678',
		idCardMasked: '110***********0021',
		employmentType: zhCommon.employmentType.EMPLOYEE,
		contractor: null,
		department: '生产部',
		post: '操作工',
		hireDate: '2024-03-15',
		dutyStatus: zhCommon.dutyStatus.ON_POST,
	},
	{
		name: 'O\'Brien "Bob"',
		mobile: '13912345678',
		idCardMasked: null,
		employmentType: zhCommon.employmentType.CONTRACTOR,
		contractor: '鲁西建设, 有限公司',
		department: null,
		post: '=HYPERLINK("http://evil")',
		hireDate: null,
		dutyStatus: zhCommon.dutyStatus.SUSPENDED,
	},
	{
		name: '欧阳小明',
		mobile: '13712345678',
		idCardMasked: '370***********1234',
		employmentType: zhCommon.employmentType.OUTSOURCED,
		contractor: '鲁西建设, 有限公司',
		department: '储运部\n二班',
		post: '+夜班',
		hireDate: '2020-01-02',
		dutyStatus: zhCommon.dutyStatus.ON_POST,
	},
	{
		name: '@李四',
		mobile: '13612345678',
		idCardMasked: null,
		employmentType: zhCommon.employmentType.FLEXIBLE,
		contractor: null,
		department: null,
		post: '-临时',
		hireDate: '2026-05-20',
		dutyStatus: zhCommon.dutyStatus.ON_POST,
	},
]

function context(): ImportContext {
	return {
		departments: [
			{ id: 'd-prod', name: '生产部' },
			{ id: 'd-store', name: '储运部\n二班' },
		],
		contractors: [{ id: 'c-luxi', name: '鲁西建设, 有限公司' }],
		existingMobiles: new Set(),
		existingIdCards: new Set(),
		today: '2026-05-20',
	}
}

const EXPECTED: Omit<ImportRow, 'line'>[] = [
	{ name: '张三', mobile: '13812345678', idCard: null, employmentType: 'EMPLOYEE', departmentId: 'd-prod', contractorId: null, post: '操作工', hireDate: '2024-03-15' },
	{ name: 'O\'Brien "Bob"', mobile: '13912345678', idCard: null, employmentType: 'CONTRACTOR', departmentId: null, contractorId: 'c-luxi', post: '=HYPERLINK("http://evil")', hireDate: null },
	// The department's line break is whitespace to the importer and matches the stored name.
	{ name: '欧阳小明', mobile: '13712345678', idCard: null, employmentType: 'OUTSOURCED', departmentId: 'd-store', contractorId: 'c-luxi', post: '+夜班', hireDate: '2020-01-02' },
	{ name: '@李四', mobile: '13612345678', idCard: null, employmentType: 'FLEXIBLE', departmentId: null, contractorId: null, post: '-临时', hireDate: '2026-05-20' },
]

describe('CSV export', () => {
	const csv = rosterToCsv(PEOPLE, zhLabels)

	test('BOM, CRLF, a quoted header row and quoted awkward values', () => {
		expect(csv.startsWith('\ufeff姓名,手机号,身份证号（脱敏）,用工类型,承包商单位,部门,岗位,入职日期,在岗状态\r\n')).toBe(true)
		expect(csv.endsWith('\r\n')).toBe(true)
		expect(csv.replace(/\r\n/g, '')).not.toMatch(/\r(?!\n)/)
		const lines = csv.slice(1).split('\r\n')
		expect(lines[1]).toBe('张三,13812345678,110***********0021,正式员工,,生产部,操作工,2024-03-15,在岗')
		expect(lines[2]).toBe(`"O'Brien ""Bob""",13912345678,,承包商人员,"鲁西建设, 有限公司",,"'=HYPERLINK(""http://evil"")",,停岗`)
	})

	test.each([
		['=1+2', "'=1+2"],
		['+86', "'+86"],
		['-5', "'-5"],
		['@SUM(A1)', "'@SUM(A1)"],
		['\tx', "'\tx"],
		['a=b', 'a=b'],
		['', ''],
	])('cell %j is written as %j', (value, written) => {
		const line = rosterToCsv([{ ...PEOPLE[0]!, post: value }], zhLabels).split('\r\n')[1]
		expect(line?.split(',')[6]).toBe(written)
	})

	test('English headers', () => {
		expect(rosterToCsv([], enLabels)).toBe(
			'\ufeffName,Mobile,ID card (masked),Employment type,Contractor,Department,Post,Hire date,Duty status\r\n',
		)
	})
})

describe('XLSX export', () => {
	test('bold header, fitted widths, identifiers as text, hire date as a date', async () => {
		const wb = new ExcelJS.Workbook()
		await wb.xlsx.load(new Uint8Array(await rosterToXlsx(PEOPLE, zhLabels)).buffer)
		const ws = wb.worksheets[0]!
		expect(ws.name).toBe('人员名册')
		expect(ws.getRow(1).values).toEqual([undefined, ...EXPORT_COLUMNS.map((c) => zhLabels[c])])
		expect(ws.getCell('A1').font?.bold).toBe(true)
		for (let c = 1; c <= EXPORT_COLUMNS.length; c++) {
			const width = ws.getColumn(c).width ?? 0
			expect(width).toBeGreaterThanOrEqual(8)
			expect(width).toBeLessThanOrEqual(40)
		}
		expect(ws.getColumn(3).width).toBe(20) // '110***********0021': 18 characters + 2
		expect(ws.getCell('B2').value).toBe('13812345678')
		expect(ws.getCell('B2').numFmt).toBe('@')
		expect(ws.getCell('C2').value).toBe('110***********0021')
		expect(ws.getCell('H2').value).toEqual(new Date(Date.UTC(2024, 2, 15)))
		expect(ws.getCell('H3').value).toBeNull()
		expect(ws.getCell('E2').value).toBeNull()
		// A string that looks like a formula stays a string in XLSX.
		expect(ws.getCell('G3').value).toBe('=HYPERLINK("http://evil")')
	})

	test('an empty roster still has the header', async () => {
		const wb = new ExcelJS.Workbook()
		await wb.xlsx.load(new Uint8Array(await rosterToXlsx([], enLabels)).buffer)
		expect(wb.worksheets[0]?.name).toBe('Roster')
		expect(wb.worksheets[0]?.rowCount).toBe(1)
	})
})

describe('export → import round trip', () => {
	const englishPeople = PEOPLE.map((p, i) => ({
		...p,
		employmentType: enCommon.employmentType[(['EMPLOYEE', 'CONTRACTOR', 'OUTSOURCED', 'FLEXIBLE'] as const)[i]!],
		dutyStatus: enCommon.dutyStatus.ON_POST,
	}))
	const cases: [string, ExportRow[], ExportLabels][] = [
		['zh', PEOPLE, zhLabels],
		['en', englishPeople, enLabels],
	]

	test.each(cases)('CSV (%s)', async (_, people, labels) => {
		const bytes = utf8(rosterToCsv(people, labels))
		const file = ok(await readRosterFile({ name: 'roster.csv', bytes }))
		expect(validateImport(file.header, file.rows, context())).toEqual({
			ok: true,
			rows: EXPECTED.map((r, i) => ({ line: [2, 3, 4, 6][i]!, ...r })), // row 3's department spans lines 4–5
		})
	})

	test.each(cases)('XLSX (%s)', async (_, people, labels) => {
		const bytes = new Uint8Array(await rosterToXlsx(people, labels))
		const file = ok(await readRosterFile({ name: 'roster.xlsx', bytes }))
		expect(validateImport(file.header, file.rows, context())).toEqual({
			ok: true,
			rows: EXPECTED.map((r, i) => ({ line: i + 2, ...r })),
		})
	})

	test('every export header either imports as its column or is deliberately ignored', async () => {
		const { matchColumn } = await import('../../app/domain/roster-import.ts')
		for (const labels of [zhLabels, enLabels]) {
			expect(EXPORT_COLUMNS.map((c) => matchColumn(labels[c]))).toEqual([
				'name',
				'mobile',
				null, // masked ID: never read back
				'employmentType',
				'contractor',
				'department',
				'post',
				'hireDate',
				null, // duty status is not imported
			])
		}
	})
})

import i18next from 'i18next'
import { describe, expect, test } from 'vitest'
import { idCardCheckChar } from '../../app/domain/identifiers.ts'
import {
	IMPORT_COLUMNS,
	MAX_IMPORT_ROWS,
	matchColumn,
	parseEmploymentType,
	parseHireDate,
	validateImport,
	type ImportColumnKey,
	type ImportContext,
	type ImportResult,
	type RowError,
} from '../../app/domain/roster-import.ts'
import enCommon from '../../app/locales/en/common.json'
import enRoster from '../../app/locales/en/rosterImport.json'
import zhCommon from '../../app/locales/zh-CN/common.json'
import zhRoster from '../../app/locales/zh-CN/rosterImport.json'

const TODAY = '2026-05-20'
const withCheck = (body17: string) => body17 + idCardCheckChar(body17)
const ID_A = withCheck('11010519491231002')
const ID_B = withCheck('37150219900101123')
const ID_EXISTING = withCheck('37150219851111002')

function context(over: Partial<ImportContext> = {}): ImportContext {
	return {
		departments: [
			{ id: 'd-prod', name: '生产部' },
			{ id: 'd-safety', name: 'Safety Office' },
		],
		contractors: [{ id: 'c-luxi', name: '鲁西建设工程有限公司' }],
		existingMobiles: new Set(['13900000000']),
		existingIdCards: new Set([ID_EXISTING]),
		today: TODAY,
		...over,
	}
}

type Person = Partial<Record<ImportColumnKey, string>>
const KEYS: ImportColumnKey[] = ['name', 'mobile', 'idCard', 'employmentType', 'contractor', 'department', 'post', 'hireDate']
const HEADER = ['姓名', '手机号', '身份证号', '用工类型', '承包商单位', '部门', '岗位', '入职日期']
const GOOD: Person = {
	name: '张三',
	mobile: '13812345678',
	idCard: ID_A,
	employmentType: '正式员工',
	department: '生产部',
	post: '操作工',
	hireDate: '2024-03-15',
}
const cellsOf = (p: Person) => KEYS.map((k) => p[k] ?? '')

/** Data rows start on line 2, right below the header. */
function run(people: Person[], ctx = context()): ImportResult {
	return validateImport(
		HEADER,
		people.map((p, i) => ({ line: i + 2, cells: cellsOf(p) })),
		ctx,
	)
}

function rowErrors(result: ImportResult): RowError[] {
	if (result.ok) throw new Error('expected errors')
	expect(result.fileErrors).toEqual([])
	return result.rowErrors
}

const err = (line: number, column: ImportColumnKey, key: string, values?: Record<string, string | number>): RowError => ({
	line,
	column,
	msg: values ? { key: `rosterImport:errors.${key}`, values } : { key: `rosterImport:errors.${key}` },
})

describe('header matching', () => {
	test.each([
		['姓名', 'name'],
		['Name', 'name'],
		['姓名*', 'name'],
		['* 姓名（必填）', 'name'],
		['手机号', 'mobile'],
		['手机号码', 'mobile'],
		['手机', 'mobile'],
		['Mobile', 'mobile'],
		['mobile number', 'mobile'],
		['  MOBILE   Number ', 'mobile'],
		['Mobile_Number', 'mobile'],
		['身份证号码', 'idCard'],
		['ID Card No.', 'idCard'],
		['用工类型', 'employmentType'],
		['Employment Type', 'employmentType'],
		['承包商', 'contractor'],
		['Contractor', 'contractor'],
		['所属部门', 'department'],
		['Dept', 'department'],
		['岗位', 'post'],
		['Position', 'post'],
		['入职时间', 'hireDate'],
		['Hire date', 'hireDate'],
		['身份证号（脱敏）', null],
		['ID card (masked)', null],
		['在岗状态', null],
		['Duty status', null],
		['备注', null],
		['', null],
	])('%j → %s', (header, key) => {
		expect(matchColumn(header)).toBe(key)
	})

	test('every column has Chinese and English aliases, and no alias is shared', () => {
		const seen = new Set<ImportColumnKey | null>()
		for (const c of IMPORT_COLUMNS) {
			expect(c.aliases.some((a) => /[\u4e00-\u9fff]/.test(a))).toBe(true)
			expect(c.aliases.some((a) => /^[a-z ]+$/i.test(a))).toBe(true)
			for (const a of c.aliases) expect(matchColumn(a)).toBe(c.key)
			seen.add(c.key)
		}
		expect(seen.size).toBe(IMPORT_COLUMNS.length)
	})

	test('English headers in any order, extra columns ignored', () => {
		const header = ['Remarks', 'Post', 'Mobile number', 'Employment type', 'Name', 'Department']
		const result = validateImport(header, [{ line: 2, cells: ['ok', '巡检工', '13812345678', 'Employee', 'Li Wei', '生产部'] }], context())
		expect(result).toEqual({
			ok: true,
			rows: [
				{
					line: 2,
					name: 'Li Wei',
					mobile: '13812345678',
					idCard: null,
					employmentType: 'EMPLOYEE',
					departmentId: 'd-prod',
					contractorId: null,
					post: '巡检工',
					hireDate: null,
				},
			],
		})
	})
})

describe('file-level errors', () => {
	const fileErrors = (result: ImportResult) => {
		if (result.ok) throw new Error('expected errors')
		expect(result.rowErrors).toEqual([])
		return result.fileErrors.map((m) => m.values ? [m.key, m.values] : [m.key])
	}
	const aRow = [{ line: 2, cells: cellsOf(GOOD) }]

	test('missing required columns, each reported', () => {
		expect(fileErrors(validateImport(['姓名', '备注', '部门'], aRow, context()))).toEqual([
			['rosterImport:errors.columnMissing', { column: 'mobile' }],
			['rosterImport:errors.columnMissing', { column: 'employmentType' }],
			['rosterImport:errors.columnMissing', { column: 'post' }],
		])
	})

	test('two headers for one column', () => {
		const header = ['姓名', '手机', '手机号码', '用工类型', '岗位']
		expect(fileErrors(validateImport(header, aRow, context()))).toEqual([
			['rosterImport:errors.columnDuplicate', { column: 'mobile', first: '手机', second: '手机号码' }],
		])
	})

	test.each([
		['no rows at all', []],
		['only blank rows', [{ line: 2, cells: ['', ' ', '\u3000'] }, { line: 3, cells: [] }]],
	])('%s → noRows', (_, rows) => {
		expect(fileErrors(validateImport(HEADER, rows, context()))).toEqual([['rosterImport:errors.noRows']])
	})

	test('an empty file', () => {
		expect(fileErrors(validateImport([], [], context()))).toEqual([['rosterImport:errors.emptyFile']])
	})

	const many = (n: number) =>
		Array.from({ length: n }, (_, i) => ({ line: i + 2, cells: cellsOf({ ...GOOD, idCard: '', mobile: String(13000000000 + i) }) }))

	test(`${MAX_IMPORT_ROWS} rows are accepted`, () => {
		const result = validateImport(HEADER, many(MAX_IMPORT_ROWS), context())
		expect(result.ok && result.rows.length).toBe(MAX_IMPORT_ROWS)
	})

	test(`${MAX_IMPORT_ROWS + 1} rows are a file error`, () => {
		expect(fileErrors(validateImport(HEADER, many(MAX_IMPORT_ROWS + 1), context()))).toEqual([
			['rosterImport:errors.tooManyRows', { max: MAX_IMPORT_ROWS, count: MAX_IMPORT_ROWS + 1 }],
		])
	})

	test('today must be a date', () => {
		expect(() => validateImport(HEADER, aRow, context({ today: '2026-5-20' }))).toThrow(RangeError)
	})
})

describe('each row error', () => {
	test.each<[string, Person, RowError[]]>([
		['name missing', { name: ' ' }, [err(2, 'name', 'required', { column: 'name' })]],
		['name too long', { name: '张'.repeat(51) }, [err(2, 'name', 'tooLong', { column: 'name', max: 50 })]],
		['mobile missing', { mobile: '' }, [err(2, 'mobile', 'required', { column: 'mobile' })]],
		['mobile too short', { mobile: '1381234567' }, [err(2, 'mobile', 'mobileInvalid', { value: '1381234567' })]],
		['mobile not mobile', { mobile: '0531-8888888' }, [err(2, 'mobile', 'mobileInvalid', { value: '0531-8888888' })]],
		[
			'mobile in scientific notation',
			{ mobile: '1.38123E+10' },
			[err(2, 'mobile', 'scientificNotation', { column: 'mobile', value: '1.38123E+10' })],
		],
		['mobile already on the roster', { mobile: '139 0000 0000' }, [err(2, 'mobile', 'mobileExists', { value: '13900000000' })]],
		['ID too short', { idCard: ID_A.slice(0, 17) }, [err(2, 'idCard', 'idCard.length')]],
		['ID with a letter', { idCard: `${ID_A.slice(0, 10)}A${ID_A.slice(11)}` }, [err(2, 'idCard', 'idCard.format')]],
		['ID with 13th month', { idCard: '110105194913310021' }, [err(2, 'idCard', 'idCard.birthdate')]],
		['ID born after today', { idCard: withCheck('11010520300101001') }, [err(2, 'idCard', 'idCard.birthdate')]],
		['ID check character', { idCard: ID_A.slice(0, 17) + (ID_A.endsWith('9') ? '8' : '9') }, [err(2, 'idCard', 'idCard.checksum')]],
		['ID masked', { idCard: '110***********0021' }, [err(2, 'idCard', 'idCardMasked')]],
		['ID in scientific notation', { idCard: '1.10105E+17' }, [err(2, 'idCard', 'scientificNotation', { column: 'idCard', value: '1.10105E+17' })]],
		['ID already on the roster', { idCard: ID_EXISTING.toLowerCase() }, [err(2, 'idCard', 'idCardExists')]],
		['type missing', { employmentType: '' }, [err(2, 'employmentType', 'required', { column: 'employmentType' })]],
		['type unknown', { employmentType: '临时工' }, [err(2, 'employmentType', 'employmentTypeUnknown', { value: '临时工' })]],
		['contractor missing', { employmentType: '承包商人员' }, [err(2, 'contractor', 'contractorRequired', { type: 'CONTRACTOR' })]],
		['contractor missing (outsourced)', { employmentType: '外包' }, [err(2, 'contractor', 'contractorRequired', { type: 'OUTSOURCED' })]],
		[
			'contractor unknown',
			{ employmentType: 'CONTRACTOR', contractor: '鲁东建设' },
			[err(2, 'contractor', 'contractorUnknown', { value: '鲁东建设' })],
		],
		[
			'contractor unknown for an employee',
			{ contractor: '鲁东建设' },
			[err(2, 'contractor', 'contractorUnknown', { value: '鲁东建设' })],
		],
		['department unknown', { department: '仓储部' }, [err(2, 'department', 'departmentUnknown', { value: '仓储部' })]],
		['post missing', { post: '' }, [err(2, 'post', 'required', { column: 'post' })]],
		['post too long', { post: 'x'.repeat(51) }, [err(2, 'post', 'tooLong', { column: 'post', max: 50 })]],
		['date not a date', { hireDate: '去年' }, [err(2, 'hireDate', 'dateInvalid', { value: '去年' })]],
		['date Feb 30', { hireDate: '2024/2/30' }, [err(2, 'hireDate', 'dateInvalid', { value: '2024/2/30' })]],
		['date only a year', { hireDate: '2024' }, [err(2, 'hireDate', 'dateInvalid', { value: '2024' })]],
		['date tomorrow', { hireDate: '2026年5月21日' }, [err(2, 'hireDate', 'hireDateFuture', { value: '2026-05-21', today: TODAY })]],
	])('%s', (_, override, expected) => {
		expect(rowErrors(run([{ ...GOOD, ...override }]))).toEqual(expected)
	})

	test('a row with several problems reports all of them in column order', () => {
		const bad: Person = {
			name: '',
			mobile: '12345',
			idCard: '110105194913310021',
			employmentType: '承包商',
			department: '仓储部',
			post: '',
			hireDate: '2030-01-01',
		}
		expect(rowErrors(run([bad]))).toEqual([
			err(2, 'name', 'required', { column: 'name' }),
			err(2, 'mobile', 'mobileInvalid', { value: '12345' }),
			err(2, 'idCard', 'idCard.birthdate'),
			err(2, 'contractor', 'contractorRequired', { type: 'CONTRACTOR' }),
			err(2, 'department', 'departmentUnknown', { value: '仓储部' }),
			err(2, 'post', 'required', { column: 'post' }),
			err(2, 'hireDate', 'hireDateFuture', { value: '2030-01-01', today: TODAY }),
		])
	})
})

describe('a file with several bad rows', () => {
	test('every problem is reported with the line the user sees', () => {
		const rows = [
			{ line: 2, cells: cellsOf(GOOD) },
			{ line: 3, cells: cellsOf({}) }, // blank: skipped, but counts as a line
			{ line: 4, cells: cellsOf({ ...GOOD, name: '李四', idCard: ID_B, department: '仓储部' }) },
			{ line: 5, cells: cellsOf({ ...GOOD, name: '王五', mobile: '13712345678', idCard: ID_A.toLowerCase(), hireDate: '2024-13-01' }) },
			{ line: 6, cells: cellsOf({ ...GOOD, name: '赵六', mobile: '+86 137-1234-5678', idCard: '' }) },
			{ line: 7, cells: cellsOf({ ...GOOD, name: '钱七', mobile: '13612345678', idCard: '' }) },
			{ line: 9, cells: cellsOf({ ...GOOD, name: '孙八', mobile: '13900000000', idCard: ID_EXISTING, employmentType: '派遣工' }) },
		]
		expect(rowErrors(validateImport(HEADER, rows, context()))).toEqual([
			err(4, 'mobile', 'mobileDuplicateInFile', { value: '13812345678', firstLine: 2 }),
			err(4, 'department', 'departmentUnknown', { value: '仓储部' }),
			err(5, 'idCard', 'idCardDuplicateInFile', { firstLine: 2 }),
			err(5, 'hireDate', 'dateInvalid', { value: '2024-13-01' }),
			err(6, 'mobile', 'mobileDuplicateInFile', { value: '13712345678', firstLine: 5 }),
			err(9, 'mobile', 'mobileExists', { value: '13900000000' }),
			err(9, 'idCard', 'idCardExists'),
			err(9, 'employmentType', 'employmentTypeUnknown', { value: '派遣工' }),
		])
	})

	test('a number repeated three times names the first line each time', () => {
		const people = [GOOD, { ...GOOD, idCard: '' }, { ...GOOD, idCard: '' }]
		expect(rowErrors(run(people))).toEqual([
			err(3, 'mobile', 'mobileDuplicateInFile', { value: '13812345678', firstLine: 2 }),
			err(4, 'mobile', 'mobileDuplicateInFile', { value: '13812345678', firstLine: 2 }),
		])
	})
})

describe('clean rows', () => {
	test('values are normalized', () => {
		const result = run([
			{
				name: '  欧阳  小明 ',
				mobile: '＋86 １３８-1234-5678',
				idCard: ID_A.slice(0, 17) + (ID_A.endsWith('X') ? 'x' : ID_A.charAt(17)),
				employmentType: ' Contractor ',
				contractor: '鲁西建设工程有限公司',
				department: ' safety  office ',
				post: "'-夜班班长",
				hireDate: '2024/3/5',
			},
			{ ...GOOD, mobile: '13912345678', idCard: '', employmentType: '劳务派遣', contractor: '鲁西建设工程有限公司', department: '', hireDate: '' },
			{ ...GOOD, mobile: '13712345678', idCard: '\u200b', name: 'x'.repeat(50), post: 'y'.repeat(50), hireDate: TODAY },
		])
		expect(result).toEqual({
			ok: true,
			rows: [
				{
					line: 2,
					name: '欧阳 小明',
					mobile: '13812345678',
					idCard: ID_A,
					employmentType: 'CONTRACTOR',
					departmentId: 'd-safety',
					contractorId: 'c-luxi',
					post: '-夜班班长',
					hireDate: '2024-03-05',
				},
				// A known contractor on a dispatched worker is accepted but not kept, as in the person form.
				{
					line: 3,
					name: '张三',
					mobile: '13912345678',
					idCard: null,
					employmentType: 'DISPATCHED',
					departmentId: null,
					contractorId: null,
					post: '操作工',
					hireDate: null,
				},
				{
					line: 4,
					name: 'x'.repeat(50),
					mobile: '13712345678',
					idCard: null,
					employmentType: 'EMPLOYEE',
					departmentId: 'd-prod',
					contractorId: null,
					post: 'y'.repeat(50),
					hireDate: TODAY,
				},
			],
		})
	})

	test('without the optional columns', () => {
		const result = validateImport(['姓名', '手机号', '用工类型', '岗位'], [{ line: 2, cells: ['张三', '13812345678', '灵活用工', '保洁'] }], context())
		expect(result.ok && result.rows[0]).toMatchObject({ employmentType: 'FLEXIBLE', idCard: null, departmentId: null, hireDate: null })
	})

	test('a contractor type without the contractor column is a row error, not a file error', () => {
		const result = validateImport(['姓名', '手机号', '用工类型', '岗位'], [{ line: 2, cells: ['张三', '13812345678', '外包人员', '保洁'] }], context())
		expect(rowErrors(result)).toEqual([err(2, 'contractor', 'contractorRequired', { type: 'OUTSOURCED' })])
	})
})

describe('employment types', () => {
	test.each([
		['正式员工', 'EMPLOYEE'],
		['员工', 'EMPLOYEE'],
		['EMPLOYEE', 'EMPLOYEE'],
		['Employee', 'EMPLOYEE'],
		['承包商', 'CONTRACTOR'],
		['承包商人员', 'CONTRACTOR'],
		['contractor', 'CONTRACTOR'],
		['劳务派遣', 'DISPATCHED'],
		['派遣', 'DISPATCHED'],
		['Dispatched', 'DISPATCHED'],
		['灵活用工', 'FLEXIBLE'],
		['Flexible', 'FLEXIBLE'],
		['外包', 'OUTSOURCED'],
		['外包人员', 'OUTSOURCED'],
		['Outsourced', 'OUTSOURCED'],
		[' 劳务 派遣 ', 'DISPATCHED'],
		['临时工', null],
		['', null],
	])('%j → %s', (raw, type) => {
		expect(parseEmploymentType(raw)).toBe(type)
	})

	test('the labels of the common namespace are all recognized', () => {
		for (const labels of [zhCommon.employmentType, enCommon.employmentType]) {
			for (const [code, label] of Object.entries(labels)) expect(parseEmploymentType(label)).toBe(code)
		}
	})
})

describe('hire dates', () => {
	test.each([
		['2024-03-15', '2024-03-15'],
		['2024-3-5', '2024-03-05'],
		['2024/3/5', '2024-03-05'],
		['2024.03.05', '2024-03-05'],
		['2024年3月5日', '2024-03-05'],
		['2024 年 3 月 5 日', '2024-03-05'],
		['２０２４年３月５日', '2024-03-05'],
		['20240305', '2024-03-05'],
		['2024/3/5 0:00', '2024-03-05'],
		['2024-03-05 00:00:00', '2024-03-05'],
		['2024-02-29', '2024-02-29'],
		['45356', '2024-03-05'], // Excel serial
		['45356.75', '2024-03-05'],
		['18264', '1950-01-01'],
		['2023-02-29', null],
		['2024/3-5', null],
		['2024-3', null],
		['2024', null],
		['18263', null],
		['3/5/2024', null],
		['abc', null],
	])('%j → %s', (raw, date) => {
		expect(parseHireDate(raw)).toBe(date)
	})
})

describe('messages', () => {
	const flatten = (o: object, prefix = ''): string[] =>
		Object.entries(o).flatMap(([k, v]) =>
			typeof v === 'object' && v !== null ? flatten(v as object, `${prefix}${k}.`) : [`${prefix}${k}`.replace(/_(one|other)$/, '')],
		)

	test('both languages have the same keys', () => {
		expect([...new Set(flatten(enRoster))].sort()).toEqual([...new Set(flatten(zhRoster))].sort())
	})

	test('every message renders in both languages with nothing left unresolved', async () => {
		const result = run([
			{ name: 'x'.repeat(51), mobile: '1.3E+10', idCard: '110***', employmentType: '承包商', post: 'y'.repeat(51), hireDate: 'x' },
			{ mobile: '123', idCard: '1.1E+17', employmentType: '?', contractor: '?', department: '?', hireDate: '2099-01-01' },
			{ ...GOOD, mobile: '13900000000', idCard: ID_EXISTING },
			{ ...GOOD },
			{ ...GOOD, mobile: '13612345678' },
			{ ...GOOD, idCard: '1' },
			{ ...GOOD, idCard: 'A'.repeat(18) },
			{ ...GOOD, idCard: '110105194913310021' },
			{ ...GOOD, idCard: ID_A.slice(0, 17) + (ID_A.endsWith('9') ? '8' : '9') },
		])
		const messages = rowErrors(result).map((e) => e.msg)
		const fileResults = [
			validateImport(['姓名', '手机', '手机号'], [], context()),
			validateImport([], [], context()),
			validateImport(HEADER, Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => ({ line: i + 2, cells: ['a'] })), context()),
		]
		for (const r of fileResults) if (!r.ok) messages.push(...r.fileErrors)
		// Messages of the file reader (roster-file.server.ts).
		messages.push(
			{ key: 'rosterImport:errors.fileTooLarge', values: { maxMb: 5 } },
			{ key: 'rosterImport:errors.fileType' },
			{ key: 'rosterImport:errors.fileTypeLegacyExcel' },
			{ key: 'rosterImport:errors.xlsxUnreadable' },
			{ key: 'rosterImport:errors.csvUnclosedQuote', values: { line: 3 } },
		)
		const keys = new Set(messages.map((m) => m.key.replace(/^rosterImport:/, '')))
		const errorKeys = flatten(zhRoster).filter((k) => k.startsWith('errors.'))
		expect([...keys].sort()).toEqual(errorKeys.sort())

		for (const [lng, roster, common] of [
			['zh-CN', zhRoster, zhCommon],
			['en', enRoster, enCommon],
		] as const) {
			const i18n = i18next.createInstance()
			await i18n.init({
				lng,
				resources: { [lng]: { rosterImport: roster, common } },
				interpolation: { escapeValue: false },
			})
			for (const m of messages) {
				const text = i18n.t(m.key, m.values)
				expect(text, m.key).not.toMatch(/\{\{|\$t\(|rosterImport|errors\.|columns\./)
			}
			expect(i18n.t('rosterImport:errors.columnMissing', { column: 'mobile' })).toContain(roster.columns.mobile)
			expect(i18n.t('rosterImport:errors.contractorRequired', { type: 'OUTSOURCED' })).toContain(common.employmentType.OUTSOURCED)
		}
	})
})

/**
 * Roster bulk import: maps a file's header to our columns and validates every row.
 *
 * Pure: the caller reads the file (roster-file.server.ts), loads the enterprise's departments,
 * contractors and existing identifiers, and passes today's Shanghai date. The whole file is
 * checked and every problem reported, so the user fixes the file once and nothing is imported
 * until it is clean.
 */
import type { Msg } from '../utils/forms.ts'
import { validateIdCard, validateMobile } from './identifiers.ts'
import type { EmploymentType } from './constants.ts'
import { formatDateParts, isValidCalendarDate, parseDateString } from './time.ts'

export type ImportColumnKey =
	| 'name'
	| 'mobile'
	| 'idCard'
	| 'employmentType'
	| 'contractor'
	| 'department'
	| 'post'
	| 'hireDate'

/**
 * `required`: the column must be in the header and every row must fill it. The contractor
 * column is optional as a column, but a contractor or outsourced person needs a value in it.
 * Aliases are compared after `normalizeHeader`, so case, spaces and "*"/"(必填)" marks don't matter.
 */
export type ImportColumn = { key: ImportColumnKey; required: boolean; aliases: readonly string[] }

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
	{
		key: 'name',
		required: true,
		aliases: ['姓名', '名字', '员工姓名', '人员姓名', 'name', 'full name', 'person name', 'employee name'],
	},
	{
		key: 'mobile',
		required: true,
		aliases: [
			'手机号',
			'手机号码',
			'手机',
			'移动电话',
			'联系电话',
			'mobile',
			'mobile number',
			'mobile no',
			'mobile phone',
			'phone',
			'phone number',
			'cell phone',
		],
	},
	{
		key: 'idCard',
		required: false,
		aliases: [
			'身份证号',
			'身份证号码',
			'身份证',
			'居民身份证号',
			'居民身份证号码',
			'公民身份号码',
			'证件号码',
			'id card',
			'id card number',
			'id card no',
			'id number',
			'id no',
			'resident id',
			'resident id number',
			'national id',
		],
	},
	{
		key: 'employmentType',
		required: true,
		aliases: ['用工类型', '用工形式', '用工性质', '人员类型', '人员类别', 'employment type', 'type of employment', 'worker type'],
	},
	{
		key: 'contractor',
		required: false,
		aliases: ['承包商单位', '承包商', '承包单位', '承包商名称', '所属承包商', 'contractor', 'contractor company', 'contractor name'],
	},
	{
		key: 'department',
		required: false,
		aliases: ['部门', '所属部门', '部门名称', 'department', 'department name', 'dept'],
	},
	{
		key: 'post',
		required: true,
		aliases: ['岗位', '岗位名称', '工作岗位', '职位', 'post', 'position', 'job', 'job title'],
	},
	{
		key: 'hireDate',
		required: false,
		aliases: [
			'入职日期',
			'入职时间',
			'入厂日期',
			'入厂时间',
			'到岗日期',
			'hire date',
			'date of hire',
			'hired on',
			'start date',
			'employment date',
			'join date',
		],
	},
]

export const MAX_IMPORT_ROWS = 5000
export const MAX_NAME_LENGTH = 50
export const MAX_POST_LENGTH = 50

/** Codes and the Chinese and English labels people type; compared after `normalizeLabel`. */
const EMPLOYMENT_TYPE_ALIASES: Record<EmploymentType, readonly string[]> = {
	EMPLOYEE: ['EMPLOYEE', '正式员工', '员工', '正式工', '本单位员工', 'staff'],
	CONTRACTOR: ['CONTRACTOR', '承包商', '承包商人员', '承包商员工', 'contractor staff', 'contractor worker'],
	DISPATCHED: ['DISPATCHED', '劳务派遣', '派遣', '劳务派遣人员', '派遣人员', '派遣员工', 'dispatched worker', 'agency worker'],
	FLEXIBLE: ['FLEXIBLE', '灵活用工', '灵活用工人员', 'flexible worker'],
	OUTSOURCED: ['OUTSOURCED', '外包', '外包人员', '外包员工', 'outsourced worker', 'outsourced staff'],
}

// Mirrors CONTRACTOR_TYPES in roster.server.ts, which this pure module cannot import at run time.
const NEEDS_CONTRACTOR: ReadonlySet<EmploymentType> = new Set<EmploymentType>(['CONTRACTOR', 'OUTSOURCED'])

export type RowError = { line: number; column: ImportColumnKey | null; msg: Msg }

export type ImportRow = {
	line: number
	name: string
	mobile: string
	idCard: string | null
	employmentType: EmploymentType
	departmentId: string | null
	contractorId: string | null
	post: string
	hireDate: string | null
}

export type RawRow = { line: number; cells: string[] }

export type ImportContext = {
	departments: { id: string; name: string }[]
	contractors: { id: string; name: string }[]
	/** Normalized (bare 11-digit) mobile numbers already on the enterprise's roster. */
	existingMobiles: Set<string>
	/** Normalized (uppercase) ID card numbers already on the enterprise's roster. */
	existingIdCards: Set<string>
	/** Today in Shanghai, 'YYYY-MM-DD'. */
	today: string
}

export type ImportResult =
	| { ok: true; rows: ImportRow[] }
	| { ok: false; fileErrors: Msg[]; rowErrors: RowError[] }

function msg(key: string, values?: Msg['values']): Msg {
	return values ? { key: `rosterImport:errors.${key}`, values } : { key: `rosterImport:errors.${key}` }
}

/** Header text → comparable form: NFKC, lowercase, no spaces/underscores/hyphens/dots/colons/"*", no "(必填)". */
export function normalizeHeader(s: string): string {
	return s
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[\s_\-*.:\u200b-\u200d\ufeff]/g, '')
		.replace(/[(\[【](?:必填|选填|可选|非必填|required|optional)[)\]】]/g, '')
}

const COLUMN_BY_ALIAS = new Map<string, ImportColumnKey>(
	IMPORT_COLUMNS.flatMap((c) => c.aliases.map((a) => [normalizeHeader(a), c.key] as const)),
)

export function matchColumn(header: string): ImportColumnKey | null {
	return COLUMN_BY_ALIAS.get(normalizeHeader(header)) ?? null
}

function normalizeLabel(s: string): string {
	return s.normalize('NFKC').replace(/\s+/g, '').toUpperCase()
}

const TYPE_BY_ALIAS = new Map<string, EmploymentType>(
	(Object.entries(EMPLOYMENT_TYPE_ALIASES) as [EmploymentType, readonly string[]][]).flatMap(([type, aliases]) =>
		aliases.map((a) => [normalizeLabel(a), type] as const),
	),
)

export function parseEmploymentType(raw: string): EmploymentType | null {
	return TYPE_BY_ALIAS.get(normalizeLabel(raw)) ?? null
}

const DATE_PATTERNS = [
	/^(?<y>\d{4})(?<sep>[-/.])(?<m>\d{1,2})\k<sep>(?<d>\d{1,2})$/,
	/^(?<y>\d{4})\s*年\s*(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*日?$/,
	/^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$/,
]
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30)
const DAY_MS = 24 * 60 * 60 * 1000
// Serials are only trusted from 1950-01-01 on, so a stray "2024" (a year) is not read as 1905-07-16.
const MIN_SERIAL = 18264
const MAX_SERIAL = 2958465 // 9999-12-31

/**
 * A hire date as typed in Excel or a CSV: YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日,
 * YYYYMMDD, or an Excel serial day number; a trailing time of day (" 0:00:00") is ignored.
 * Returns 'YYYY-MM-DD', or null when it is not a real calendar date.
 */
export function parseHireDate(raw: string): string | null {
	const s = raw
		.normalize('NFKC')
		.trim()
		.replace(/\s+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/, '')
	const m = DATE_PATTERNS.map((p) => p.exec(s)?.groups).find((g) => g !== undefined)
	if (m) {
		const [year, month, day] = [Number(m.y), Number(m.m), Number(m.d)]
		return isValidCalendarDate(year, month, day) ? formatDateParts({ year, month, day }) : null
	}
	if (/^\d+(?:\.\d+)?$/.test(s)) {
		const serial = Math.floor(Number(s))
		if (serial < MIN_SERIAL || serial > MAX_SERIAL) return null
		const d = new Date(EXCEL_EPOCH_UTC + serial * DAY_MS)
		return formatDateParts({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() })
	}
	return null
}

/**
 * Trim (incl. the ideographic space), drop zero-width characters, and undo the "'" our CSV
 * export puts before values that start with = + - @ tab CR (formula-injection guard), so an exported
 * file imports back unchanged.
 */
function cleanCell(s: string): string {
	const v = s.replace(/[\u200b-\u200d\ufeff]/g, '').trim()
	return /^'[=+\-@\t\r]/.test(v) ? v.slice(1).trim() : v
}

function collapseSpaces(s: string): string {
	return s.replace(/\s+/g, ' ')
}

// What Excel shows for a long number in a narrow or General column, e.g. 1.10105E+17.
const SCIENTIFIC = /^\d(?:\.\d+)?E\+\d+$/i

/** Exact name first, then a case-, width- and space-insensitive match if that is unambiguous. */
function nameLookup(items: { id: string; name: string }[]): (name: string) => string | null {
	const fold = (s: string) => collapseSpaces(s.normalize('NFKC').trim()).toLowerCase()
	const exact = new Map(items.map((i) => [i.name.trim(), i.id]))
	const folded = new Map<string, string | null>()
	for (const i of items) {
		const k = fold(i.name)
		folded.set(k, folded.has(k) ? null : i.id)
	}
	return (name) => exact.get(name) ?? folded.get(fold(name)) ?? null
}

function resolveColumns(header: string[]): { columns: Map<ImportColumnKey, number>; errors: Msg[] } {
	const columns = new Map<ImportColumnKey, number>()
	const errors: Msg[] = []
	header.forEach((text, index) => {
		const key = matchColumn(text)
		if (!key) return
		const first = columns.get(key)
		if (first === undefined) columns.set(key, index)
		else errors.push(msg('columnDuplicate', { column: key, first: header[first]?.trim() ?? '', second: text.trim() }))
	})
	for (const c of IMPORT_COLUMNS) {
		if (c.required && !columns.has(c.key)) errors.push(msg('columnMissing', { column: c.key }))
	}
	return { columns, errors }
}

function isBlank(cells: string[]): boolean {
	return cells.every((c) => cleanCell(c) === '')
}

/**
 * Validates a whole roster file. File-level problems (empty file, missing or doubled columns,
 * too many rows) stop before the rows are looked at; otherwise every row is checked and every
 * problem reported with the line the user sees in Excel. Blank lines are skipped.
 */
export function validateImport(header: string[], rows: RawRow[], ctx: ImportContext): ImportResult {
	if (!parseDateString(ctx.today)) throw new RangeError(`today must be YYYY-MM-DD: ${JSON.stringify(ctx.today)}`)
	if (isBlank(header)) return { ok: false, fileErrors: [msg('emptyFile')], rowErrors: [] }

	const { columns, errors: fileErrors } = resolveColumns(header)
	const dataRows = rows.filter((r) => !isBlank(r.cells))
	if (dataRows.length === 0) fileErrors.push(msg('noRows'))
	if (dataRows.length > MAX_IMPORT_ROWS) {
		fileErrors.push(msg('tooManyRows', { max: MAX_IMPORT_ROWS, count: dataRows.length }))
	}
	if (fileErrors.length > 0) return { ok: false, fileErrors, rowErrors: [] }

	const departmentId = nameLookup(ctx.departments)
	const contractorId = nameLookup(ctx.contractors)
	const mobileLines = new Map<string, number>()
	const idCardLines = new Map<string, number>()
	const rowErrors: RowError[] = []
	const imported: ImportRow[] = []

	for (const { line, cells } of dataRows) {
		const errors: RowError[] = []
		const fail = (column: ImportColumnKey, key: string, values?: Msg['values']) => {
			errors.push({ line, column, msg: msg(key, values) })
		}
		const cell = (key: ImportColumnKey) => {
			const index = columns.get(key)
			return index === undefined ? '' : cleanCell(cells[index] ?? '')
		}

		const name = collapseSpaces(cell('name'))
		if (!name) fail('name', 'required', { column: 'name' })
		else if (Array.from(name).length > MAX_NAME_LENGTH) fail('name', 'tooLong', { column: 'name', max: MAX_NAME_LENGTH })

		let mobile = ''
		const rawMobile = cell('mobile')
		if (!rawMobile) fail('mobile', 'required', { column: 'mobile' })
		else if (SCIENTIFIC.test(rawMobile)) fail('mobile', 'scientificNotation', { column: 'mobile', value: rawMobile })
		else {
			const r = validateMobile(rawMobile)
			if (!r.ok) fail('mobile', 'mobileInvalid', { value: rawMobile })
			else {
				mobile = r.value
				const firstLine = mobileLines.get(mobile)
				if (firstLine !== undefined) fail('mobile', 'mobileDuplicateInFile', { value: mobile, firstLine })
				else mobileLines.set(mobile, line)
				if (ctx.existingMobiles.has(mobile)) fail('mobile', 'mobileExists', { value: mobile })
			}
		}

		let idCard: string | null = null
		const rawIdCard = cell('idCard')
		if (rawIdCard.includes('*')) fail('idCard', 'idCardMasked')
		else if (SCIENTIFIC.test(rawIdCard)) fail('idCard', 'scientificNotation', { column: 'idCard', value: rawIdCard })
		else if (rawIdCard) {
			const r = validateIdCard(rawIdCard, ctx.today)
			if (!r.ok) fail('idCard', `idCard.${r.reason}`)
			else {
				idCard = r.value
				const firstLine = idCardLines.get(idCard)
				if (firstLine !== undefined) fail('idCard', 'idCardDuplicateInFile', { firstLine })
				else idCardLines.set(idCard, line)
				if (ctx.existingIdCards.has(idCard)) fail('idCard', 'idCardExists')
			}
		}

		const rawType = cell('employmentType')
		const employmentType = rawType ? parseEmploymentType(rawType) : null
		if (!rawType) fail('employmentType', 'required', { column: 'employmentType' })
		else if (!employmentType) fail('employmentType', 'employmentTypeUnknown', { value: rawType })

		const contractorName = collapseSpaces(cell('contractor'))
		const contractor = contractorName ? contractorId(contractorName) : null
		if (contractorName && !contractor) fail('contractor', 'contractorUnknown', { value: contractorName })
		const needsContractor = employmentType !== null && NEEDS_CONTRACTOR.has(employmentType)
		if (needsContractor && !contractorName) fail('contractor', 'contractorRequired', { type: employmentType })

		const departmentName = collapseSpaces(cell('department'))
		const department = departmentName ? departmentId(departmentName) : null
		if (departmentName && !department) fail('department', 'departmentUnknown', { value: departmentName })

		const post = collapseSpaces(cell('post'))
		if (!post) fail('post', 'required', { column: 'post' })
		else if (Array.from(post).length > MAX_POST_LENGTH) fail('post', 'tooLong', { column: 'post', max: MAX_POST_LENGTH })

		const rawHireDate = cell('hireDate')
		const hireDate = rawHireDate ? parseHireDate(rawHireDate) : null
		if (rawHireDate && !hireDate) fail('hireDate', 'dateInvalid', { value: rawHireDate })
		// Both are zero-padded YYYY-MM-DD, so lexical order is calendar order.
		else if (hireDate && hireDate > ctx.today) fail('hireDate', 'hireDateFuture', { value: hireDate, today: ctx.today })

		if (errors.length > 0 || !employmentType) {
			rowErrors.push(...errors)
			continue
		}
		imported.push({
			line,
			name,
			mobile,
			idCard,
			employmentType,
			departmentId: department,
			// As in the person form: only contractor and outsourced people keep a contractor.
			contractorId: needsContractor ? contractor : null,
			post,
			hireDate,
		})
	}

	return rowErrors.length > 0 ? { ok: false, fileErrors: [], rowErrors } : { ok: true, rows: imported }
}


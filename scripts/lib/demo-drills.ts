/**
 * Demo drill history (issue 5) for the three demo enterprises: closed drills in the two
 * half-years before the current one, and in the current half-year a mix of done, awaiting
 * sign-off, scheduled, missed and unplanned areas, so that the compliance matrix, the reminders
 * and the owners' corrective actions mean something on first look.
 *
 * The story is written against one day, DEMO_ANCHOR (2026-11-28, in 2026-H2), and placed
 * relative to the day the seed runs by `demoDate`, so that it reads the same on any day.
 *
 * Idempotent: when any demo enterprise already has a drill nothing is written. One transaction.
 */
import { addDays, addMonths, daysBetween } from '../../app/domain/calendar.ts'
import { firstDayOfHalfYear, lastDayOfHalfYear } from '../../app/domain/drills.ts'
import { halfYearOfDateString, shanghaiDate, startOfShanghaiDay, type HalfYear } from '../../app/domain/time.ts'
import type { PrismaClient } from '../../app/generated/prisma/client.ts'

type Db = PrismaClient
type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0]

export const ENTERPRISES = {
	jinan: '91141122MA0K8JXN1',
	depot: '91141181MA0H2T6R5',
	station: '91141102MA0L5PQ2X',
} as const
export type DemoEnterpriseKey = keyof typeof ENTERPRISES

/** The day the specs below are written for. */
export const DEMO_ANCHOR = '2026-11-28'

/** Shanghai wall-clock → instant. */
const sh = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`)
const plus = (d: Date, minutes: number, seconds = 0) => new Date(d.getTime() + (minutes * 60 + seconds) * 1000)
const earliest = (...ds: Date[]) => new Date(Math.min(...ds.map((d) => d.getTime())))
const latest = (...ds: Date[]) => new Date(Math.max(...ds.map((d) => d.getTime())))

/** Alarm to end of a demo run, in minutes. */
const RUN_MINUTES = 25

function halfIndex(date: string): number {
	const h = halfYearOfDateString(date)
	if (!h) throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(date)}`)
	return h.year * 2 + h.half - 1
}

function halfOf(date: string): HalfYear {
	return halfYearOfDateString(date)!
}

/**
 * Where a date written against DEMO_ANCHOR falls when the demo is seeded on `today` (both
 * Shanghai calendar dates):
 * - in a half-year before the anchor's: as many half-years before today's half-year, month and
 *   day kept (a half-year is six months; a day the shorter month lacks becomes its last day);
 * - in the anchor's half-year: as many days before or after today as it was before or after
 *   the anchor, held inside today's half-year. So an earlier date stays before today and a
 *   later one after today, except on the half-year's edge days: on its first day every earlier
 *   date falls on today (nothing in a half-year can be late on its first day), on its last day
 *   every later date falls on today (still not passed).
 * Dates after the anchor's half-year are not part of the story.
 */
export function demoDate(date: string, today: string): string {
	const shift = halfIndex(today) - halfIndex(DEMO_ANCHOR)
	const back = halfIndex(DEMO_ANCHOR) - halfIndex(date)
	if (back < 0) throw new RangeError(`Demo date ${date} is after the anchor's half-year`)
	if (back > 0) return addMonths(date, 6 * shift)
	const offset = daysBetween(DEMO_ANCHOR, date)
	const mapped = addDays(today, offset)
	if (offset < 0) {
		const first = firstDayOfHalfYear(halfOf(today))
		return mapped < first ? first : mapped
	}
	const last = lastDayOfHalfYear(halfOf(today))
	return mapped > last ? last : mapped
}

type ActionSpec = { description: string; owner: string; due: string; status: 'OPEN' | 'IN_PROGRESS' | 'DONE'; doneOn?: string; doneNote?: string }

export type DrillSpec = {
	area: string
	status: 'PLANNED' | 'EVALUATING' | 'CLOSED' | 'CANCELLED'
	plannedDate: string
	/** Shanghai time of the alarm, on plannedDate (done drills only). */
	time?: string
	kind?: 'EVACUATION' | 'ONSITE_RESPONSE' | 'SPECIFIC_PLAN' | 'COMPREHENSIVE_PLAN'
	form?: 'LIVE' | 'TABLETOP'
	scope?: 'SINGLE' | 'COMBINED'
	event: string
	place?: string
	scale?: string
	expected?: number
	/** [minutes to clear, seconds], [minutes to assemble, seconds] */
	clear?: [number, number]
	assemble?: [number, number]
	missing?: { who: string; note: string }[]
	notes?: [number, string][]
	problems?: string
	causes?: string
	lessons?: string
	improvements?: string
	actions?: ActionSpec[]
	cancelReason?: string
}

const EVAL_OFFICE = {
	problems: '二楼东侧个别人员先收拾个人物品再撤离；疏散指示标志在楼梯转角处被宣传展板遮挡。',
	causes: '新入职人员未参加过疏散演练；展板摆放时未考虑疏散标志可视性。',
	lessons: '警报响起后第一时间撤离，不得逗留；楼层疏散引导员要逐间确认。',
	improvements: '将展板移位；新员工入职三级教育中增加疏散路线实地走一遍。',
}
const EVAL_PRODUCTION = {
	problems: '个别岗位未按应急处置卡先行停车确认即撤离；集合点清点时班组名单不全。',
	causes: '应急处置卡更新后未组织全员学习；倒班人员名单未及时交给班长。',
	lessons: '岗位紧急停车确认与撤离的先后顺序必须人人清楚；清点名单要随班次更新。',
	improvements: '组织岗位应急处置卡专项学习并考核；每班交接时由班长更新在岗名单。',
}
const EVAL_LIVING = {
	problems: '夜班休息人员听到警报后反应较慢；宿舍楼北门常闭，疏散时需绕行。',
	causes: '宿舍区警报音量偏小；北门钥匙由宿管保管，未设置紧急开启装置。',
	lessons: '生活区同样须保证疏散通道随时畅通，夜间也要能听清警报。',
	improvements: '增设宿舍走廊声光报警器；北门改为推闩式安全出口门。',
}
const EVAL_STATION = {
	problems: '加油区紧急切断按钮操作后，个别员工未引导顾客车辆离开即撤离。',
	causes: '对顾客疏散的职责分工不明确。',
	lessons: '加油站疏散要同时考虑员工、顾客和车辆；分工要落实到每个班次。',
	improvements: '修订现场处置方案，明确每班“切断—警戒—引导”三人分工。',
}

function evalFor(kind: string, key: string) {
	if (key === 'station') return EVAL_STATION
	return kind === 'OFFICE' ? EVAL_OFFICE : kind === 'LIVING' ? EVAL_LIVING : EVAL_PRODUCTION
}

function closedHistory(areas: readonly { name: string; kind: string }[], key: string, days: Record<string, string>, expected: Record<string, number>): DrillSpec[] {
	return areas
		.filter((a) => days[a.name])
		.map((a, i) => {
			const ev = evalFor(a.kind, key)
			return {
				area: a.name,
				status: 'CLOSED' as const,
				plannedDate: days[a.name]!,
				time: ['09:30', '10:00', '14:30', '15:00', '16:10'][i % 5]!,
				event: a.kind === 'LIVING' ? '宿舍楼一层配电间起火，烟雾进入楼梯间' : a.kind === 'OFFICE' ? '办公楼三层茶水间电器短路起火' : '装置区可燃物料泄漏，现场可燃气体报警',
				expected: expected[a.name] ?? 12,
				clear: [2 + (i % 3), 10 + i * 7],
				assemble: [4 + (i % 4), 5 + i * 9],
				notes: [
					[1, '广播通知已发出，各楼层引导员到位'],
					[5, '集合点开始按班组清点人数'],
				],
				...ev,
				actions: [],
			}
		})
}

/** The story as written, against DEMO_ANCHOR. */
export function demoDrillSpecs(key: DemoEnterpriseKey, areas: readonly { name: string; kind: string }[]): DrillSpec[] {
	if (key === 'jinan') {
		const expected = { 综合办公楼: 22, 硝化车间: 26, 加氢车间: 16, 罐区及装卸站: 14, 职工宿舍楼: 38 }
		return [
			...closedHistory(areas, key, { 综合办公楼: '2025-09-17', 硝化车间: '2025-10-22', 加氢车间: '2025-11-12', 罐区及装卸站: '2025-08-27', 职工宿舍楼: '2025-12-10' }, expected),
			...closedHistory(areas, key, { 综合办公楼: '2026-04-16', 加氢车间: '2026-06-24', 罐区及装卸站: '2026-03-18' }, expected),
			{
				area: '硝化车间',
				status: 'CLOSED',
				plannedDate: '2026-05-20',
				time: '10:00',
				event: '硝化釜冷却水中断，釜温持续上升，DCS 高温报警',
				place: '硝化车间二层操作平台',
				scale: '车间全员及在场承包商人员',
				expected: 27,
				clear: [3, 12],
				assemble: [6, 40],
				missing: [{ who: 'nitration-op', note: '在控制室确认 SIS 联锁动作，5 分钟后到达集合点' }],
				notes: [
					[0, 'DCS 模拟高温报警，班长下达撤离指令'],
					[2, 'SIS 紧急冷却联锁动作确认'],
					[7, '集合点清点：缺 1 人，经对讲机联系在控制室'],
				],
				...EVAL_PRODUCTION,
				actions: [{ description: '在应急处置卡中写明控制室人员撤离时机和报告方式', owner: 'manager', due: '2026-06-15', status: 'DONE', doneOn: '2026-06-10', doneNote: '处置卡已修订并组织班组学习' }],
			},
			{ area: '职工宿舍楼', status: 'PLANNED', plannedDate: '2026-06-20', event: '宿舍楼夜间火灾疏散', expected: 38 },
			{
				area: '综合办公楼',
				status: 'CLOSED',
				plannedDate: '2026-07-22',
				time: '14:30',
				kind: 'COMPREHENSIVE_PLAN',
				form: 'TABLETOP',
				scope: 'COMBINED',
				event: '罐区苯储罐泄漏引发火灾，启动公司综合应急预案并请求园区支援',
				expected: 15,
				notes: [[20, '推演至园区消防站到场后的指挥权移交']],
				problems: '与园区应急中心的联络电话未及时更新。',
				causes: '园区应急中心值班电话 6 月变更，预案未同步修订。',
				lessons: '外部联络信息每季度核对一次。',
				improvements: '修订综合应急预案附件“应急联络表”。',
				actions: [{ description: '修订综合应急预案附件“应急联络表”并报园区备案', owner: 'manager', due: '2026-08-31', status: 'DONE', doneOn: '2026-08-20', doneNote: '已修订并备案' }],
			},
			{
				area: '综合办公楼',
				status: 'CLOSED',
				plannedDate: '2026-09-15',
				time: '09:30',
				event: '办公楼三层档案室起火，烟雾蔓延至走廊',
				place: '综合办公楼三层',
				expected: 22,
				clear: [2, 48],
				assemble: [4, 15],
				notes: [
					[0, '消防控制室启动声光报警和应急广播'],
					[3, '各楼层引导员报告本层已清空'],
				],
				...EVAL_OFFICE,
				actions: [{ description: '移开遮挡疏散指示标志的宣传展板，并检查全楼标志', owner: 'office-clerk', due: '2026-09-30', status: 'DONE', doneOn: '2026-09-22', doneNote: '已移位，另更换 2 处损坏标志' }],
			},
			{
				area: '加氢车间',
				status: 'CANCELLED',
				plannedDate: '2026-10-08',
				event: '加氢反应器氢气泄漏',
				expected: 16,
				cancelReason: '加氢装置停车检修，改期至 12 月',
			},
			{
				area: '硝化车间',
				status: 'EVALUATING',
				plannedDate: '2026-11-12',
				time: '10:00',
				event: '硝化釜出料管线法兰泄漏，混酸喷溅并产生氮氧化物烟雾',
				place: '硝化车间一层出料区',
				scale: '车间当班人员、检修承包商',
				expected: 28,
				clear: [3, 5],
				assemble: [7, 32],
				missing: [{ who: 'contractor', note: '承包商检修人员，未参加班前会，后在北侧门外找到' }],
				notes: [
					[0, '现场人员发现泄漏，按下手动报警按钮'],
					[1, '班长启动紧急停车，通知全员撤离'],
					[4, '东侧楼梯门被检修材料堵住，改走西侧楼梯'],
					[8, '集合点清点：应到 28，实到 27，缺承包商 1 人'],
					[11, '缺失人员在北侧门外找到，已归队'],
				],
				problems: '东侧疏散楼梯门被检修材料堵住；承包商人员不清楚集合点位置，清点时缺 1 人。',
				causes: '检修作业完成后未清理现场；承包商入场安全交底中没有应急疏散内容。',
				lessons: '检修期间同样必须保证疏散通道畅通；承包商是疏散中最容易被遗漏的人群。',
				improvements: '检修作业票增加“疏散通道检查”项；承包商入场交底增加应急疏散路线和集合点。',
				actions: [
					{ description: '修订硝化车间疏散路线图并张贴到各操作岗位', owner: 'worker', due: '2026-12-15', status: 'OPEN' },
					{ description: '对全部在场承包商人员进行应急疏散专项交底', owner: 'manager', due: '2026-11-25', status: 'IN_PROGRESS' },
					{ description: '检修作业票增加“疏散通道检查”确认项', owner: 'manager', due: '2026-12-20', status: 'OPEN' },
				],
			},
			{ area: '加氢车间', status: 'PLANNED', plannedDate: '2026-12-10', event: '加氢反应器出口管线氢气泄漏，可燃气体报警', place: '加氢车间框架一层', expected: 16 },
			{ area: '罐区及装卸站', status: 'PLANNED', plannedDate: '2026-11-20', event: '甲苯装车鹤管泄漏，装卸站起火', place: '汽车装卸站', expected: 14 },
		]
	}
	if (key === 'depot') {
		const expected = { 库区办公楼: 12, 储罐区: 10, 铁路及公路装卸区: 14, 值班宿舍: 9 }
		return [
			...closedHistory(areas, key, { 库区办公楼: '2025-09-10', 储罐区: '2025-10-15', 铁路及公路装卸区: '2025-11-19', 值班宿舍: '2025-12-03' }, expected),
			...closedHistory(areas, key, { 库区办公楼: '2026-03-25', 储罐区: '2026-04-22', 铁路及公路装卸区: '2026-05-27', 值班宿舍: '2026-06-17' }, expected),
			...closedHistory(areas, key, { 库区办公楼: '2026-08-19', 储罐区: '2026-10-28' }, expected),
			{ area: '铁路及公路装卸区', status: 'PLANNED', plannedDate: '2026-12-05', event: '汽油槽车装车时鹤管脱落泄漏', expected: 14 },
		]
	}
	const expected = { 站房: 6, 加油加气作业区: 12, 员工休息室: 8 }
	return [
		...closedHistory(areas, key, { 站房: '2025-09-24', 加油加气作业区: '2025-10-29' }, expected),
		...closedHistory(areas, key, { 站房: '2026-04-08', 加油加气作业区: '2026-05-13' }, expected),
		...closedHistory(areas, key, { 加油加气作业区: '2026-09-09' }, expected),
		{ area: '站房', status: 'PLANNED', plannedDate: '2026-11-10', event: '营业室电气火灾', expected: 6 },
	]
}

export type PlacedAction = Omit<ActionSpec, 'due' | 'doneOn'> & { dueDate: string; doneAt: Date | null; createdAt: Date }

export type PlacedDrill = Omit<DrillSpec, 'plannedDate' | 'notes' | 'actions'> & {
	plannedDate: string
	alarmAt: Date | null
	clearedAt: Date | null
	assembledAt: Date | null
	endedAt: Date | null
	signedOffAt: Date | null
	cancelledAt: Date | null
	createdAt: Date
	notes: { at: Date; text: string }[]
	actions: PlacedAction[]
}

/**
 * A spec placed for a seed run at `now`: its dates through `demoDate`, its instants derived
 * from them. Whatever has already happened is at or before `now`: a run that falls on today
 * (only on a half-year's first day) sounds its alarm early enough to have ended, but not before
 * the day began; a derived instant that would lie ahead (a sign-off two days after) is `now`.
 */
export function placeDemoDrill(s: DrillSpec, now: Date): PlacedDrill {
	const today = shanghaiDate(now)
	const happened = (d: Date) => earliest(d, now)
	const plannedDate = demoDate(s.plannedDate, today)
	const done = s.status === 'CLOSED' || s.status === 'EVALUATING'
	const alarmAt = done && s.time ? latest(startOfShanghaiDay(plannedDate), earliest(sh(plannedDate, s.time), plus(now, -RUN_MINUTES))) : null
	const live = (s.form ?? 'LIVE') === 'LIVE'
	const { notes, actions, ...rest } = s
	return {
		...rest,
		plannedDate,
		alarmAt,
		clearedAt: alarmAt && live && s.clear ? happened(plus(alarmAt, s.clear[0], s.clear[1])) : null,
		assembledAt: alarmAt && live && s.assemble ? happened(plus(alarmAt, s.assemble[0], s.assemble[1])) : null,
		endedAt: alarmAt ? happened(plus(alarmAt, RUN_MINUTES)) : null,
		signedOffAt: s.status === 'CLOSED' && alarmAt ? happened(plus(alarmAt, 2 * 24 * 60)) : null,
		cancelledAt: s.status === 'CANCELLED' ? happened(sh(addDays(plannedDate, -3), '16:00')) : null,
		createdAt: happened(sh(addDays(plannedDate, -30), '09:00')),
		notes: alarmAt ? (notes ?? []).map(([min, text]) => ({ at: happened(plus(alarmAt, min, 20)), text })) : [],
		actions: (actions ?? []).map(({ due, doneOn, ...a }) => {
			const doneAt = doneOn ? happened(sh(demoDate(doneOn, today), '17:00')) : null
			return { ...a, dueDate: demoDate(due, today), doneAt, createdAt: earliest(alarmAt ? plus(alarmAt, 24 * 60) : now, doneAt ?? now, now) }
		}),
	}
}

/** One enterprise's demo drills for a seed run at `now`. */
export function demoDrills(key: DemoEnterpriseKey, areas: readonly { name: string; kind: string }[], now: Date): PlacedDrill[] {
	return demoDrillSpecs(key, areas).map((s) => placeDemoDrill(s, now))
}

export async function seedDemoDrills(db: Db, opts: { log?: (s: string) => void; now?: Date } = {}): Promise<boolean> {
	const log = opts.log ?? (() => {})
	const now = opts.now ?? new Date()
	// The codes above are the first 17 characters; the stored code ends with its check character.
	const enterprises = await db.enterprise.findMany({ where: { OR: Object.values(ENTERPRISES).map((base) => ({ uscc: { startsWith: base } })) }, select: { id: true, uscc: true } })
	const byKey = new Map<DemoEnterpriseKey, string>()
	for (const [key, base] of Object.entries(ENTERPRISES) as [DemoEnterpriseKey, string][]) {
		const e = enterprises.find((x) => x.uscc.startsWith(base) && x.uscc.length === 18)
		if (e) byKey.set(key, e.id)
	}
	if (!byKey.size) return false
	if (await db.drill.count({ where: { enterpriseId: { in: [...byKey.values()] } } })) {
		log('Demo drills already present: nothing to do.')
		return false
	}
	let count = 0
	await db.$transaction(
		async (tx) => {
			for (const [key, enterpriseId] of byKey) {
				// Demo areas have existed for years; the matrix needs them to own past half-years.
				await tx.area.updateMany({ where: { enterpriseId, createdAt: { gt: new Date('2024-03-01T00:00:00Z') } }, data: { createdAt: new Date('2024-03-01T00:00:00Z') } })
				const areas = await tx.area.findMany({ where: { enterpriseId }, select: { id: true, name: true, kind: true } })
				const people = await resolvePeople(tx, enterpriseId)
				for (const d of demoDrills(key, areas, now)) {
					const area = areas.find((a) => a.name === d.area)
					if (!area) continue
					await createDrill(tx, enterpriseId, area.id, d, people)
					count++
				}
			}
		},
		{ timeout: 60_000 },
	)
	log(`Demo drills: ${count} drills.`)
	return true
}

type People = { manager: string; principal: string; managerName: string; principalName: string; byRole: Record<string, string | undefined> }

async function resolvePeople(tx: Tx, enterpriseId: string): Promise<People> {
	const managerUser = await tx.user.findFirst({ where: { person: { enterpriseId }, roles: { some: { role: 'SAFETY_MANAGER' } } }, select: { personId: true, displayName: true } })
	const principalUser = await tx.user.findFirst({ where: { person: { enterpriseId }, roles: { some: { role: 'PRINCIPAL' } } }, select: { personId: true, displayName: true } })
	const find = async (where: object) => (await tx.person.findFirst({ where: { enterpriseId, dutyStatus: 'ON_POST', ...where }, orderBy: { mobile: 'asc' }, select: { id: true } }))?.id
	const manager = managerUser!.personId!
	return {
		manager,
		principal: principalUser?.personId ?? manager,
		managerName: managerUser!.displayName,
		principalName: principalUser?.displayName ?? managerUser!.displayName,
		byRole: {
			manager,
			worker: await find({ mobile: '13900000013' }),
			contractor: await find({ mobile: '13900000014' }),
			'nitration-op': await find({ post: '硝化工艺操作工', NOT: { mobile: '13900000013' } }),
			'office-clerk': await find({ post: '行政专员' }),
		},
	}
}

async function createDrill(tx: Tx, enterpriseId: string, areaId: string, d: PlacedDrill, people: People) {
	const done = d.status === 'CLOSED' || d.status === 'EVALUATING'
	const missing = (d.missing ?? []).map((m) => ({ ...m, personId: people.byRole[m.who] })).filter((m) => m.personId)
	const expected = d.expected ?? null
	const drill = await tx.drill.create({
		data: {
			enterpriseId,
			areaId,
			kind: d.kind ?? 'EVACUATION',
			form: d.form ?? 'LIVE',
			scope: d.scope ?? 'SINGLE',
			status: d.status,
			plannedDate: d.plannedDate,
			purpose: '检验应急预案和疏散路线，提高全员应急处置和自救互救能力',
			scenarioEvent: d.event,
			scenarioPlace: d.place ?? '',
			scenarioTime: d.alarmAt ? '白班工作时间，不预先通知' : '',
			scenarioScale: d.scale ?? '',
			expectedParticipants: expected,
			organiserId: people.manager,
			evaluatorId: people.principal,
			alarmAt: d.alarmAt,
			clearedAt: d.clearedAt,
			assembledAt: d.assembledAt,
			endedAt: d.endedAt,
			headcountExpected: done ? expected : null,
			headcountAccounted: done && expected !== null ? expected - missing.length : null,
			problems: d.problems ?? '',
			causes: d.causes ?? '',
			lessons: d.lessons ?? '',
			improvements: d.improvements ?? '',
			signedOffAt: d.signedOffAt,
			signedOffByName: d.status === 'CLOSED' ? people.principalName : '',
			cancelledAt: d.cancelledAt,
			cancelReason: d.cancelReason ?? '',
			createdAt: d.createdAt,
		},
	})
	for (const m of missing) await tx.drillMissingPerson.create({ data: { drillId: drill.id, personId: m.personId!, note: m.note } })
	for (const n of d.notes) await tx.drillNote.create({ data: { drillId: drill.id, at: n.at, text: n.text } })
	for (const a of d.actions) {
		const owner = people.byRole[a.owner]
		if (!owner) continue
		await tx.correctiveAction.create({
			data: {
				drillId: drill.id,
				enterpriseId,
				description: a.description,
				ownerId: owner,
				dueDate: a.dueDate,
				status: a.status,
				doneAt: a.doneAt,
				doneNote: a.doneNote ?? '',
				createdAt: a.createdAt,
			},
		})
	}
	await tx.auditEvent.create({ data: { action: 'drill.seeded', entityType: 'Drill', entityId: drill.id, enterpriseId, data: JSON.stringify({ demo: true }) } })
}

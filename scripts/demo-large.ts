/**
 * npm run demo:large — a city-scale data set for the dashboards and their benchmark, in its own
 * SQLite file (default data/large.db; DATABASE_URL wins): 500 enterprises in 13 counties and 5
 * chemical parks, 50,000 people, 1,000,000 study records, 200,000 exam attempts, and the
 * inspections, three-violations records, retraining cases, drills, classroom sessions,
 * assignments and credentials that go with them, from 2024-01-01 until now.
 *
 * Deterministic (seeded RNG) apart from "now". Written with better-sqlite3 prepared statements
 * in large transactions — the app's Prisma client would take minutes for this. The file is
 * replaced when it holds an earlier generated set; any other database is refused.
 *
 * Bureau sign-ins (password Anxun2026): 13800000001 admin, 13800000002 city regulator,
 * 13800000010 + n the regulator of county n (0–12). `--small` makes a 40-enterprise version.
 */
import fs from 'node:fs'
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3'
import Database from 'better-sqlite3'
import { PrismaClient } from '../app/generated/prisma/client.ts'
import { importContent } from '../app/domain/content/import.server.ts'
import { ensureDefaultBlueprints } from '../app/domain/exam/blueprints.server.ts'
import { orgCodeCheckChar, usccCheckChar } from '../app/domain/identifiers.ts'
import { hashPassword } from '../app/utils/password.server.ts'
import { DEFAULT_CONTENT_DIR } from './content-check.ts'
import { deleteSqliteFile } from './lib/schema-engine.ts'
import { deployMigrations, resolveDatabaseFile } from './migrate.ts'

export const LARGE_MARKER = 'LARGE-141100'
export const LARGE_PASSWORD = 'Anxun2026'

export type LargeOptions = { enterprises: number; people: number; studyRecords: number; attempts: number; seed: number }
export const FULL_SIZE: LargeOptions = { enterprises: 500, people: 50_000, studyRecords: 1_000_000, attempts: 200_000, seed: 20260101 }

function mulberry32(seed: number) {
	let a = seed >>> 0
	return () => {
		a = (a + 0x6d2b79f5) >>> 0
		let t = a
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
}

const COUNTIES: [string, string, string][] = [
	['141102', '离石区', 'Lishi District'],
	['141181', '孝义市', 'Xiaoyi City'],
	['141182', '汾阳市', 'Fenyang City'],
	['141121', '文水县', 'Wenshui County'],
	['141122', '交城县', 'Jiaocheng County'],
	['141123', '兴县', 'Xing County'],
	['141124', '临县', 'Lin County'],
	['141125', '柳林县', 'Liulin County'],
	['141126', '石楼县', 'Shilou County'],
	['141127', '岚县', 'Lan County'],
	['141128', '方山县', 'Fangshan County'],
	['141129', '中阳县', 'Zhongyang County'],
	['141130', '交口县', 'Jiaokou County'],
]
/** Counties with a chemical park (index into COUNTIES). */
const PARK_COUNTIES = [1, 2, 3, 4, 11]
const CATEGORIES = ['PRODUCTION', 'STORAGE_TRADING', 'CHEMICAL', 'PHARMACEUTICAL', 'OIL_GAS_EXTRACTION', 'OIL_DEPOT', 'GAS_STATION']
const TYPES: [string, number][] = [
	['EMPLOYEE', 0.7],
	['CONTRACTOR', 0.12],
	['DISPATCHED', 0.08],
	['FLEXIBLE', 0.04],
	['OUTSOURCED', 0.06],
]
const CREDENTIAL_TYPES = ['HC_NITRATION', 'HC_HYDROGENATION', 'HC_CHLORINATION', 'HC_OXIDATION', 'HC_INSTRUMENTATION', 'ST_ELEC_LOW_VOLTAGE', 'ST_WELD_FUSION', 'ST_HEIGHT_SCAFFOLD', 'SE_FORKLIFT', 'SE_PRESSURE_VESSEL']
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文'
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红亮建国志兵鹏飞斌宇浩凯晨昊俊峰雪梅琳海波春燕立新文博永利建华晓东'
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'

const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00')
const SH = 8 * 3600_000
/** Shanghai calendar date of an instant. */
const day = (ms: number) => new Date(ms + SH).toISOString().slice(0, 10)
/** 00:00 Shanghai of a YYYY-MM-DD. */
const midnight = (d: string) => Date.parse(`${d}T00:00:00+08:00`)

export async function generateLarge(file: string, opts: LargeOptions = FULL_SIZE, log: (s: string) => void = console.log, now = new Date()) {
	if (fs.existsSync(file)) {
		const probe = new Database(file, { readonly: true })
		let foreign = false
		try {
			const hasRegion = probe.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'Region'").get()
			if (hasRegion) {
				const other = probe.prepare('SELECT COUNT(*) AS c FROM Region WHERE code NOT LIKE ?').get('LARGE-%') as { c: number }
				foreign = other.c > 0
			}
		} finally {
			probe.close()
		}
		if (foreign) throw new Error(`${file} holds data that demo:large did not generate; refusing to replace it. Point DATABASE_URL at another file.`)
	}
	const started = Date.now()
	await deleteSqliteFile(file)
	await deployMigrations(file)
	{
		const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: file }) })
		try {
			await importContent(prisma, DEFAULT_CONTENT_DIR)
			await ensureDefaultBlueprints(prisma)
		} finally {
			await prisma.$disconnect()
		}
	}
	const passwordHash = await hashPassword(LARGE_PASSWORD)
	const db = new Database(file)
	db.pragma('journal_mode = WAL')
	db.pragma('synchronous = OFF')
	db.pragma('foreign_keys = OFF')
	db.pragma('cache_size = -200000')
	const rand = mulberry32(opts.seed)
	const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!
	const between = (a: number, b: number) => a + Math.floor(rand() * (b - a + 1))
	const nowMs = now.getTime()
	const start2024 = midnight('2024-01-01')
	const timeBetween = (a: number, b: number) => a + Math.floor(rand() * Math.max(1, b - a))
	const created = iso(start2024 - 30 * 86_400_000)

	const lessons = db.prepare('SELECT id FROM Lesson').all() as { id: string }[]
	const packVersions = db.prepare('SELECT id FROM PackVersion').all() as { id: string }[]
	const blueprints = db.prepare('SELECT id, code FROM ExamBlueprint').all() as { id: string; code: string }[]
	const bp = (code: string) => blueprints.find((b) => b.code === code)?.id ?? blueprints[0]!.id
	if (!lessons.length || !packVersions.length || !blueprints.length) throw new Error('content import gave no lessons, packs or blueprints')

	const stmt = (sql: string) => db.prepare(sql)
	const counts: Record<string, number> = {}
	const bump = (table: string, n = 1) => (counts[table] = (counts[table] ?? 0) + n)

	// ── Regions, bureau users ──
	const region = stmt('INSERT INTO Region (id, code, name, nameEn, kind, parentId, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)')
	const user = stmt('INSERT INTO User (id, mobile, passwordHash, displayName, personId, regionId, mustChangePassword, createdAt) VALUES (?, ?, ?, ?, ?, ?, 0, ?)')
	const role = stmt('INSERT INTO UserRole (userId, role) VALUES (?, ?)')
	const countyIds: string[] = []
	const parkIds = new Map<number, string>()
	db.transaction(() => {
		region.run('r-city', LARGE_MARKER, '吕梁市', 'Lüliang City', 'CITY', null, created)
		COUNTIES.forEach(([code, name, nameEn], i) => {
			const id = `r-${code}`
			region.run(id, `LARGE-${code}`, name, nameEn, 'COUNTY', 'r-city', created)
			countyIds.push(id)
			if (PARK_COUNTIES.includes(i)) {
				const pid = `r-${code}-p`
				region.run(pid, `LARGE-${code}-P1`, `${name}化工园区`, `${nameEn} Chemical Park`, 'PARK', id, created)
				parkIds.set(i, pid)
			}
		})
		user.run('u-admin', '13800000001', passwordHash, '系统管理员', null, null, created)
		role.run('u-admin', 'ADMIN')
		user.run('u-city', '13800000002', passwordHash, '市应急局 监管', null, 'r-city', created)
		role.run('u-city', 'REGULATOR')
		COUNTIES.forEach(([, name], i) => {
			user.run(`u-county-${i}`, String(13800000010 + i), passwordHash, `${name}应急局 监管`, null, countyIds[i]!, created)
			role.run(`u-county-${i}`, 'REGULATOR')
		})
	})()

	// ── Enterprises, departments, contractors, areas, hour rules ──
	type Ent = { id: string; regionId: string; countyIndex: number; people: number; depts: string[]; contractors: string[]; areas: { id: string; kind: string; createdMs: number }[]; quality: number }
	const enterprises: Ent[] = []
	const weights = Array.from({ length: opts.enterprises }, () => 0.3 + rand() * 1.7)
	const wsum = weights.reduce((a, b) => a + b, 0)
	let assigned = 0
	const enterprise = stmt('INSERT INTO Enterprise (id, name, uscc, regionId, category, majorHazardLevel, keyProcesses, address, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
	const department = stmt('INSERT INTO Department (id, enterpriseId, name, createdAt) VALUES (?, ?, ?, ?)')
	const contractor = stmt('INSERT INTO ContractorCompany (id, enterpriseId, name, createdAt) VALUES (?, ?, ?, ?)')
	const area = stmt('INSERT INTO Area (id, enterpriseId, name, kind, createdAt, archivedAt) VALUES (?, ?, ?, ?, ?, ?)')
	const hourRule = stmt('INSERT INTO HourRule (enterpriseId, workerOnboardingHours, workerAnnualHours, managerInitialHours, managerAnnualHours, updatedAt) VALUES (?, ?, ?, ?, ?, ?)')
	db.transaction(() => {
		for (let i = 0; i < opts.enterprises; i++) {
			const countyIndex = i % COUNTIES.length
			const inPark = parkIds.has(countyIndex) && rand() < 0.55
			const regionId = inPark ? parkIds.get(countyIndex)! : countyIds[countyIndex]!
			const id = `e-${i}`
			const code = COUNTIES[countyIndex]![0]
			let org = ''
			for (let k = 0, n = i + 7919; k < 6; k++, n = Math.floor(n / 31)) org = USCC_ALPHABET[n % 31]! + org
			const org8 = `MA${org}`.replace(/[^0-9A-Z]/g, '0')
			const body = `91${code}${org8}${orgCodeCheckChar(org8)}`
			const people = i === opts.enterprises - 1 ? opts.people - assigned : Math.max(5, Math.round((weights[i]! / wsum) * opts.people))
			assigned += people
			const name = `${COUNTIES[countyIndex]![1]}${pick(['晋安', '汾河', '吕梁', '三晋', '黄河', '华鑫', '恒泰', '兴达', '泰和', '宏远'])}${pick(['化工', '精细化工', '石化储运', '医药化工', '燃气', '能源', '新材料'])}${i + 1}号有限公司`
			enterprise.run(id, name, body + usccCheckChar(body), regionId, pick(CATEGORIES), rand() < 0.3 ? between(1, 4) : null, '[]', '', created)
			const depts = ['生产部', '设备部', '安全环保部', '综合办公室'].map((d, k) => {
				const did = `${id}-d${k}`
				department.run(did, id, d, created)
				return did
			})
			const cons = [0, 1].map((k) => {
				const cid = `${id}-c${k}`
				contractor.run(cid, id, `${pick(['鑫源', '众诚', '安达', '利民'])}检修工程${k + 1}公司`, created)
				return cid
			})
			const areas: Ent['areas'] = []
			const kinds = ['OFFICE', 'PRODUCTION', 'LIVING', ...Array.from({ length: between(0, 4) }, () => pick(['PRODUCTION', 'PRODUCTION', 'OFFICE', 'LIVING']))]
			kinds.forEach((kind, k) => {
				const aid = `${id}-a${k}`
				const createdMs = rand() < 0.08 ? timeBetween(start2024, nowMs - 30 * 86_400_000) : start2024 - 30 * 86_400_000
				area.run(aid, id, `${kind === 'OFFICE' ? '办公区' : kind === 'LIVING' ? '生活区' : '生产区'}${k + 1}`, kind, iso(createdMs), null)
				areas.push({ id: aid, kind, createdMs })
			})
			if (rand() < 0.1) hourRule.run(id, 72, between(20, 32), 48, between(16, 24), iso(nowMs))
			enterprises.push({ id, regionId, countyIndex, people, depts, contractors: cons, areas, quality: 0.45 + rand() * 0.55 })
		}
	})()
	bump('Enterprise', opts.enterprises)

	// ── People (and the principal's and safety managers' sign-ins) ──
	type P = { id: string; ent: Ent; type: string; hireYear: number; left: boolean; diligence: number; role: 'PRINCIPAL' | 'SAFETY_MANAGER' | 'WORKER' }
	const people: P[] = []
	const person = stmt(
		'INSERT INTO Person (id, enterpriseId, name, mobile, idCard, employmentType, contractorId, departmentId, post, hireDate, dutyStatus, leftAt, createdAt, updatedAt) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
	)
	let mobileSeq = 0
	db.transaction(() => {
		for (const ent of enterprises) {
			for (let k = 0; k < ent.people; k++) {
				const id = `${ent.id}-p${k}`
				const r = rand()
				let acc = 0
				let type = 'EMPLOYEE'
				for (const [t, w] of TYPES) {
					acc += w
					if (r < acc) {
						type = t
						break
					}
				}
				const personRole = k === 0 ? 'PRINCIPAL' : k <= 2 ? 'SAFETY_MANAGER' : 'WORKER'
				if (personRole !== 'WORKER') type = 'EMPLOYEE'
				const hireYear = rand() < 0.1 ? 2026 : between(2005, 2025)
				const left = personRole === 'WORKER' && rand() < 0.03
				const name = pick(Array.from(SURNAMES)) + pick(Array.from(GIVEN)) + (rand() < 0.6 ? pick(Array.from(GIVEN)) : '')
				const contractorId = type === 'CONTRACTOR' || type === 'OUTSOURCED' ? pick(ent.contractors) : null
				person.run(
					id,
					ent.id,
					name,
					`139${String(50_000_000 + mobileSeq++).padStart(8, '0')}`,
					type,
					contractorId,
					pick(ent.depts),
					personRole === 'PRINCIPAL' ? '主要负责人' : personRole === 'SAFETY_MANAGER' ? '安全管理人员' : pick(['操作工', '班组长', '仪表工', '电工', '装卸工', '巡检员']),
					`${hireYear}-${String(between(1, 12)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`,
					left ? 'LEFT' : 'ON_POST',
					left ? iso(timeBetween(start2024, nowMs)) : null,
					created,
					created,
				)
				if (personRole !== 'WORKER') {
					const uid = `u-${id}`
					user.run(uid, `137${String(mobileSeq).padStart(8, '0')}`, passwordHash, name, id, null, created)
					role.run(uid, 'WORKER')
					role.run(uid, personRole)
				}
				people.push({ id, ent, type, hireYear, left, diligence: ent.quality * (0.4 + rand() * 1.2), role: personRole })
			}
		}
	})()
	bump('Person', people.length)
	log(`  regions, ${opts.enterprises} enterprises, ${people.length} people (${Date.now() - started} ms)`)

	// ── Study records: distinct (lesson, year) pairs per person, spread to reach the target ──
	const study = stmt('INSERT INTO StudyRecord (personId, lessonId, year, enterpriseId, seconds, updatedAt) VALUES (?, ?, ?, ?, ?, ?)')
	const nowYear = Number(day(nowMs).slice(0, 4))
	const years = [nowYear - 2, nowYear - 1, nowYear]
	const perPerson = opts.studyRecords / people.length
	let studyCount = 0
	const stamp = iso(nowMs)
	db.transaction(() => {
		people.forEach((p, idx) => {
			const remaining = opts.studyRecords - studyCount
			const left = people.length - idx
			const n = Math.min(lessons.length * years.length, idx === people.length - 1 ? remaining : Math.max(0, Math.min(remaining - (left - 1), Math.round(perPerson * (0.5 + rand())))))
			const used = new Set<number>()
			for (let k = 0; k < n; k++) {
				let slot: number
				do slot = Math.floor(rand() * lessons.length * years.length)
				while (used.has(slot))
				used.add(slot)
				const year = years[slot % years.length]!
				if (year < p.hireYear) continue
				study.run(p.id, lessons[Math.floor(slot / years.length)]!.id, year, p.ent.id, Math.round(p.diligence * between(10_000, 22_000)), stamp)
				studyCount++
			}
		})
		// Top up (people hired this year skip earlier years) to reach the target.
		let i = 0
		while (studyCount < opts.studyRecords && i < people.length * 4) {
			const p = people[i++ % people.length]!
			try {
				study.run(p.id, lessons[Math.floor(rand() * lessons.length)]!.id, nowYear, p.ent.id, Math.round(p.diligence * between(10_000, 22_000)), stamp)
				studyCount++
			} catch {
				// that (person, lesson, year) exists already
			}
		}
	})()
	bump('StudyRecord', studyCount)
	log(`  ${studyCount} study records (${Date.now() - started} ms)`)

	// ── Classroom sessions and attendance ──
	const session = stmt(
		'INSERT INTO ClassroomSession (id, enterpriseId, topic, trainer, place, startsAt, endsAt, minutes, offJob, createdByUserId, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
	)
	const attendance = stmt('INSERT INTO Attendance (sessionId, personId, method, at) VALUES (?, ?, ?, ?)')
	const byEnterprise = new Map<string, P[]>()
	for (const p of people) (byEnterprise.get(p.ent.id) ?? byEnterprise.set(p.ent.id, []).get(p.ent.id)!).push(p)
	db.transaction(() => {
		for (const ent of enterprises) {
			const staff = byEnterprise.get(ent.id)!
			for (let k = 0; k < 10; k++) {
				const sid = `${ent.id}-s${k}`
				const at = timeBetween(start2024, nowMs)
				const minutes = pick([90, 120, 180, 240])
				session.run(sid, ent.id, pick(['特殊作业安全', '重大隐患判定', '应急疏散', '反三违警示教育']), '安全讲师', '培训室', iso(at), iso(at + minutes * 60_000), minutes, rand() < 0.2 ? 1 : 0, `u-${ent.id}-p1`, iso(at))
				bump('ClassroomSession')
				const seen = new Set<string>()
				for (let j = 0; j < Math.min(staff.length, 20); j++) {
					const p = pick(staff)
					if (seen.has(p.id)) continue
					seen.add(p.id)
					attendance.run(sid, p.id, 'QR', iso(at))
					bump('Attendance')
				}
			}
		}
	})()

	// ── Assignments (two per person) ──
	const assignment = stmt(
		'INSERT INTO Assignment (id, enterpriseId, personId, packVersionId, reason, dueDate, status, createdAt, completedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
	)
	db.transaction(() => {
		for (const p of people) {
			for (let k = 0; k < 2; k++) {
				const r = rand()
				const status = r < p.ent.quality * 0.85 ? 'COMPLETED' : r < 0.95 ? pick(['ASSIGNED', 'IN_PROGRESS']) : 'CANCELLED'
				// Open assignments are mostly recent; a minority has run past its due date.
				const createdMs = status === 'ASSIGNED' || status === 'IN_PROGRESS' ? timeBetween(nowMs - 120 * 86_400_000, nowMs) : timeBetween(start2024, nowMs)
				const due = day(createdMs + between(60, 180) * 86_400_000)
				assignment.run(`${p.id}-as${k}`, p.ent.id, p.id, pick(packVersions).id, k === 0 && p.hireYear === nowYear ? 'ONBOARDING' : 'ANNUAL', due, status, iso(createdMs), status === 'COMPLETED' ? iso(createdMs + 86_400_000) : null)
				bump('Assignment')
			}
		}
	})()
	log(`  classroom sessions, attendance, assignments (${Date.now() - started} ms)`)

	// ── Exam attempts ──
	const attempt = stmt(
		`INSERT INTO ExamAttempt (id, personId, enterpriseId, blueprintId, purpose, seed, config, paper, questionCount, status, startedAt, deadlineAt, submittedAt, score, maxScore, passed)
		 VALUES (?, ?, ?, ?, ?, ?, '{}', '[]', 20, ?, ?, ?, ?, ?, 100, ?)`,
	)
	db.transaction(() => {
		for (let k = 0; k < opts.attempts; k++) {
			const p = people[Math.floor(rand() * people.length)]!
			const r = rand()
			const purpose = r < 0.85 ? 'COURSE' : r < 0.95 ? 'SPOT_CHECK' : r < 0.97 ? 'COMPETENCE' : 'REEXAM'
			const startedMs = timeBetween(start2024, nowMs)
			const open = rand() < 0.01
			const passed = rand() < 0.55 + p.ent.quality * 0.4
			const score = passed ? between(80, 100) : between(30, 79)
			attempt.run(
				`x-${k}`,
				p.id,
				p.ent.id,
				bp(purpose === 'COURSE' ? 'COURSE_EXAM' : p.role === 'PRINCIPAL' ? 'PRINCIPAL_COMPETENCE' : p.role === 'SAFETY_MANAGER' ? 'SAFETY_MANAGER_CHECK' : 'WORKER_SPOT_CHECK'),
				purpose,
				`seed-${k}`,
				open ? 'IN_PROGRESS' : 'SUBMITTED',
				iso(startedMs),
				iso(startedMs + 30 * 60_000),
				open ? null : iso(startedMs + between(5, 29) * 60_000),
				open ? null : score,
				open ? null : passed ? 1 : 0,
			)
		}
	})()
	bump('ExamAttempt', opts.attempts)
	log(`  ${opts.attempts} exam attempts (${Date.now() - started} ms)`)

	// ── Inspections with spot checks; violations; retraining cases; suspensions ──
	const inspection = stmt('INSERT INTO Inspection (id, enterpriseId, createdByUserId, date, method, drawnAt, closedAt, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
	const examinee = stmt(
		`INSERT INTO SpotCheckExaminee (id, inspectionId, personId, role, purpose, drawn, ord, token, shortCode, codeExpiresAt, boundAt, status, score, caseId, gradedAt, createdAt)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	)
	const violation = stmt(
		'INSERT INTO Violation (id, enterpriseId, personId, type, occurredAt, areaId, place, description, foundBy, recordedByUserId, caseId, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
	)
	const kase = stmt(
		`INSERT INTO RetrainingCase (id, enterpriseId, personId, trigger, state, sourceType, sourceId, requiredPacks, requiredMinutes, failedReexams, openedAt, startedAt, clearedAt, escalatedAt, updatedAt)
		 VALUES (?, ?, ?, ?, ?, ?, ?, '[]', 480, ?, ?, ?, ?, ?, ?)`,
	)
	const suspend = stmt("UPDATE Person SET dutyStatus = 'SUSPENDED' WHERE id = ? AND dutyStatus = 'ON_POST'")
	let caseSeq = 0
	const openCase = (p: P, trigger: string, sourceType: string, sourceId: string, openedMs: number): string => {
		const id = `k-${caseSeq++}`
		const age = nowMs - openedMs
		// Old cases are mostly cleared; recent ones are still running.
		const cleared = rand() < (age > 60 * 86_400_000 ? 0.93 : 0.35)
		const state = cleared ? 'CLEARED' : pick(['OPEN', 'TRAINING', 'TRAINING', 'READY_FOR_EXAM', 'ESCALATED'])
		kase.run(
			id,
			p.ent.id,
			p.id,
			trigger,
			state,
			sourceType,
			sourceId,
			state === 'ESCALATED' ? 2 : 0,
			iso(openedMs),
			state === 'OPEN' ? null : iso(openedMs + 86_400_000),
			cleared ? iso(Math.min(nowMs, openedMs + between(5, 40) * 86_400_000)) : null,
			state === 'ESCALATED' ? iso(Math.min(nowMs, openedMs + 30 * 86_400_000)) : null,
			iso(nowMs),
		)
		bump('RetrainingCase')
		if (!cleared && !p.left) suspend.run(p.id)
		return id
	}
	let tokenSeq = 0
	db.transaction(() => {
		for (const ent of enterprises) {
			const staff = byEnterprise.get(ent.id)!.filter((p) => !p.left)
			const inspections = between(2, 4)
			for (let k = 0; k < inspections; k++) {
				const iid = `${ent.id}-i${k}`
				const at = timeBetween(start2024, nowMs - 86_400_000)
				inspection.run(iid, ent.id, `u-county-${ent.countyIndex}`, day(at), pick(['FOUR_NO_TWO_STRAIGHT', 'UNANNOUNCED', 'CROSS', 'JOINT', 'ROUTINE']), iso(at), iso(at + 3 * 3600_000), iso(at))
				bump('Inspection')
				const chosen = new Set<P>([staff[0]!, staff[1] ?? staff[0]!])
				while (chosen.size < Math.min(staff.length, 6)) chosen.add(pick(staff))
				let ord = 0
				for (const p of chosen) {
					const roleName = p.role
					const fail = rand() < (roleName === 'PRINCIPAL' ? 0.12 : 0.2) * (1.6 - ent.quality)
					const graded = at + between(20, 90) * 60_000
					const xid = `${iid}-x${ord}`
					const caseId = fail ? openCase(p, roleName === 'WORKER' ? 'SPOT_CHECK_FAIL' : 'COMPETENCE_FAIL', 'SpotCheckExaminee', xid, graded) : null
					examinee.run(
						xid,
						iid,
						p.id,
						roleName,
						roleName === 'WORKER' ? 'SPOT_CHECK' : 'COMPETENCE',
						roleName === 'WORKER' ? 1 : 0,
						ord++,
						`tok-${tokenSeq}`,
						`SC${String(tokenSeq++).padStart(7, '0')}`,
						iso(at + 4 * 3600_000),
						iso(at + 600_000),
						fail ? 'FAILED' : 'PASSED',
						fail ? between(40, 79) : between(80, 100),
						caseId,
						iso(graded),
						iso(at),
					)
					bump('SpotCheckExaminee')
				}
			}
			const violations = Math.round(staff.length * 0.12 * (1.5 - ent.quality))
			for (let k = 0; k < violations; k++) {
				const p = pick(staff)
				const at = timeBetween(start2024, nowMs)
				const vid = `${ent.id}-v${k}`
				const caseId = openCase(p, 'VIOLATION', 'Violation', vid, at + 3600_000)
				violation.run(vid, ent.id, p.id, pick(['COMMAND', 'OPERATION', 'OPERATION', 'DISCIPLINE']), iso(at), pick(ent.areas).id, '', '现场检查发现违章', '安全员', `u-${ent.id}-p1`, caseId, iso(at))
				bump('Violation')
			}
		}
	})()
	log(`  inspections, violations, retraining cases (${Date.now() - started} ms)`)

	// ── Drills: every area, every half-year since 2024; most done, some planned, some missed ──
	const drill = stmt(
		`INSERT INTO Drill (id, enterpriseId, areaId, kind, form, scope, status, plannedDate, alarmAt, clearedAt, assembledAt, endedAt, headcountExpected, headcountAccounted, signedOffAt, createdAt, updatedAt)
		 VALUES (?, ?, ?, ?, ?, 'SINGLE', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	)
	const halves: { start: number; end: number }[] = []
	for (let y = 2024; y <= nowYear; y++)
		for (const h of [1, 2]) {
			const s = midnight(`${y}-${h === 1 ? '01' : '07'}-01`)
			if (s <= nowMs) halves.push({ start: s, end: midnight(h === 1 ? `${y}-07-01` : `${y + 1}-01-01`) })
		}
	let drillSeq = 0
	db.transaction(() => {
		for (const ent of enterprises) {
			for (const a of ent.areas) {
				for (const h of halves) {
					if (a.createdMs >= h.end) continue
					const current = h.end > nowMs
					const r = rand()
					const doneShare = (current ? 0.55 : 0.85) * (0.7 + ent.quality * 0.4)
					const id = `dr-${drillSeq++}`
					const createdAt = iso(h.start)
					if (r < doneShare) {
						const alarm = timeBetween(h.start, Math.min(h.end, nowMs) - 3600_000)
						const closed = rand() < 0.85
						drill.run(id, ent.id, a.id, 'EVACUATION', 'LIVE', closed ? 'CLOSED' : 'EVALUATING', day(alarm), iso(alarm), iso(alarm + 240_000), iso(alarm + 420_000), iso(alarm + 900_000), 40, 40, closed ? iso(alarm + 86_400_000) : null, createdAt, createdAt)
					} else if (r < doneShare + 0.1) {
						const planned = timeBetween(h.start, h.end - 86_400_000)
						drill.run(id, ent.id, a.id, 'EVACUATION', 'LIVE', 'PLANNED', day(planned), null, null, null, null, null, null, null, createdAt, createdAt)
					} else if (r < doneShare + 0.15) {
						// A tabletop exercise: recorded, but it does not satisfy the evacuation rule.
						const alarm = timeBetween(h.start, Math.min(h.end, nowMs) - 3600_000)
						drill.run(id, ent.id, a.id, 'EVACUATION', 'TABLETOP', 'CLOSED', day(alarm), iso(alarm), null, null, iso(alarm + 3600_000), null, null, iso(alarm + 86_400_000), createdAt, createdAt)
					} else continue
					bump('Drill')
				}
			}
		}
	})()

	// ── Credentials and requirements ──
	const credential = stmt(
		'INSERT INTO Credential (id, enterpriseId, personId, type, number, issuer, issueDate, expiryDate, nextReviewDate, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
	)
	const requirement = stmt('INSERT INTO CredentialRequirement (id, enterpriseId, personId, type, createdAt) VALUES (?, ?, ?, ?, ?)')
	db.transaction(() => {
		people.forEach((p, i) => {
			if (p.role !== 'WORKER' || rand() > 0.3) return
			const type = pick(CREDENTIAL_TYPES)
			const required = rand() < 0.7
			if (required) {
				requirement.run(`cr-${i}`, p.ent.id, p.id, type, created)
				bump('CredentialRequirement')
			}
			if (required && rand() < 0.08) return // required but never obtained
			const years = type.startsWith('SE_') ? 4 : 6
			// Issued within one validity period (plus a little: some have lapsed).
			const issuedMs = timeBetween(nowMs - (years + 0.3) * 365 * 86_400_000, nowMs - 30 * 86_400_000)
			const issue = day(issuedMs)
			const expiry = `${Number(issue.slice(0, 4)) + years}${issue.slice(4)}`
			const reviewAt = `${Number(issue.slice(0, 4)) + 3}${issue.slice(4)}`
			// Special-trade certificates are reviewed at 3 years; most holders whose review is past had it done.
			const review = type.startsWith('SE_') ? null : reviewAt >= day(nowMs) || rand() < 0.1 ? reviewAt : null
			credential.run(`cd-${i}`, p.ent.id, p.id, type, `T${String(i).padStart(9, '0')}`, '吕梁市应急管理局', issue, expiry.replace('-02-29', '-02-28'), review?.replace('-02-29', '-02-28') ?? null, created, created)
			bump('Credential')
		})
	})()
	log(`  drills, credentials (${Date.now() - started} ms)`)

	const fk = db.pragma('foreign_key_check') as unknown[]
	if (fk.length) throw new Error(`foreign key check failed: ${JSON.stringify(fk.slice(0, 5))}`)
	db.pragma('synchronous = NORMAL')
	db.exec('ANALYZE')
	db.close()
	return { file, counts, ms: Date.now() - started }
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const file = resolveDatabaseFile(process.env.DATABASE_URL || 'file:./data/large.db')
	const small = process.argv.includes('--small')
	const opts = small ? { enterprises: 40, people: 2_000, studyRecords: 40_000, attempts: 8_000, seed: FULL_SIZE.seed } : FULL_SIZE
	console.log(`Generating ${small ? 'a small' : 'the city-scale'} data set into ${file}`)
	generateLarge(file, opts)
		.then(({ counts, ms }) => {
			for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(22)} ${n.toLocaleString('en')}`)
			console.log(`Done in ${(ms / 1000).toFixed(1)} s.`)
		})
		.catch((e) => {
			console.error(e instanceof Error ? e.message : e)
			process.exit(1)
		})
}

/**
 * Test fixtures for the exam engine: a question bank shaped like the shipped packs (same pack
 * ids and series, synthetic questions) and enterprises with people and accounts. Usable from
 * vitest integration tests (pass the app's `db`) and from scripts with their own client.
 */
import { randomBytes } from 'node:crypto'
import type { PrismaClient } from '../../app/generated/prisma/client.ts'
import { OPERATIONS, type QuestionType } from '../../app/domain/exam/types.ts'

type Db = Pick<PrismaClient, 'pack' | 'packVersion' | 'question' | 'region' | 'enterprise' | 'person' | 'user'>

const rand = () => randomBytes(4).toString('hex')

export type FixtureQuestion = {
	key: string
	type: QuestionType
	topic?: string
	operation?: string | null
	hazardItem?: number | null
	violation?: string | null
	audiences?: string[]
	/** correct keys; default A for single, A+B for multiple, T for true/false */
	answer?: string[]
}

/** One pack with one version holding the given questions. Returns the version id. */
export async function createPack(db: Db, pack: { id: string; series: string; category?: string }, questions: FixtureQuestion[]): Promise<string> {
	const existing = await db.pack.findUnique({ where: { id: pack.id } })
	if (!existing) await db.pack.create({ data: { id: pack.id, series: pack.series, category: pack.category ?? 'TEST' } })
	const number = ((await db.packVersion.aggregate({ where: { packId: pack.id }, _max: { number: true } }))._max.number ?? 0) + 1
	const version = await db.packVersion.create({
		data: { packId: pack.id, number, contentHash: rand() + rand(), declaredVersion: number, edition: 'test', titleZh: `测试包 ${pack.id}`, titleEn: `Test pack ${pack.id}`, minutes: 10 },
	})
	await db.question.createMany({
		data: questions.map((q, i) => {
			const options =
				q.type === 'TRUEFALSE'
					? []
					: ['A', 'B', 'C', 'D'].map((k) => ({ key: k, text: `${q.key} 选项 ${k}` }))
			const answer = q.answer ?? (q.type === 'SINGLE' ? ['A'] : q.type === 'MULTIPLE' ? ['A', 'B'] : ['T'])
			return {
				key: q.key,
				packVersionId: version.id,
				type: q.type,
				stem: `${q.key}：第 ${i + 1} 题的题干？`,
				options: JSON.stringify(options),
				answer: JSON.stringify(answer),
				explanation: `解析 ${q.key}：正确答案是 ${answer.join('')}。`,
				source: 'GB 30871-2022 第5章',
				topic: q.topic ?? 'topic',
				operation: q.operation ?? null,
				hazardItem: q.hazardItem ?? null,
				violation: q.violation ?? null,
				audiences: JSON.stringify(q.audiences ?? ['WORKER', 'SAFETY_MANAGER', 'PRINCIPAL']),
				contentHash: rand(),
			}
		}),
	})
	return version.id
}

function series(prefix: string, n: number, over: Partial<FixtureQuestion> = {}): FixtureQuestion[] {
	const types: QuestionType[] = ['SINGLE', 'SINGLE', 'MULTIPLE', 'TRUEFALSE']
	return Array.from({ length: n }, (_, i) => ({ key: `${prefix}-${String(i + 1).padStart(3, '0')}`, type: types[i % types.length]!, ...over }))
}

/**
 * The five shipped packs (ids and series as in content/), with synthetic questions — enough for
 * every default blueprint. Skips a pack that already exists (e.g. imported content).
 */
export async function ensureShippedShapeBank(db: Db): Promise<void> {
	const packs: { id: string; series: string; questions: FixtureQuestion[] }[] = [
		{ id: 'hidden-danger-2017', series: 'hidden-danger-criteria', questions: series('fx-hd', 60, { hazardItem: 1, topic: 'hazard' }) },
		{
			id: 'special-operations-2022',
			series: 'special-operations',
			questions: OPERATIONS.flatMap((op) => series(`fx-so-${op.toLowerCase()}`, 12, { operation: op, topic: op.toLowerCase().replace('_', '-') })),
		},
		{ id: 'three-violations', series: 'three-violations', questions: series('fx-tv', 40, { violation: 'OPERATION', topic: 'three-violations' }) },
		{ id: 'evacuation-self-rescue', series: 'evacuation-self-rescue', questions: series('fx-ev', 40, { topic: 'evacuation' }) },
		{ id: 'principal-duties', series: 'principal-duties', questions: series('fx-pd', 60, { topic: 'duties', audiences: ['PRINCIPAL', 'SAFETY_MANAGER'] }) },
	]
	for (const p of packs) {
		if (await db.pack.findUnique({ where: { id: p.id } })) continue
		await createPack(db, p, p.questions)
	}
}

export type FixturePerson = { personId: string; userId: string; enterpriseId: string; regionId: string; mobile: string }

function uniqueMobile(): string {
	return `136${String(randomBytes(4).readUInt32BE(0) % 100_000_000).padStart(8, '0')}`
}

/** A region + enterprise (unless given) and a person with a sign-in account holding `roles`. */
export async function createPerson(
	db: Db,
	opts: { enterpriseId?: string; regionId?: string; post?: string; roles?: string[]; name?: string; dutyStatus?: string } = {},
): Promise<FixturePerson> {
	let regionId = opts.regionId
	let enterpriseId = opts.enterpriseId
	if (!enterpriseId) {
		if (!regionId) regionId = (await db.region.create({ data: { code: `T${rand()}`, name: '测试县', nameEn: 'Test county', kind: 'COUNTY' } })).id
		enterpriseId = (await db.enterprise.create({ data: { name: `测试化工 ${rand()}`, uscc: `T${rand()}${rand()}X`.slice(0, 18), regionId, category: 'CHEMICAL' } })).id
	} else if (!regionId) {
		regionId = (await db.enterprise.findUniqueOrThrow({ where: { id: enterpriseId } })).regionId
	}
	const mobile = uniqueMobile()
	const person = await db.person.create({
		data: { enterpriseId, name: opts.name ?? `考生${rand().slice(0, 3)}`, mobile, employmentType: 'EMPLOYEE', post: opts.post ?? '硝化工艺操作工', dutyStatus: opts.dutyStatus ?? 'ON_POST' },
	})
	const user = await db.user.create({
		data: {
			mobile,
			passwordHash: '',
			displayName: person.name,
			mustChangePassword: false,
			personId: person.id,
			roles: { create: (opts.roles ?? ['WORKER']).map((role) => ({ role })) },
		},
	})
	return { personId: person.id, userId: user.id, enterpriseId, regionId, mobile }
}

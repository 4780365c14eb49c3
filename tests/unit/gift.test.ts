/** GIFT (Moodle) export and import of question banks: round trip, escaping, errors with lines. */
import path from 'node:path'

import { describe, expect, test } from 'vitest'

import { escapeGift, exportGift, giftToQuestions, htmlToText, parseGift } from '../../app/domain/content/gift.ts'
import { loadContent } from '../../app/domain/content/load.ts'
import { normalizeQuestion, type ContentQuestion } from '../../app/domain/content/schema.ts'
import { PROJECT_ROOT } from '../../scripts/migrate.ts'

const shipped = loadContent(path.join(PROJECT_ROOT, 'content'))

function question(patch: Partial<ContentQuestion>): ContentQuestion {
	return {
		id: 't-001',
		type: 'single',
		stem: '题干',
		options: [
			{ key: 'A', text: '甲' },
			{ key: 'B', text: '乙' },
		],
		answer: ['A'],
		explanation: '解析',
		source: 'GB 30871-2022 第5章',
		lesson: null,
		difficulty: 2,
		tags: { topic: 'hot-work', operation: null, hazardItem: null, violation: null, audience: ['WORKER'] },
		...patch,
	}
}

describe('round trip', () => {
	test.each(shipped.packs.map((p) => [p.manifest.id, p] as const))('%s: export, import into an empty bank, same questions and answers', (id, pack) => {
		const bank = pack.questions.map((q) => q.question)
		const gift = exportGift(bank, { packId: id, header: ['test'] })
		const back = giftToQuestions(gift)
		expect(back.errors).toEqual([])
		expect(back.warnings).toEqual([])
		expect(back.questions.map((q) => normalizeQuestion(q.question))).toEqual(bank)
	})

	test('special characters, newlines and backslashes survive', () => {
		const q = question({
			id: 't-esc-001',
			stem: 'a:b {c} ~d =e #f \\g\n第二行 :: ####',
			options: [
				{ key: 'A', text: '=1' },
				{ key: 'B', text: '~2 #3' },
				{ key: 'C', text: '{4}' },
				{ key: 'D', text: '%50 的浓度' },
			],
			answer: ['B'],
			explanation: '####x\n: y',
		})
		const gift = exportGift([q])
		const back = giftToQuestions(gift)
		expect(back.errors).toEqual([])
		expect(back.questions.map((r) => normalizeQuestion(r.question))).toEqual([q])
	})

	test('multiple answers get equal shares that Moodle accepts, wrong ones -100%', () => {
		const q = question({
			type: 'multiple',
			options: ['甲', '乙', '丙', '丁'].map((text, i) => ({ key: 'ABCD'[i]!, text })),
			answer: ['A', 'B', 'C'],
		})
		const gift = exportGift([q])
		expect(gift).toContain('~%33.33333%甲')
		expect(gift).toContain('~%-100%丁')
		expect(normalizeQuestion(giftToQuestions(gift).questions[0]!.question)).toEqual(q)
	})

	test('escaping follows the GIFT spec', () => {
		expect(escapeGift('a~b=c#d{e}f:g\\h\ni')).toBe('a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni')
	})

	test('true/false exports as {T} / {F} with general feedback', () => {
		const gift = exportGift([question({ type: 'truefalse', options: [], answer: ['F'] })])
		expect(gift).toMatch(/::t-001::题干 \{F\n\t####解析\n\}/)
	})
})

describe('import of GIFT written elsewhere (Moodle)', () => {
	test('HTML text, TRUE/FALSE words, comments, categories and defaults', () => {
		const gift = [
			'// exported from Moodle',
			'$CATEGORY: $course$/Top/hot-work',
			'',
			'::hw-001::[html]<p>动火作业票&nbsp;<b>有效期</b>？</p>{',
			'\t=[html]8 &lt; 24 小时',
			'\t~72 小时',
			'\t####[html]<p>见 GB 30871-2022</p>',
			'}',
			'',
			'::hw-002::Is it safe? {FALSE####No.}',
			'',
			'::hw-003:: Pick two {',
			'  ~%50%one',
			'  ~%50%two',
			'  ~%0%three',
			'####Because.}',
		].join('\n')
		const r = giftToQuestions(gift, { source: 'GB 30871-2022 第5章', audience: ['WORKER'], difficulty: 1 })
		expect(r.errors).toEqual([])
		expect(r.questions.map((q) => normalizeQuestion(q.question))).toEqual([
			question({ id: 'hw-001', stem: '动火作业票 有效期？', options: [{ key: 'A', text: '8 < 24 小时' }, { key: 'B', text: '72 小时' }], answer: ['A'], explanation: '见 GB 30871-2022', difficulty: 1 }),
			question({ id: 'hw-002', type: 'truefalse', stem: 'Is it safe?', options: [], answer: ['F'], explanation: 'No.', difficulty: 1 }),
			question({
				id: 'hw-003',
				type: 'multiple',
				stem: 'Pick two',
				options: [
					{ key: 'A', text: 'one' },
					{ key: 'B', text: 'two' },
					{ key: 'C', text: 'three' },
				],
				answer: ['A', 'B'],
				explanation: 'Because.',
				difficulty: 1,
			}),
		])
		expect(r.questions.map((q) => q.line)).toEqual([4, 10, 12])
	})

	test('answers without = but one ~%100% answer make a single-choice question', () => {
		const r = parseGift('::a-1::Q {~%100%yes ~no}')
		expect(r.errors).toEqual([])
		expect(r.questions[0]).toMatchObject({ type: 'single', answer: ['A'] })
	})

	test('per-answer feedback is dropped with a warning', () => {
		const r = parseGift('::a-1::Q {=yes#right ~no#wrong ####general}\n\n::a-2::T? {T#wrong#right}')
		expect(r.errors).toEqual([])
		expect(r.warnings).toEqual([
			{ line: 1, message: 'answer feedback (#…) is not stored; only the #### general feedback is kept' },
			{ line: 1, message: 'answer feedback (#…) is not stored; only the #### general feedback is kept' },
			{ line: 3, message: 'true/false answer feedback is not stored; only the #### general feedback is kept' },
		])
	})

	test('htmlToText keeps paragraphs as lines and decodes entities', () => {
		expect(htmlToText('<p>a&amp;b</p><p>c<br/>d &#26159; &#x662F;</p>')).toBe('a&b\nc\nd 是 是')
	})
})

describe('bad GIFT: every problem with its line', () => {
	const BAD = [
		'// A bank with problems', //  1
		'$CATEGORY: $course$/Safety/hot-work', //  2
		'', //  3
		'::q-essay::Describe hot work. {}', //  4
		'', //  5
		'::q-num::How many hours? {#8}', //  6
		'', //  7
		'::q-match::Match. {=a -> 1 =b -> 2}', //  8
		'', //  9
		'::q-short::Name the gas. {=H2S =hydrogen sulphide}', // 10
		'', // 11
		'::q-weights::Pick. {~%60%a ~%60%b ~c}', // 12
		'', // 13
		'::q-badweight::Pick. {', // 14
		'  ~%abc%a', // 15
		'  ~%150%b', // 16
		'  ~c', // 17
		'}', // 18
		'', // 19
		'::q-two-equals::Pick. {=a =b ~c}', // 20
		'', // 21
		'::q-partial::Pick one. {', // 22
		'  =a', // 23
		'  ~%50%b', // 24
		'}', // 25
		'', // 26
		'::q-unclosed::Pick one. {=a ~b', // 27
		'', // 28
		'Just a description without answers.', // 29
		'', // 30
		'::q-missing::The sky is {=blue ~green} today.', // 31
		'', // 32
		'// @anxun {"source": "X"', // 33
		'::q-badmeta::ok? {T####fine}', // 34
		'', // 35
		'::Not An Id::Valid but title? {=a ~b ####x}', // 36
		'', // 37
		'::q-noweight::None right {~a ~b ####x}', // 38
		'', // 39
		'::q-nofeedback::Fine {', // 40
		'  =right', // 41
		'  ~wrong', // 42
		'}', // 43
		'', // 44
		'// @anxun {"source":"S","difficulty":1,"tags":{"topic":"t","audience":["WORKER"],"operation":"WELDING"}}', // 45
		'::q-badtag::Fine {=a ~b ####x}', // 46
		'', // 47
		'::q-toomany::Seven {=1 ~2 ~3 ~4 ~5 ~6 ~7 ####x}', // 48
		'', // 49
		'// @anxun {"source":"dangling"}', // 50
	].join('\n')

	test('errors are line-numbered and nothing is returned for a broken question', () => {
		const r = giftToQuestions(BAD, { audience: ['WORKER'], difficulty: 1, source: 'S' })
		expect(r.errors.map((e) => `${e.line}: ${e.message}`)).toEqual([
			'4: essay questions ({}) are not supported',
			'6: numerical questions ({#…}) are not supported',
			'8: matching questions (… -> …) are not supported',
			'10: short-answer questions (only = answers) are not supported',
			'12: the positive weights add up to 120%, not 100%',
			'15: weight %abc% is not a number',
			'16: weight 150% is outside -100…100',
			'20: more than one = answer: give a multiple-answer question ~%50% weights instead',
			'24: partial credit (~%50%) next to a = answer is not supported',
			'27: the answer block { is not closed with }',
			'29: no answer block {…}: descriptions (text without a question) are not supported',
			'31: text after the answer block: missing-word (fill-in) questions are not supported',
			'33: @anxun comment must hold one JSON object',
			'36: title "Not An Id" is not a usable id (kebab-case): pass --id-prefix to number the questions',
			'38: no correct answer: mark one with = or give weights such as ~%50%',
			'40: q-nofeedback: explanation is empty (write it as ####general feedback inside the answer block)',
			'45: q-badtag: tags.operation: unknown value "WELDING" (expected one of HOT_WORK, CONFINED_SPACE, BLINDING, HEIGHT, LIFTING, TEMP_POWER, EXCAVATION, ROAD_CLOSURE, GENERAL)',
			'48: 7 answers: at most 6 are supported',
			'50: an @anxun comment is not followed by a question',
		])
		// q-badmeta: the broken comment is reported, the question itself takes the defaults.
		expect(r.questions.map((q) => q.question.id)).toEqual(['q-badmeta'])
	})

	test('--id-prefix numbers questions whose title is not an id', () => {
		const r = giftToQuestions('::Not An Id::Q {=a ~b ####x}\n\nQ2 {=a ~b ####y}', { idPrefix: 'imp', audience: ['WORKER'], difficulty: 1, source: 'S', topic: 'misc' })
		expect(r.errors).toEqual([])
		expect(r.questions.map((q) => q.question.id)).toEqual(['imp-001', 'imp-002'])
	})

	test("npm's banner from `npm run … > file` is named as the problem", () => {
		const r = parseGift('\n> anxun@0.1.0 content:gift\n> tsx scripts/content-gift.ts export x\n\n::a-1::Q {=a ~b}\n')
		expect(r.errors).toEqual([{ line: 2, message: "npm's script banner is in the file: export with npm run -s content:gift … or --out <file>" }])
		expect(r.questions.map((q) => q.title)).toEqual(['a-1'])
	})

	test('missing fields name the way to provide them', () => {
		const r = giftToQuestions('::q-1::Q {=a ~b ####x}')
		expect(r.errors.map((e) => `${e.line}: ${e.message}`)).toEqual([
			'1: q-1: missing source (add it to an // @anxun comment or pass a default)',
			'1: q-1: missing difficulty (add it to an // @anxun comment or pass a default)',
			'1: q-1: missing tags.topic (add it to an // @anxun comment or pass a default)',
			'1: q-1: missing tags.audience (add it to an // @anxun comment or pass a default)',
		])
	})
})

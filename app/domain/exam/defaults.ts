/**
 * The shipped exam blueprints. They are written to the database once (by code) and then belong
 * to the administrator, who may edit them; changing this file never rewrites an edited one.
 * Defaults follow local practice for 逢查必考 (domain-facts §7) and the competence exam pass line
 * of 80/100 (§4); each is a default an administrator can change, not law.
 */
import type { BlueprintAudience, Points, Stratum } from './types.ts'

export const BLUEPRINT_CODES = ['WORKER_SPOT_CHECK', 'SAFETY_MANAGER_CHECK', 'PRINCIPAL_COMPETENCE', 'COURSE_EXAM'] as const
export type BlueprintCode = (typeof BLUEPRINT_CODES)[number]

export type BlueprintDefinition = {
	code: BlueprintCode
	nameZh: string
	nameEn: string
	audience: BlueprintAudience
	strata: Stratum[]
	points: Points
	passMark: number
	timeLimitMinutes: number
	maxAttempts: number | null
	retakeCooldownMinutes: number
	partialCredit: boolean
	minSecondsPerQuestion: number
}

const HAZARD = ['hidden-danger-criteria']
const SPECIAL_OPS = ['special-operations']

export const DEFAULT_BLUEPRINTS: readonly BlueprintDefinition[] = [
	{
		code: 'WORKER_SPOT_CHECK',
		nameZh: '从业人员现场抽考',
		nameEn: 'Worker spot check',
		audience: 'WORKER',
		// 20 questions × 5 points: 7 on the hidden-danger criteria, 7 on the special operations of
		// the person's post (both ≥ 1/3), 6 on three violations and evacuation.
		strata: [
			{
				key: 'hazard',
				labelZh: '重大事故隐患判定',
				labelEn: 'Hidden-danger criteria',
				filter: { series: HAZARD },
				counts: { SINGLE: 4, MULTIPLE: 1, TRUEFALSE: 2 },
			},
			{
				key: 'operations',
				labelZh: '本岗位相关特殊作业',
				labelEn: 'Special operations of the post',
				filter: { series: SPECIAL_OPS, operations: 'FOR_POST' },
				widen: { series: SPECIAL_OPS },
				counts: { SINGLE: 4, MULTIPLE: 1, TRUEFALSE: 2 },
			},
			{
				key: 'general',
				labelZh: '反三违与应急疏散',
				labelEn: 'Three violations and evacuation',
				filter: { series: ['three-violations', 'evacuation-self-rescue'] },
				counts: { SINGLE: 3, MULTIPLE: 1, TRUEFALSE: 2 },
			},
		],
		points: { SINGLE: 5, MULTIPLE: 5, TRUEFALSE: 5 },
		passMark: 80,
		timeLimitMinutes: 20,
		maxAttempts: 1,
		retakeCooldownMinutes: 0,
		partialCredit: false,
		minSecondsPerQuestion: 5,
	},
	{
		code: 'SAFETY_MANAGER_CHECK',
		nameZh: '安全管理人员现场考核',
		nameEn: 'Safety manager check',
		audience: 'SAFETY_MANAGER',
		// 25 questions × 4 points.
		strata: [
			{
				key: 'hazard',
				labelZh: '重大事故隐患判定',
				labelEn: 'Hidden-danger criteria',
				filter: { series: HAZARD },
				counts: { SINGLE: 5, MULTIPLE: 2, TRUEFALSE: 2 },
			},
			{
				key: 'operations',
				labelZh: '特殊作业管理',
				labelEn: 'Special operations management',
				filter: { series: SPECIAL_OPS },
				counts: { SINGLE: 4, MULTIPLE: 2, TRUEFALSE: 2 },
			},
			{
				key: 'management',
				labelZh: '安全管理职责、反三违与应急',
				labelEn: 'Duties, three violations and emergencies',
				filter: { series: ['principal-duties', 'three-violations', 'evacuation-self-rescue'] },
				counts: { SINGLE: 4, MULTIPLE: 2, TRUEFALSE: 2 },
			},
		],
		points: { SINGLE: 4, MULTIPLE: 4, TRUEFALSE: 4 },
		passMark: 80,
		timeLimitMinutes: 30,
		maxAttempts: 1,
		retakeCooldownMinutes: 0,
		partialCredit: false,
		minSecondsPerQuestion: 5,
	},
	{
		code: 'PRINCIPAL_COMPETENCE',
		nameZh: '主要负责人安全生产知识和管理能力考核',
		nameEn: 'Principal competence check',
		audience: 'PRINCIPAL',
		// 50 questions × 2 points, closed book, one retake (local practice).
		strata: [
			{
				key: 'duties',
				labelZh: '法定职责与安全管理',
				labelEn: 'Statutory duties and safety management',
				filter: { series: ['principal-duties'] },
				counts: { SINGLE: 14, MULTIPLE: 6, TRUEFALSE: 5 },
			},
			{
				key: 'hazard',
				labelZh: '重大事故隐患判定',
				labelEn: 'Hidden-danger criteria',
				filter: { series: HAZARD },
				counts: { SINGLE: 8, MULTIPLE: 4, TRUEFALSE: 3 },
			},
			{
				key: 'violations',
				labelZh: '反三违',
				labelEn: 'Three violations',
				filter: { series: ['three-violations'] },
				counts: { SINGLE: 6, MULTIPLE: 2, TRUEFALSE: 2 },
			},
		],
		points: { SINGLE: 2, MULTIPLE: 2, TRUEFALSE: 2 },
		passMark: 80,
		timeLimitMinutes: 60,
		maxAttempts: 2,
		retakeCooldownMinutes: 0,
		partialCredit: false,
		minSecondsPerQuestion: 5,
	},
	{
		code: 'COURSE_EXAM',
		nameZh: '课程结业考试',
		nameEn: 'Course exam',
		audience: 'ANY',
		// One stratum over every pack; a course narrows it to its own pack with a scope.
		strata: [
			{
				key: 'course',
				labelZh: '课程内容',
				labelEn: 'Course content',
				filter: {},
				counts: { SINGLE: 12, MULTIPLE: 4, TRUEFALSE: 4 },
			},
		],
		points: { SINGLE: 5, MULTIPLE: 5, TRUEFALSE: 5 },
		passMark: 80,
		timeLimitMinutes: 30,
		maxAttempts: null,
		retakeCooldownMinutes: 0,
		partialCredit: false,
		minSecondsPerQuestion: 5,
	},
]

/** The blueprint an inspection uses for a role (the principal sits the competence check). */
export function spotCheckBlueprintCode(role: 'WORKER' | 'SAFETY_MANAGER' | 'PRINCIPAL'): BlueprintCode {
	return role === 'PRINCIPAL' ? 'PRINCIPAL_COMPETENCE' : role === 'SAFETY_MANAGER' ? 'SAFETY_MANAGER_CHECK' : 'WORKER_SPOT_CHECK'
}

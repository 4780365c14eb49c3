/**
 * Which special operations (GB 30871-2022) matter for a post, from keywords in the post's name.
 * Used by the `FOR_POST` stratum filter of the worker spot check. The general requirements
 * (GENERAL) always count; a post that matches nothing gets every operation.
 */
import { OPERATIONS, type Operation } from './types.ts'

type Rule = { keywords: readonly string[]; operations: readonly Operation[] }

export const POST_OPERATION_RULES: readonly Rule[] = [
	{ keywords: ['检修', '维修', '钳工', '管工', '安装', '维护'], operations: ['HOT_WORK', 'CONFINED_SPACE', 'BLINDING', 'HEIGHT', 'LIFTING', 'TEMP_POWER'] },
	{ keywords: ['焊', '气割', '切割', '动火'], operations: ['HOT_WORK', 'HEIGHT', 'CONFINED_SPACE'] },
	{ keywords: ['电工', '电气', '配电'], operations: ['TEMP_POWER', 'HEIGHT'] },
	{ keywords: ['仪表', '自控', 'DCS'], operations: ['HEIGHT', 'TEMP_POWER', 'BLINDING', 'CONFINED_SPACE'] },
	{ keywords: ['起重', '吊', '司索', '行车', '信号工'], operations: ['LIFTING', 'HEIGHT'] },
	{ keywords: ['架子', '高处', '登高'], operations: ['HEIGHT'] },
	{ keywords: ['罐区', '储罐', '储运', '油品', '装卸', '装车', '卸车'], operations: ['CONFINED_SPACE', 'BLINDING', 'HOT_WORK'] },
	{ keywords: ['操作工', '工艺', '班长', '主操', '副操', '外操', '内操', '反应'], operations: ['HOT_WORK', 'CONFINED_SPACE', 'BLINDING'] },
	{ keywords: ['分析', '化验', '计量', '采样'], operations: ['CONFINED_SPACE', 'HOT_WORK'] },
	{ keywords: ['土建', '挖', '施工', '基建'], operations: ['EXCAVATION', 'ROAD_CLOSURE', 'HEIGHT'] },
	{ keywords: ['司机', '驾驶', '叉车', '车辆', '门卫', '保安'], operations: ['ROAD_CLOSURE', 'EXCAVATION'] },
	{ keywords: ['消防', '应急', '救援'], operations: ['HOT_WORK', 'CONFINED_SPACE'] },
	{ keywords: ['加油', '加气'], operations: ['HOT_WORK', 'TEMP_POWER'] },
]

/** Operations relevant to a post, in the canonical order, always including GENERAL. */
export function operationsForPost(post: string): Operation[] {
	const name = post.trim()
	const found = new Set<Operation>()
	for (const rule of POST_OPERATION_RULES) {
		if (rule.keywords.some((k) => name.includes(k))) for (const op of rule.operations) found.add(op)
	}
	if (found.size === 0) return [...OPERATIONS]
	found.add('GENERAL')
	return OPERATIONS.filter((op) => found.has(op))
}

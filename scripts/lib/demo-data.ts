/**
 * The demo data set, generated deterministically (same seed → same people), so the README's
 * sign-ins and the e2e tests can rely on it. Pure: returns plain records, writes nothing.
 */
import { idCardCheckChar, usccCheckChar } from '../../app/domain/identifiers.ts'

export const DEMO_PASSWORD = 'Anxun2026'

export type DemoRegion = { code: string; name: string; nameEn: string; kind: 'CITY' | 'COUNTY' | 'PARK'; parent?: string }
export type DemoArea = { name: string; kind: 'OFFICE' | 'PRODUCTION' | 'LIVING'; description: string }
export type DemoPerson = {
	name: string
	mobile: string
	idCard: string | null
	employmentType: 'EMPLOYEE' | 'CONTRACTOR' | 'DISPATCHED' | 'FLEXIBLE' | 'OUTSOURCED'
	contractor: string | null
	department: string
	post: string
	hireDate: string
	dutyStatus: 'ON_POST' | 'LEFT'
	/** Sign-in roles and whether the README lists this account. */
	roles: ('WORKER' | 'SAFETY_MANAGER' | 'PRINCIPAL')[]
	demoLogin: boolean
}
export type DemoEnterprise = {
	key: string
	name: string
	uscc: string
	region: string
	category: string
	majorHazardLevel: number | null
	keyProcesses: string[]
	address: string
	departments: string[]
	contractors: { name: string; contactName: string; contactPhone: string }[]
	areas: DemoArea[]
	people: DemoPerson[]
}
export type DemoBureauUser = { name: string; mobile: string; role: 'ADMIN' | 'REGULATOR' | 'INSPECTOR'; region: string | null }

export const REGIONS: DemoRegion[] = [
	{ code: '141100', name: '吕梁市', nameEn: 'Lüliang City', kind: 'CITY' },
	{ code: '141102', name: '离石区', nameEn: 'Lishi District', kind: 'COUNTY', parent: '141100' },
	{ code: '141181', name: '孝义市', nameEn: 'Xiaoyi City', kind: 'COUNTY', parent: '141100' },
	{ code: '141122', name: '交城县', nameEn: 'Jiaocheng County', kind: 'COUNTY', parent: '141100' },
	{ code: '141122-P1', name: '交城经济开发区化工园区', nameEn: 'Jiaocheng Economic Development Zone Chemical Park', kind: 'PARK', parent: '141122' },
]

export const BUREAU_USERS: DemoBureauUser[] = [
	{ name: '系统管理员', mobile: '13900000001', role: 'ADMIN', region: null },
	{ name: '市应急局 王监管', mobile: '13900000002', role: 'REGULATOR', region: '141100' },
	{ name: '交城县应急局 李检查', mobile: '13900000003', role: 'INSPECTOR', region: '141122' },
	{ name: '孝义市应急局 赵检查', mobile: '13900000004', role: 'INSPECTOR', region: '141181' },
	{ name: '离石区应急局 孙监管', mobile: '13900000005', role: 'REGULATOR', region: '141102' },
]

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

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文'
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红亮建国志兵鹏飞斌宇浩凯晨昊俊峰雪梅琳海波春燕立新文博永利建华晓东'

function withCheck(first17: string): string {
	return first17 + idCardCheckChar(first17)
}

function uscc(base17: string): string {
	return base17 + usccCheckChar(base17)
}

function idCard(rand: () => number, regionCode: string, year: number): string {
	const month = 1 + Math.floor(rand() * 12)
	const day = 1 + Math.floor(rand() * 28)
	const seq = String(Math.floor(rand() * 999)).padStart(3, '0')
	const first17 = `${regionCode.slice(0, 6)}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${seq}`
	return first17 + idCardCheckChar(first17)
}

type Post = { department: string; post: string; count: number; type?: DemoPerson['employmentType']; contractor?: string }

function makePeople(seed: number, regionCode: string, mobilePrefix: string, named: DemoPerson[], posts: Post[]): DemoPerson[] {
	const rand = mulberry32(seed)
	const used = new Set<string>(named.map((p) => p.name))
	const out: DemoPerson[] = [...named]
	let n = 100
	for (const slot of posts) {
		for (let i = 0; i < slot.count; i++) {
			let name = ''
			do {
				const s = SURNAMES[Math.floor(rand() * SURNAMES.length)]!
				const g1 = GIVEN[Math.floor(rand() * GIVEN.length)]!
				const g2 = rand() < 0.6 ? GIVEN[Math.floor(rand() * GIVEN.length)]! : ''
				name = s + g1 + g2
			} while (used.has(name))
			used.add(name)
			const year = 1968 + Math.floor(rand() * 36)
			const hireYear = 2008 + Math.floor(rand() * 18)
			const type = slot.type ?? 'EMPLOYEE'
			out.push({
				name,
				mobile: `${mobilePrefix}${String(n++).padStart(4, '0')}`,
				idCard: rand() < 0.85 ? idCard(rand, regionCode, year) : null,
				employmentType: type,
				contractor: slot.contractor ?? null,
				department: slot.department,
				post: slot.post,
				hireDate: `${hireYear}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
				dutyStatus: rand() < 0.03 ? 'LEFT' : 'ON_POST',
				roles: ['WORKER'],
				demoLogin: false,
			})
		}
	}
	return out
}

function named(p: Partial<DemoPerson> & Pick<DemoPerson, 'name' | 'mobile' | 'department' | 'post' | 'roles'>): DemoPerson {
	return {
		idCard: null,
		employmentType: 'EMPLOYEE',
		contractor: null,
		hireDate: '2015-03-01',
		dutyStatus: 'ON_POST',
		demoLogin: true,
		...p,
	}
}

export function buildDemo(): { regions: DemoRegion[]; bureau: DemoBureauUser[]; enterprises: DemoEnterprise[] } {
	const fine: DemoEnterprise = {
		key: 'jinan',
		name: '吕梁晋安精细化工有限公司',
		uscc: uscc('91141122MA0K8JXN1'),
		region: '141122-P1',
		category: 'CHEMICAL',
		majorHazardLevel: 2,
		keyProcesses: ['NITRATION', 'HYDROGENATION'],
		address: '山西省吕梁市交城县交城经济开发区化工园区纬三路 8 号',
		departments: ['综合办公室', '安全环保部', '生产技术部', '硝化车间', '加氢车间', '储运部', '设备部', '质检中心'],
		contractors: [
			{ name: '山西晋源化工设备安装有限公司', contactName: '郭振华', contactPhone: '0358-3221001' },
			{ name: '吕梁众诚劳务服务有限公司', contactName: '冯丽', contactPhone: '0358-3221002' },
		],
		areas: [
			{ name: '综合办公楼', kind: 'OFFICE', description: '厂区东侧，四层，含中控室外的管理部门' },
			{ name: '硝化车间', kind: 'PRODUCTION', description: '甲类车间，重点监管硝化工艺，DCS 与 SIS 联锁' },
			{ name: '加氢车间', kind: 'PRODUCTION', description: '甲类车间，重点监管加氢工艺' },
			{ name: '罐区及装卸站', kind: 'PRODUCTION', description: '二级重大危险源，硝酸、苯、甲苯储罐' },
			{ name: '职工宿舍楼', kind: 'LIVING', description: '厂区外西侧，倒班职工宿舍与食堂' },
		],
		people: [],
	}
	fine.people = makePeople(2026_1, '141122', '1390114', [
		named({ name: '高建国', mobile: '13900000011', department: '综合办公室', post: '总经理', roles: ['WORKER', 'PRINCIPAL'], idCard: withCheck('14112219700315351') }),
		named({ name: '韩立新', mobile: '13900000012', department: '安全环保部', post: '安全环保部部长', roles: ['WORKER', 'SAFETY_MANAGER'] }),
		named({ name: '刘海波', mobile: '13900000013', department: '硝化车间', post: '硝化工艺操作工', roles: ['WORKER'] }),
		named({ name: '张志强', mobile: '13900000014', department: '设备部', post: '检修工', roles: ['WORKER'], employmentType: 'CONTRACTOR', contractor: '山西晋源化工设备安装有限公司' }),
	], [
		{ department: '综合办公室', post: '行政专员', count: 4 },
		{ department: '安全环保部', post: '注册安全工程师', count: 3 },
		{ department: '生产技术部', post: '工艺工程师', count: 4 },
		{ department: '硝化车间', post: '硝化工艺操作工', count: 20 },
		{ department: '硝化车间', post: '班长', count: 4 },
		{ department: '加氢车间', post: '加氢工艺操作工', count: 12 },
		{ department: '加氢车间', post: '班长', count: 3 },
		{ department: '储运部', post: '罐区操作工', count: 11 },
		{ department: '储运部', post: '装卸工', count: 5, type: 'DISPATCHED' },
		{ department: '设备部', post: '仪表工', count: 5 },
		{ department: '设备部', post: '电工', count: 3 },
		{ department: '设备部', post: '检修工', count: 8, type: 'CONTRACTOR', contractor: '山西晋源化工设备安装有限公司' },
		{ department: '质检中心', post: '分析工', count: 4 },
		{ department: '储运部', post: '保洁及杂务', count: 3, type: 'FLEXIBLE' },
		{ department: '综合办公室', post: '门卫', count: 2, type: 'OUTSOURCED', contractor: '吕梁众诚劳务服务有限公司' },
	])

	const depot: DemoEnterprise = {
		key: 'depot',
		name: '吕梁石化储运有限公司孝义油库',
		uscc: uscc('91141181MA0H2T6R5'),
		region: '141181',
		category: 'OIL_DEPOT',
		majorHazardLevel: 3,
		keyProcesses: [],
		address: '山西省吕梁市孝义市梧桐镇油库路 1 号',
		departments: ['库办公室', '安全科', '储运班', '计量化验班', '设备维修班'],
		contractors: [{ name: '孝义市安达消防技术服务有限公司', contactName: '程伟', contactPhone: '0358-7601003' }],
		areas: [
			{ name: '库区办公楼', kind: 'OFFICE', description: '含消防控制室' },
			{ name: '储罐区', kind: 'PRODUCTION', description: '汽油、柴油内浮顶罐 8 座' },
			{ name: '铁路及公路装卸区', kind: 'PRODUCTION', description: '鹤管 12 个，油气回收装置' },
			{ name: '值班宿舍', kind: 'LIVING', description: '倒班人员宿舍' },
		],
		people: [],
	}
	depot.people = makePeople(2026_2, '141181', '1390118', [
		named({ name: '任晓东', mobile: '13900000020', department: '库办公室', post: '库主任', roles: ['WORKER', 'PRINCIPAL'] }),
		named({ name: '崔玉萍', mobile: '13900000021', department: '安全科', post: '安全员', roles: ['WORKER', 'SAFETY_MANAGER'] }),
		named({ name: '武鹏飞', mobile: '13900000022', department: '储运班', post: '油品储运工', roles: ['WORKER'] }),
	], [
		{ department: '库办公室', post: '文员', count: 3 },
		{ department: '安全科', post: '消防员', count: 4, type: 'CONTRACTOR', contractor: '孝义市安达消防技术服务有限公司' },
		{ department: '储运班', post: '油品储运工', count: 14 },
		{ department: '储运班', post: '装卸工', count: 6, type: 'DISPATCHED' },
		{ department: '计量化验班', post: '计量工', count: 4 },
		{ department: '设备维修班', post: '维修电工', count: 4 },
	])

	const station: DemoEnterprise = {
		key: 'station',
		name: '离石区城北加油加气站',
		uscc: uscc('91141102MA0L5PQ2X'),
		region: '141102',
		category: 'GAS_STATION',
		majorHazardLevel: null,
		keyProcesses: [],
		address: '山西省吕梁市离石区北川河西路 66 号',
		departments: ['站务', '加油加气班'],
		contractors: [],
		areas: [
			{ name: '站房', kind: 'OFFICE', description: '营业室、站长室' },
			{ name: '加油加气作业区', kind: 'PRODUCTION', description: '加油机 6 台、CNG 加气机 4 台、埋地油罐区' },
			{ name: '员工休息室', kind: 'LIVING', description: '站房二层' },
		],
		people: [],
	}
	station.people = makePeople(2026_3, '141102', '1390110', [
		named({ name: '贺文博', mobile: '13900000030', department: '站务', post: '站长', roles: ['WORKER', 'PRINCIPAL'] }),
		named({ name: '常艳', mobile: '13900000031', department: '站务', post: '安全员', roles: ['WORKER', 'SAFETY_MANAGER'] }),
	], [
		{ department: '加油加气班', post: '加油员', count: 9 },
		{ department: '加油加气班', post: '加气员', count: 4 },
		{ department: '加油加气班', post: '夜班加油员', count: 2, type: 'FLEXIBLE' },
	])

	return { regions: REGIONS, bureau: BUREAU_USERS, enterprises: [fine, depot, station] }
}

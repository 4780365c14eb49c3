/**
 * The lists behind the dashboard figures: how their query strings are read (junk falls back to a
 * default, never an error page). For loaders only: the schemas are zod, which must not ship to
 * the browser; what a page itself needs (PEOPLE_FIGURES) is in ./figures.ts.
 */
import { z } from 'zod'
import { ENTERPRISE_SORTS, PEOPLE_FIGURES, VIOLATION_KINDS } from './figures.ts'

export const PEOPLE_GROUPS = ['staff', 'contractors'] as const
export const PEOPLE_PAGE_SIZE = 50

export const PeopleListSchema = z.object({
	figure: z.enum(PEOPLE_FIGURES).catch('overdue'),
	group: z.enum(PEOPLE_GROUPS).optional().catch(undefined),
	type: z.enum(VIOLATION_KINDS).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(10000).optional().catch(undefined),
})
export type PeopleListQuery = z.infer<typeof PeopleListSchema>

export type PeopleRow = {
	personId: string
	name: string
	employmentType: string
	department: string | null
	post: string
	dutyStatus: string
	/** Per figure: overdue assignments; hours done; the case state, credential type… */
	count: number | null
	hours: number | null
	requiredHours: number | null
	score: number | null
	date: string | null
	code: string | null
}

export const ENTERPRISE_PAGE_SIZE = 50

export const EnterpriseListSchema = z.object({
	region: z.string().trim().max(40).optional().catch(undefined),
	sort: z.enum(ENTERPRISE_SORTS).catch('risk'),
	page: z.coerce.number().int().min(1).max(1000).optional().catch(undefined),
})

export type EnterpriseListQuery = z.infer<typeof EnterpriseListSchema>

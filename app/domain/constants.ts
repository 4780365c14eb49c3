/** Enumerations shared by server and browser code (SQLite keeps them as strings). */
export const EMPLOYMENT_TYPES = ['EMPLOYEE', 'CONTRACTOR', 'DISPATCHED', 'FLEXIBLE', 'OUTSOURCED'] as const
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number]
/** Employment types whose people belong to a contractor company. */
export const CONTRACTOR_TYPES: readonly EmploymentType[] = ['CONTRACTOR', 'OUTSOURCED']

export const DUTY_STATUSES = ['ON_POST', 'SUSPENDED', 'LEFT'] as const
export type DutyStatus = (typeof DUTY_STATUSES)[number]

export const AREA_KINDS = ['OFFICE', 'PRODUCTION', 'LIVING'] as const
export type AreaKind = (typeof AREA_KINDS)[number]

export const ENTERPRISE_CATEGORIES = ['PRODUCTION', 'STORAGE_TRADING', 'CHEMICAL', 'PHARMACEUTICAL', 'OIL_GAS_EXTRACTION', 'OIL_DEPOT', 'GAS_STATION'] as const
export type EnterpriseCategory = (typeof ENTERPRISE_CATEGORIES)[number]

// Learning (issue 3)
export const ASSIGNMENT_REASONS = ['ONBOARDING', 'ANNUAL', 'SPECIAL', 'RETRAINING'] as const
export type AssignmentReason = (typeof ASSIGNMENT_REASONS)[number]
export const ASSIGNMENT_STATUSES = ['ASSIGNED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'] as const
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number]

/**
 * Staff roles of ARCHITECTURE.md §3. Which roles may meet on one account in
 * one tenant is decided in `separation_of_duties.ts` (管办分离, 三端分离).
 */
export const STAFF_ROLES = [
  'city_admin',
  'center_admin',
  'center_operator',
  'supervisor',
  'auditor',
  'expert_admin',
  'expert_drawer',
] as const

export type StaffRole = (typeof STAFF_ROLES)[number]

export const CENTER_ROLES: readonly StaffRole[] = ['center_admin', 'center_operator']

/** Roles that read the whole city when held at the city tenant */
export const CITY_WIDE_ROLES: readonly StaffRole[] = ['city_admin', 'auditor', 'supervisor']

/** Roles held only at the city tenant */
export const CITY_ONLY_ROLES: readonly StaffRole[] = ['city_admin']

/**
 * The supervising departments (行业主管部门), stored as short codes:
 * 发改 fgw, 财政 czj, 住建 zjw, 交通 jtj, 水利 slj, 规划自然资源 ghzrzy, 国资 gzw.
 */
export const SUPERVISOR_DEPARTMENTS = [
  'fgw',
  'czj',
  'zjw',
  'jtj',
  'slj',
  'ghzrzy',
  'gzw',
  'other',
] as const

export type SupervisorDepartment = (typeof SUPERVISOR_DEPARTMENTS)[number]

/** The trade categories of the platform; a supervisor oversees one or more */
export const TRADE_CATEGORIES = [
  'construction',
  'government_procurement',
  'land',
  'mining',
  'state_property',
] as const

export type TradeCategory = (typeof TRADE_CATEGORIES)[number]

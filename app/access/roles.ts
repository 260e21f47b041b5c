/**
 * Staff roles of ARCHITECTURE.md §3. Centre roles and the supervisor role
 * may never meet on one account in one tenant (管办分离).
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

import db from '@adonisjs/lucid/services/db'
import { errors } from '@adonisjs/lucid'
import StaffMembership from '#identity/models/staff_membership'
import type { StaffRole } from '#access/roles'

/**
 * Read paths of staff administration. staff_memberships is a global table
 * (no RLS), so every query names its tenant explicitly.
 */
export interface AccountStaffSubject {
  id: number
  /** Distinct tenants the account holds memberships in */
  staffTenantIds: number[]
  cityAdmin: boolean
}

export interface StaffRow {
  id: number
  role: StaffRole
  department: string | null
  categories: string[]
  createdAt: Date
  account: AccountStaffSubject & {
    displayName: string
    email: string | null
    mobile: string | null
    status: 'active' | 'disabled'
    disabledAt: Date | null
  }
}

/** What the ability needs to judge disabling an account, per account id */
const ACCOUNT_SUBJECT_SQL = `
  array(select distinct o.tenant_id from staff_memberships o where o.account_id = a.id
        order by o.tenant_id) as staff_tenant_ids,
  exists(select 1 from staff_memberships o where o.account_id = a.id and o.role = 'city_admin')
    as city_admin`

function accountSubject(row: any): AccountStaffSubject {
  return {
    id: Number(row.account_id),
    staffTenantIds: (row.staff_tenant_ids as Array<string | number>).map(Number),
    cityAdmin: row.city_admin,
  }
}

async function staffRows(tenantId: number, membershipId?: number): Promise<StaffRow[]> {
  const { rows } = await db.rawQuery(
    `select m.id, m.role, m.department, m.categories, m.created_at,
            a.id as account_id, a.display_name, a.email, a.mobile, a.status, a.disabled_at,
            ${ACCOUNT_SUBJECT_SQL}
       from staff_memberships m
       join accounts a on a.id = m.account_id
      where m.tenant_id = ? ${membershipId === undefined ? '' : 'and m.id = ?'}
      order by a.display_name, a.id, m.role`,
    membershipId === undefined ? [tenantId] : [tenantId, membershipId]
  )
  return rows.map((row: any) => ({
    id: Number(row.id),
    role: row.role,
    department: row.department,
    categories: row.categories,
    createdAt: row.created_at,
    account: {
      ...accountSubject(row),
      displayName: row.display_name,
      email: row.email,
      mobile: row.mobile,
      status: row.status,
      disabledAt: row.disabled_at,
    },
  }))
}

export function staffOfTenant(tenantId: number) {
  return staffRows(tenantId)
}

export async function staffRowOf(tenantId: number, membershipId: number) {
  const [row] = await staffRows(tenantId, membershipId)
  return row
}

/** The subject of a disable/enable check; a missing account is a 404 */
export async function accountStaffSubject(accountId: number) {
  const { rows } = await db.rawQuery(
    `select a.id as account_id, ${ACCOUNT_SUBJECT_SQL} from accounts a where a.id = ?`,
    [accountId]
  )
  if (!rows.length) throw new errors.E_ROW_NOT_FOUND()
  return accountSubject(rows[0])
}

/** A membership of this tenant; another tenant's id is as absent as a missing one */
export function membershipOfTenant(tenantId: number, membershipId: number) {
  return StaffMembership.query()
    .where('tenant_id', tenantId)
    .where('id', membershipId)
    .firstOrFail()
}

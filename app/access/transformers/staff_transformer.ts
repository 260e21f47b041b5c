import type Account from '#identity/models/account'
import type StaffMembership from '#identity/models/staff_membership'
import type { StaffRow } from '#access/queries/staff'

/**
 * What of a membership reaches the staff page and the API. Roles, departments
 * and categories go out as codes; pages name them from ui_access.json. The
 * account's staffTenantIds and cityAdmin are the attributes the ability
 * judges disabling by, so the page can hide what the server would refuse.
 */
export const staffTransformer = {
  row(row: StaffRow) {
    return {
      id: row.id,
      role: row.role,
      department: row.department,
      categories: row.categories,
      createdAt: row.createdAt.toISOString(),
      account: {
        id: row.account.id,
        displayName: row.account.displayName,
        email: row.account.email,
        mobile: row.account.mobile,
        status: row.account.status,
        disabledAt: row.account.disabledAt?.toISOString() ?? null,
        staffTenantIds: row.account.staffTenantIds,
        cityAdmin: row.account.cityAdmin,
      },
    }
  },

  removed(membership: StaffMembership) {
    return { id: membership.id, accountId: membership.accountId, role: membership.role }
  },

  accountStatus(account: Account) {
    return {
      id: account.id,
      status: account.status,
      disabledAt: account.disabledAt?.toISO() ?? null,
    }
  },
}

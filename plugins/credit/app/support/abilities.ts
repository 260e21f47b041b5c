import type { AbilityContributor } from '#access/ability'
import { CENTER_ROLES } from '#access/roles'

/**
 * Supervisors (the departments, never the centre: 管办分离) record credit
 * records and penalties and keep their own tenant's negative-list rules;
 * city supervisors keep the city-wide ones. The centre and auditors read.
 * Subjects: CreditRecord, CreditRule { ownerTenantId }, CreditCheck.
 */
export const creditAbilities: AbilityContributor = ({ can }, input) => {
  if (input.tenantId === null) return
  const roles = input.tenantRoles
  const reads =
    roles.includes('supervisor') ||
    roles.includes('auditor') ||
    roles.some((role) => CENTER_ROLES.includes(role))
  if (reads) {
    can('read', ['CreditRecord', 'CreditRule'])
  }
  if (roles.includes('supervisor') || roles.includes('auditor')) {
    can('read', 'CreditCheck')
  }
  if (roles.includes('supervisor')) {
    can('create', 'CreditRecord')
    can(['create', 'update'], 'CreditRule', { ownerTenantId: input.tenantId })
  }
}

import { contributeAbilities } from '#access/ability'
import { CENTER_ROLES } from '#access/roles'

/**
 * The trading centre of the tenant manages a trade's documents and issues
 * amendments. Anyone acting for a market entity may read the published,
 * current version of a trade that is not suspended, and the amendments.
 * Subjects: TradeDocument { tenantId, status, current, tradeOpen },
 * TradeAmendment { tenantId }.
 */
contributeAbilities(({ can }, input) => {
  if (input.tenantId === null) return
  if (input.tenantRoles.some((role) => CENTER_ROLES.includes(role))) {
    can('manage', ['TradeDocument', 'TradeAmendment'], { tenantId: input.tenantId })
  }
  if (input.entityIds.length) {
    can('read', 'TradeDocument', { status: 'published', current: true, tradeOpen: true })
    can('read', 'TradeAmendment')
  }
})

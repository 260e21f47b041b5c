import type { AbilityContributor } from '#access/ability'
import { CENTER_ROLES } from '#access/roles'

/**
 * Who sees what of a draw (domain.md §5: names confidential until the
 * result is decided; 三端分离: supervision watches the sealed list).
 * Subjects:
 * - ExpertDrawStatus: the draw's status and counts, never names;
 * - ExpertDrawSealed { decided }: who was drawn. Supervision always; the
 *   drawer and the centre once the draw is decided;
 * - ExpertDrawWatch: supervision's live view of every draw and sealed list;
 * - ExpertSeat { accountId }: an invitation, answered only by the account
 *   linked to the drawn expert.
 * Creating a draw stays the core's `create ExpertDraw` (expert_drawer).
 */
export const drawAbilities: AbilityContributor = ({ can }, input) => {
  if (input.accountId === null) return
  can('update', 'ExpertSeat', { accountId: input.accountId })
  if (input.tenantId === null) return
  const roles = input.tenantRoles
  const drawsOrServes =
    roles.includes('expert_drawer') || roles.some((role) => CENTER_ROLES.includes(role))
  if (roles.includes('supervisor')) {
    can('read', ['ExpertDrawStatus', 'ExpertDrawSealed', 'ExpertDrawWatch'])
  }
  if (drawsOrServes) {
    can('read', 'ExpertDrawStatus')
    can('read', 'ExpertDrawSealed', { decided: true })
  }
}

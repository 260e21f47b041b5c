import type { AbilityContributor } from '#access/ability'
import { expertAccounts } from './expert_accounts.js'

/**
 * ExpertDuty: the expert's own pages (draw invitations, evaluations). Only
 * an account linked to an expert record has them, so only it sees their
 * menu entries.
 */
export const dutyAbilities: AbilityContributor = ({ can }, input) => {
  if (input.accountId !== null && expertAccounts.has(input.accountId)) can('read', 'ExpertDuty')
}

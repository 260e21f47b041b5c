import db from '@adonisjs/lucid/services/db'
import type { AbilityContributor, AccessFactLoader } from '#access/ability'

/** One indexed lookup per request (experts.account_id is unique) */
export const dutyFacts: AccessFactLoader = async (accountId) => ({
  expertAccount: Boolean(
    await db.from('experts').where('account_id', accountId).select('id').first()
  ),
})

/**
 * ExpertDuty: the expert's own pages (draw invitations, evaluations). Only
 * an account linked to an expert record has them, so only it sees their
 * menu entries.
 */
export const dutyAbilities: AbilityContributor = ({ can }, input) => {
  if (input.facts?.expertAccount) can('read', 'ExpertDuty')
}

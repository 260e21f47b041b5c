import db from '@adonisjs/lucid/services/db'
import type { AuditActor } from '#audit/audit_log'
import { RuleViolation } from '#core/rule_violation'
import { capability } from '#plugin_host/capabilities'
import type { CreditGateInput } from '#plugin_host/contracts/credit_gate'

/**
 * The market-ban check (domain.md §6) the trading core runs before it
 * accepts a market entity, through the `credit-gate` capability; without a
 * credit plugin installed there is nothing to check.
 *
 * A refusal is a 403: the request is well formed and nothing in it could be
 * corrected, the entity itself is barred from the act (422 is for input a
 * person can fix, 409 for a state of the trade that may change).
 */
export async function assertCreditAllows(
  entityId: number,
  input: Omit<CreditGateInput, 'subjectCode'>,
  actor: AuditActor
) {
  const gate = await capability('credit-gate')
  if (!gate) return
  const entity = await db.from('market_entities').where('id', entityId).select('code').first()
  if (!entity) throw new RuleViolation('entity', 'errors.not_found', {}, 404)
  const result = await gate.check({ ...input, subjectCode: entity.code }, actor)
  if (!result.allowed) throw new RuleViolation('entity', result.messageKey, result.values, 403)
}

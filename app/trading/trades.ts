import { RuleViolation } from '#core/rule_violation'
import Trade from '#trading/models/trade'

/**
 * A trade of the current tenant (RLS hides the others), optionally locked:
 * shared by actions that only need it unchanged (bidders, in parallel),
 * exclusive for those that change it.
 */
export async function findTrade(tradeId: number, lock: 'share' | 'update' | null = null) {
  const query = Trade.query().where('id', tradeId)
  if (lock === 'share') query.forShare()
  if (lock === 'update') query.forUpdate()
  const trade = await query.first()
  if (!trade) throw new RuleViolation('trade', 'trading.errors.trade_not_found', {}, 404)
  return trade
}

import db from '@adonisjs/lucid/services/db'
import { RuleViolation } from '#core/rule_violation'

export interface TradeParties {
  tradeId: number
  tenantId: number
  tendererUscc: string
  bidderUsccs: string[]
}

/**
 * Who the lot's avoidance rules are about: the tenderer is the entity of the
 * trade's project, the bidders are the entities of its bids that were not
 * withdrawn. Read in the request's tenant, so another tenant's trade is
 * simply not found.
 */
export async function tradeParties(tradeId: number): Promise<TradeParties> {
  const trade = await db
    .from('trades')
    .where('id', tradeId)
    .select('id', 'tenant_id', 'project_id')
    .first()
  if (!trade) throw new RuleViolation('tradeId', 'expert_pool.draws.errors.trade_not_found')
  if (trade.project_id === null) {
    throw new RuleViolation('tradeId', 'expert_pool.draws.errors.no_project')
  }
  const tenderer = await db
    .from('projects as p')
    .join('market_entities as e', 'e.id', 'p.entity_id')
    .where('p.id', trade.project_id)
    .select('e.code')
    .firstOrFail()
  const bidders = await db
    .from('bids as b')
    .join('market_entities as e', 'e.id', 'b.entity_id')
    .where('b.trade_id', tradeId)
    .whereNot('b.status', 'withdrawn')
    .distinct('e.code')
    .orderBy('e.code')
  return {
    tradeId,
    tenantId: Number(trade.tenant_id),
    tendererUscc: tenderer.code,
    bidderUsccs: bidders.map((row: { code: string }) => row.code),
  }
}

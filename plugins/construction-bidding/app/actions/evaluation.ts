import db from '@adonisjs/lucid/services/db'
import { RuleViolation } from '#core/rule_violation'
import { requireCapability } from '#plugin_host/capabilities'
import { type TradeActor, fireTransition } from '#trading/engine/procedure_engine'
import type { Candidate } from '#trading/engine/result_transitions'
import { MAX_CANDIDATES } from '../law.js'
import { tenderOf } from '../support/tenders.js'

/**
 * Evaluation by a committee of the expert pool, reached through the
 * `evaluation-committee` capability with the method and weights the tender
 * documents state (评标委员会和评标方法暂行规定 Arts. 29–37).
 */
export class StartEvaluation {
  constructor(private readonly actor: TradeActor) {}

  async handle(tradeId: number) {
    const trade = await fireTransition(tradeId, 'start_evaluation', this.actor)
    const tender = await tenderOf(tradeId)
    const committee = await requireCapability('evaluation-committee')
    await committee.openEvaluation(
      {
        tradeId,
        method: tender.evaluationMethod,
        compositionRule: 'construction',
        weights: tender.weights ?? undefined,
        candidateCount: MAX_CANDIDATES,
      },
      this.actor
    )
    return trade
  }
}

/**
 * The candidates of the committee's signed report, as the publicity names
 * them: rank, bidder and price (its evaluated price, else its read-out one).
 */
export async function reportedCandidates(tradeId: number): Promise<Candidate[]> {
  const committee = await requireCapability('evaluation-committee')
  const outcome = await committee.outcome(tradeId)
  if (!outcome) throw new RuleViolation('trade', 'construction_bidding.errors.report_unsigned')
  const ranked = outcome.candidates.slice(0, MAX_CANDIDATES)
  const rows = await db
    .from('bids')
    .join('market_entities', 'market_entities.id', 'bids.entity_id')
    .whereIn(
      'bids.id',
      ranked.map((c) => c.bidId)
    )
    .select('bids.id', 'bids.readout', 'market_entities.name', 'market_entities.code')
  const byBid = new Map(rows.map((row) => [Number(row.id), row]))
  return ranked.map((c) => {
    const row = byBid.get(c.bidId)!
    return {
      rank: c.rank,
      name: row.name,
      code: row.code,
      price: Number(c.evaluatedPrice ?? row.readout?.price),
    }
  })
}

export class PublishCandidates {
  constructor(private readonly actor: TradeActor) {}

  async handle(tradeId: number) {
    return fireTransition(tradeId, 'publish_candidates', this.actor, {
      candidates: await reportedCandidates(tradeId),
    })
  }
}

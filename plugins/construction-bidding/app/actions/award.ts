import { type TradeActor, fireTransition } from '#trading/engine/procedure_engine'
import { watchStep } from '../jobs/step_overdue.js'

export interface AwardInput {
  winnerCode: string
  droppedOut?: Array<{ code: string; reason: string }>
}

/**
 * The award (定标): the engine checks the rule of state funds and the credit
 * gate and publishes the result; the notice of award starts the 30 days of
 * the contract (法 Art. 46), watched by a timer that alerts the supervisor.
 */
export class Award {
  constructor(private readonly actor: TradeActor) {}

  async handle(tradeId: number, input: AwardInput) {
    const trade = await fireTransition(tradeId, 'award', this.actor, { ...input })
    await watchStep(trade.id, 'contract_overdue', new Date(trade.milestones.awarded))
    return trade
  }
}

import type { AuditActor } from '#audit/audit_log'
import { type TradeActor, fireTransition } from '#trading/engine/procedure_engine'
import { StartOpening } from '#trading/sealed_bids/bids'
import { MIN_BIDS } from '../law.js'
import { bidsReceived } from '../support/tenders.js'

/**
 * At the deadline (法 Art. 34): with fewer than 3 bids the tender fails
 * (流标, 条例 Art. 44) and nothing is opened; otherwise the core's opening
 * starts and the bidders decrypt in the opening hall.
 */
export class OpenBids {
  constructor(private readonly actor: TradeActor & AuditActor) {}

  async handle(tradeId: number) {
    if ((await bidsReceived(tradeId)) < MIN_BIDS) {
      return fireTransition(tradeId, 'declare_failed', this.actor)
    }
    const trade = await fireTransition(tradeId, 'open_bids', this.actor)
    await new StartOpening(this.actor).handle(tradeId)
    return trade
  }
}

import { IssueAmendment } from '#trading/documents/amendments'
import { type TradeActor, fireTransition } from '#trading/engine/procedure_engine'
import { findTrade } from '#trading/trades'
import { scheduleOpening } from './opening_timer.js'

export interface AmendmentInput {
  kind: 'clarification' | 'amendment'
  summary: string
  affectsBids: boolean
  moveDeadline: boolean
}

/**
 * A clarification or amendment: the procedure refuses a late change that
 * does not move the deadline; the core then records it and postpones the
 * deadline by what the 15-day rule requires.
 */
export class AmendDocuments {
  constructor(private readonly actor: TradeActor & { accountId: number }) {}

  async handle(tradeId: number, input: AmendmentInput) {
    await fireTransition(tradeId, 'amend_documents', this.actor, { ...input })
    const issued = await new IssueAmendment(this.actor).handle(tradeId, input)
    if (issued.moved) await scheduleOpening(await findTrade(tradeId))
    return issued
  }
}

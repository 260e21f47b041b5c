import { type TradeActor, fireTransition } from '#trading/engine/procedure_engine'
import { scheduleOpening } from './opening_timer.js'

/**
 * A step of the procedure with no side effect beyond the engine's own
 * (state, history, audit, announcement) but the opening timer the documents
 * set: notice, invitations, prequalification, documents, contract,
 * performance, close.
 */
export const PLAIN_STEPS = [
  'publish_notice',
  'send_invitations',
  'issue_prequal_documents',
  'publish_prequal_result',
  'fail_prequalification',
  'issue_documents',
  'sign_contract',
  'record_performance',
  'complete_performance',
] as const

export type PlainStep = (typeof PLAIN_STEPS)[number]

export class TakeStep {
  constructor(private readonly actor: TradeActor) {}

  async handle(tradeId: number, step: PlainStep, input: Record<string, unknown>) {
    const trade = await fireTransition(tradeId, step, this.actor, input)
    // The documents set the deadline the bids are opened at
    if (step === 'issue_documents') await scheduleOpening(trade)
    return trade
  }
}

import { type TradeActor, fireTransition } from '#trading/engine/procedure_engine'

/**
 * A step of the procedure that has no side effect beyond the engine's own
 * (state, history, audit, announcement): notice, invitations,
 * prequalification, documents, contract, performance, close.
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

  handle(tradeId: number, step: PlainStep, input: Record<string, unknown>) {
    return fireTransition(tradeId, step, this.actor, input)
  }
}

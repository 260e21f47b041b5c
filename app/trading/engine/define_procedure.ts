import type { LegalPeriod } from '#trading/periods/legal_period'
import type Trade from '#trading/models/trade'
import type { AnnouncementDraft } from '#disclosure/actions/publish_announcement'

/**
 * A trade category's procedure as a state machine (ARCHITECTURE.md §6):
 * states, transitions, the role allowed on each, guards, and the legal
 * periods each transition must respect.
 */
export type TradeRole = 'tenderer' | 'bidder' | 'operator' | 'committee' | 'supervisor' | 'system'

export interface RuleRefusal {
  /** i18n key of the reason */
  messageKey: string
  values?: Record<string, unknown>
}

export interface TransitionContext<Input> {
  trade: Trade
  input: Input
  /** The platform time of this transition (database clock) */
  now: Date
}

export interface PeriodRule<Input> {
  period: LegalPeriod
  /**
   * The milestone the period counts from, or the instant it counts from when
   * that is no stored milestone (the transition's own moment, a proposed date)
   */
  from: string | ((context: TransitionContext<Input>) => Date)
  /** The instant that must not come before the period's end (default: now) */
  until?: (context: TransitionContext<Input>) => Date
}

export interface TransitionDefinition<Input = Record<string, unknown>> {
  from: string[]
  to: string
  actors: TradeRole[]
  guards?: Array<
    (context: TransitionContext<Input>) => RuleRefusal | null | Promise<RuleRefusal | null>
  >
  periods?: Array<PeriodRule<Input>>
  /** Milestones this transition records (name → instant); periods later count from them */
  milestones?: (context: TransitionContext<Input>) => Record<string, Date>
  /**
   * The announcement the law makes public on this transition, published in
   * its transaction; the trade and its category are filled in by the engine.
   */
  publishes?: (context: TransitionContext<Input>) => PublishedDraft | Promise<PublishedDraft>
}

export type PublishedDraft = Omit<AnnouncementDraft, 'tradeId' | 'category'>

export interface ProcedureDefinition {
  id: string
  category: string
  name: { 'zh-CN': string; 'en': string }
  initial: string
  states: string[]
  transitions: Record<string, TransitionDefinition<any>>
  /**
   * Who may bid, checked when a bid is submitted: e.g. only the invitees of an
   * invited tender, only the qualified after a prequalification. Every
   * entity the credit gate allows when absent.
   */
  admitsBidder?: (trade: Trade, entity: { id: number; code: string }) => Promise<RuleRefusal | null>
}

export function defineProcedure<const P extends ProcedureDefinition>(procedure: P): P {
  for (const [event, transition] of Object.entries(procedure.transitions)) {
    for (const state of [...transition.from, transition.to]) {
      if (!procedure.states.includes(state)) {
        throw new Error(
          `Procedure "${procedure.id}": transition "${event}" names unknown state "${state}"`
        )
      }
    }
  }
  if (!procedure.states.includes(procedure.initial)) {
    throw new Error(`Procedure "${procedure.id}": unknown initial state "${procedure.initial}"`)
  }
  return procedure
}

const procedures = new Map<string, ProcedureDefinition>()

export function registerProcedure(procedure: ProcedureDefinition) {
  if (procedures.has(procedure.id) && procedures.get(procedure.id) !== procedure) {
    throw new Error(`Procedure "${procedure.id}" is registered twice`)
  }
  procedures.set(procedure.id, procedure)
}

export function findProcedure(id: string) {
  return procedures.get(id)
}

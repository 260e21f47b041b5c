import type { AuditActor } from '#audit/audit_log'

/**
 * The `evaluation-committee` capability (ARCHITECTURE.md §5): what a trade
 * plugin needs from the expert pool, without importing it. The trade plugin
 * opens the evaluation of a trade once its bids are opened, with the method
 * and weights of its tender documents; the pool forms the committee from its
 * draw, lets the experts score the opened bids and sign the report, and
 * hands back the signed outcome. All calls run in the current tenant
 * transaction.
 */
export type EvaluationMethod = 'lowest_evaluated_price' | 'comprehensive_scoring'

/**
 * Composition rules of the law: construction (招标投标法 Art. 37: at least
 * 5, odd, experts at least two thirds); government procurement by method
 * (政府采购法实施条例 Art. 39, 财政部令第87号 Art. 47: 3+ odd, 5+ above the
 * threshold or for open tenders of large amounts).
 */
export type CompositionRule =
  | 'construction'
  | 'gp_open_tender'
  | 'gp_negotiation'
  | 'gp_competitive_consultation'
  | 'gp_inquiry'

export interface ScoringWeights {
  /** Percentages that add up to 100 */
  price: number
  technical: number
  commercial: number
}

export interface OpenEvaluationInput {
  tradeId: number
  method: EvaluationMethod
  compositionRule: CompositionRule
  /** Required for comprehensive scoring */
  weights?: ScoringWeights
  /** How many ranked candidates the report names (construction: up to 3) */
  candidateCount: number
}

export interface RankedBid {
  bidId: number
  entityId: number
  rank: number
  /** Comprehensive scoring: the committee's mean total, 0–100, two decimals */
  score: string | null
  /** The evaluated price, yuan, two decimals */
  evaluatedPrice: string | null
}

export interface RejectedBid {
  bidId: number
  entityId: number
  /** A code of the legal list (评标委员会和评标方法暂行规定 Art. 20–25) */
  reasonCode: string
  reason: string
}

export interface EvaluationOutcome {
  tradeId: number
  method: EvaluationMethod
  /** Ranked valid bids, best first, at most candidateCount */
  candidates: RankedBid[]
  rejected: RejectedBid[]
  /** ISO instant the last member signed the report */
  signedAt: string
  /** Expert ids of the members whose signatures the report carries */
  signedBy: number[]
}

export interface EvaluationCommitteeCapability {
  /** Starts the evaluation of a trade; refuses (RuleViolation) a second opening */
  openEvaluation(input: OpenEvaluationInput, actor: AuditActor): Promise<void>
  /** The signed outcome, or null while the committee is still at work */
  outcome(tradeId: number): Promise<EvaluationOutcome | null>
  /**
   * Checks a committee against a composition rule: the i18n key of the
   * first broken rule, or null. Trade plugins use it as a transition guard.
   */
  compositionProblem(
    rule: CompositionRule,
    members: { experts: number; tendererRepresentatives: number }
  ): string | null
}

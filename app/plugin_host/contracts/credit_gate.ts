import type { AuditActor } from '#audit/audit_log'

/**
 * The `credit-gate` capability: the market ban check (domain.md §6) that
 * project registration, bid submission and award call before they accept a
 * market entity. The provider stores each check with its result snapshot
 * and audits it: an allowed check in the current tenant transaction (it
 * commits with the act), a refusal in a transaction of its own once the
 * caller's has ended, so it stays on record when the caller rolls back.
 */
export type CreditGateStage = 'project_registration' | 'bid_submission' | 'award'

/** The role the entity acts in; by default the stage's (tenderer at registration, else bidder) */
export type CreditGateRole = 'tenderer' | 'bidder' | 'agency'

export interface CreditGateInput {
  /** 统一社会信用代码 or ID number of the entity checked */
  subjectCode: string
  stage: CreditGateStage
  role?: CreditGateRole
  /** Trade category of the trade or project (construction, government_procurement …) */
  category: string
  /** Division code (6 digits) of the tenant the act happens in */
  regionCode: string
  tradeId?: number
  projectId?: number
}

export interface CreditGateRefusal {
  allowed: false
  checkId: number
  /** i18n key of the refusal, from the provider's lang files */
  messageKey: string
  /** Values the message names: the record and its end date at least */
  values: Record<string, string>
}

export type CreditGateResult = { allowed: true; checkId: number } | CreditGateRefusal

export interface CreditGateCapability {
  check(input: CreditGateInput, actor: AuditActor): Promise<CreditGateResult>
}

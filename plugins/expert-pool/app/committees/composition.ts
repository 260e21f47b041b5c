import type { CompositionRule } from '#plugin_host/contracts/evaluation_committee'

export const COMPOSITION_RULES: readonly CompositionRule[] = [
  'construction',
  'gp_open_tender',
  'gp_negotiation',
  'gp_competitive_consultation',
  'gp_inquiry',
]

/**
 * The smallest committee each rule allows (domain.md §1.1, §1.2):
 * construction 招标投标法 Art. 37 and GP public tender 87号令 Art. 47 (5+);
 * 竞争性谈判 and 询价 采购法 Arts. 38, 40, and 竞争性磋商 (3+). Every rule
 * wants an odd number and experts at least two thirds. The GP bars that
 * depend on the amount (7+ from ¥10 million, 5+ for negotiations above the
 * tender threshold) need the budget, which the contract does not carry: the
 * trade plugin applies them through a larger committee.
 */
const MINIMUM: Record<CompositionRule, number> = {
  construction: 5,
  gp_open_tender: 5,
  gp_negotiation: 3,
  gp_competitive_consultation: 3,
  gp_inquiry: 3,
}

export interface CommitteeCounts {
  experts: number
  tendererRepresentatives: number
}

/** The i18n key of the first rule the committee breaks, or null */
export function compositionProblem(rule: CompositionRule, members: CommitteeCounts) {
  const total = members.experts + members.tendererRepresentatives
  if (total < MINIMUM[rule]) {
    return MINIMUM[rule] === 5
      ? 'expert_committee.composition.at_least_five'
      : 'expert_committee.composition.at_least_three'
  }
  if (total % 2 === 0) return 'expert_committee.composition.odd'
  if (members.experts * 3 < total * 2) return 'expert_committee.composition.experts_two_thirds'
  return null
}

/** 87号令 Art. 45: the purchaser's representative may not chair a GP committee */
export function representativeMayChair(rule: CompositionRule) {
  return rule === 'construction'
}

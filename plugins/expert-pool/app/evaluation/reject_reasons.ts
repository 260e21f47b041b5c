/**
 * The legal grounds on which the committee rejects a bid (否决投标): 招标投标法
 * 实施条例 Art. 51 and 评标委员会和评标方法暂行规定 Arts. 20–25. The order is
 * the order of the articles; it also breaks ties between the reasons members
 * give. Texts are in the lang files (`expert_committee.reject_reasons.<code>`).
 */
export const REJECT_REASONS = [
  // 条例 Art. 51(1)
  'no_seal_or_signature',
  // 条例 Art. 51(2)
  'consortium_without_agreement',
  // 条例 Art. 51(3)
  'fails_qualification',
  // 条例 Art. 51(4)
  'multiple_offers',
  // 条例 Art. 51(5): above the ceiling price
  'above_ceiling',
  // 条例 Art. 51(5), 评标规定 Art. 21: below cost, unexplained abnormally low price
  'below_cost',
  // 条例 Art. 51(6), 评标规定 Arts. 23 and 25: no response to substantive requirements
  'non_responsive',
  // 条例 Art. 51(7), 评标规定 Art. 20: collusion, fraud, bribery
  'collusion_fraud_bribery',
  // 评标规定 Art. 22: refuses to clarify or correct when asked
  'refused_clarification',
] as const

export type RejectReason = (typeof REJECT_REASONS)[number]

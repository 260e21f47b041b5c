import type { DrawRequest, ExclusionReason, ExpertSnapshot } from './types.js'

/**
 * Each rule is a pure predicate: true means the expert must not sit on this
 * lot. They run in this order, and every rule that holds is reported, so the
 * published exclusions explain themselves and a rule cannot hide another.
 */
export const AVOIDANCE_RULES: ReadonlyArray<{
  reason: ExclusionReason
  applies: (expert: ExpertSnapshot, request: DrawRequest) => boolean
}> = [
  {
    reason: 'employer_is_tenderer',
    applies: (expert, { lot }) => expert.employerUscc === lot.tendererUscc,
  },
  {
    reason: 'employer_is_bidder',
    applies: (expert, { lot }) => lot.bidderUsccs.includes(expert.employerUscc),
  },
  {
    reason: 'relative_at_party',
    applies: (expert, { lot }) => relatedTo(expert, 'relative_employer', lot),
  },
  {
    reason: 'shareholding_in_party',
    applies: (expert, { lot }) => relatedTo(expert, 'shareholding', lot),
  },
  {
    reason: 'supervising_staff',
    applies: (expert, { lot }) => lot.supervisorKeys.includes(expert.personKey),
  },
  {
    // N is a ceiling on the total, so an expert already at N is out.
    reason: 'tenderer_quota',
    applies: (expert, request) =>
      (expert.recentDraws[request.lot.tendererUscc] ?? 0) >= request.maxDrawsPerTenderer,
  },
  {
    reason: 'suspended',
    applies: (expert, request) => inForce(expert, 'suspended', request.drawDate),
  },
  {
    reason: 'blacklisted',
    applies: (expert, request) => inForce(expert, 'blacklisted', request.drawDate),
  },
  {
    reason: 'retired',
    applies: (expert) => expert.status === 'retired',
  },
  {
    reason: 'busy',
    applies: (expert, request) => expert.busyDates.includes(request.drawDate),
  },
  {
    reason: 'excluded',
    applies: (expert, request) => request.excludedIds.includes(expert.id),
  },
  {
    reason: 'region',
    applies: (expert, { regions }) =>
      regions !== 'any' && !expert.regions.some((region) => regions.includes(region)),
  },
]

function relatedTo(
  expert: ExpertSnapshot,
  kind: ExpertSnapshot['relations'][number]['kind'],
  lot: DrawRequest['lot']
): boolean {
  return expert.relations.some(
    (relation) =>
      relation.kind === kind &&
      (relation.uscc === lot.tendererUscc || lot.bidderUsccs.includes(relation.uscc))
  )
}

/** A period ending on the draw date has ended: `statusUntil` is the first free day. */
function inForce(expert: ExpertSnapshot, status: 'suspended' | 'blacklisted', drawDate: string) {
  return expert.status === status && (expert.statusUntil === null || expert.statusUntil > drawDate)
}

export function avoidanceReasons(expert: ExpertSnapshot, request: DrawRequest): ExclusionReason[] {
  const reasons: ExclusionReason[] = []
  for (const rule of AVOIDANCE_RULES) {
    if (rule.applies(expert, request)) reasons.push(rule.reason)
  }
  return reasons
}

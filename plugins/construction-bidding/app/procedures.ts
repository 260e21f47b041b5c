import db from '@adonisjs/lucid/services/db'
import { SYSTEM_ACTOR } from '#audit/audit_log'
import { capability, requireCapability } from '#plugin_host/capabilities'
import { defineProcedure, type TransitionDefinition } from '#trading/engine/define_procedure'
import {
  type Candidate,
  publishedCandidates,
  resultTransitions,
} from '#trading/engine/result_transitions'
import { AMENDMENT_TO_DEADLINE, chinaTime } from '#trading/documents/amendments'
import type Trade from '#trading/models/trade'
import {
  CONTRACT_DUE_DAYS,
  DAY_MS,
  MAX_CANDIDATES,
  MIN_BIDS,
  MIN_INVITEES,
  PERIODS,
  STATE_FUND_SOURCES,
  periodRefusal,
  refusal,
} from './law.js'
import {
  type ObjectionStage,
  bidsReceived,
  hasPrequalification,
  openObjections,
  projectOf,
  tenderOf,
  wholeDaysBetween,
} from './support/tenders.js'

/**
 * 工程建设项目招标投标 (domain.md §1.1) as state machines on the trading
 * core: public tender (公开招标) and invited tender (邀请招标), either with
 * optional prequalification (资格预审). Each transition names who may take
 * it, the guards the law sets and what it publishes; the actions around them
 * only gather input and run side effects (bids opening, committee, timers).
 */
const CATEGORY = 'construction'

const at = (milestones: Record<string, string>, name: string) =>
  milestones[name] ? new Date(milestones[name]) : null

const isInstant = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value))

/* ── the first steps: a public notice, or invitations ───────────────────── */

const publishNotice: TransitionDefinition = {
  from: ['draft'],
  to: 'notice_published',
  actors: ['tenderer'],
  milestones: ({ now }) => ({ notice_published: now }),
  // Same content in every medium (条例 Art. 15): the portal announcement is the notice
  publishes: async ({ trade }) => {
    const tender = await tenderOf(trade.id)
    const prequal = tender.prequalification
    return {
      kind: 'trade_notice',
      projectId: tender.projectId,
      title: `${trade.title} ${prequal ? '资格预审公告' : '招标公告'}`,
      body: [
        `招标项目编号：${tender.tenderCode}`,
        `标段：${tender.sectionName}（${tender.sectionCode}）`,
        `招标内容：${tender.content}`,
        `招标方式：公开招标${prequal ? '（资格预审）' : '（资格后审）'}`,
        `投标保证金：${tender.deposit} 元`,
        '除在本平台注册外，获取招标文件不设报名等前置条件（《电子招标投标办法》第二十条）。',
      ].join('\n'),
    }
  },
}

const sendInvitations: TransitionDefinition = {
  from: ['draft'],
  to: 'notice_published',
  actors: ['tenderer'],
  guards: [
    async ({ trade }) => {
      const tender = await tenderOf(trade.id)
      return new Set(tender.inviteeCodes).size >= MIN_INVITEES
        ? null
        : refusal('construction_bidding.errors.invitees', { min: MIN_INVITEES })
    },
  ],
  milestones: ({ now }) => ({ notice_published: now }),
}

/* ── prequalification (资格预审, 条例 Arts. 16–19) ───────────────────────── */

const issuePrequalDocuments: TransitionDefinition<{
  saleEndsAt: string
  applicationsDueAt: string
}> = {
  from: ['notice_published'],
  to: 'prequal_documents_issued',
  actors: ['tenderer'],
  guards: [
    async ({ trade }) =>
      (await hasPrequalification(trade.id))
        ? null
        : refusal('construction_bidding.errors.no_prequalification'),
    ({ input }) =>
      isInstant(input.saleEndsAt) && isInstant(input.applicationsDueAt)
        ? null
        : refusal('construction_bidding.errors.instants'),
  ],
  periods: [
    {
      period: PERIODS.documentSale,
      from: ({ now }) => now,
      until: ({ input }) => new Date(input.saleEndsAt),
    },
    {
      period: PERIODS.prequalApplications,
      from: ({ input }) => new Date(input.saleEndsAt),
      until: ({ input }) => new Date(input.applicationsDueAt),
    },
  ],
  milestones: ({ now, input }) => ({
    prequal_issued: now,
    prequal_sale_ends: new Date(input.saleEndsAt),
    prequal_applications_due: new Date(input.applicationsDueAt),
  }),
}

const applicationsClosed = ({ trade, now }: { trade: any; now: Date }) => {
  const due = at(trade.milestones, 'prequal_applications_due')!
  return now >= due
    ? null
    : refusal('construction_bidding.errors.applications_open', { due: chinaTime(due) })
}

const publishPrequalResult: TransitionDefinition<{ qualifiedCodes: string[] }> = {
  from: ['prequal_documents_issued'],
  to: 'prequalified',
  actors: ['tenderer'],
  guards: [
    applicationsClosed,
    // Fewer than 3 qualified applicants: tender again (条例 Art. 19)
    ({ input }) =>
      Array.isArray(input.qualifiedCodes) && new Set(input.qualifiedCodes).size >= MIN_BIDS
        ? null
        : refusal('construction_bidding.errors.too_few_qualified', { min: MIN_BIDS }),
  ],
  milestones: ({ now }) => ({ prequal_result: now }),
  publishes: ({ trade, input }) => ({
    kind: 'qualification',
    title: `${trade.title} 资格预审结果`,
    body: `通过资格预审的申请人共 ${new Set(input.qualifiedCodes).size} 家，已向其发出投标邀请书。`,
  }),
}

const failPrequal: TransitionDefinition<{ reason: string }> = {
  from: ['prequal_documents_issued'],
  to: 'failed',
  actors: ['tenderer'],
  guards: [applicationsClosed],
  milestones: ({ now }) => ({ failed: now }),
  publishes: ({ trade }) => ({
    kind: 'qualification',
    title: `${trade.title} 资格预审结果（重新招标）`,
    body: '通过资格预审的申请人少于3个，依法重新招标（《招标投标法实施条例》第十九条）。',
  }),
}

/* ── tender documents, amendments and objections ────────────────────────── */

const issueDocuments: TransitionDefinition<{ saleEndsAt: string; bidDeadline: string }> = {
  from: ['notice_published', 'prequalified'],
  to: 'documents_issued',
  actors: ['tenderer'],
  guards: [
    async ({ trade }) =>
      (await hasPrequalification(trade.id)) && trade.state !== 'prequalified'
        ? refusal('construction_bidding.errors.prequalification_first')
        : null,
    ({ input }) =>
      isInstant(input.saleEndsAt) && isInstant(input.bidDeadline)
        ? null
        : refusal('construction_bidding.errors.instants'),
  ],
  periods: [
    {
      period: PERIODS.documentSale,
      from: ({ now }) => now,
      until: ({ input }) => new Date(input.saleEndsAt),
    },
    {
      period: PERIODS.documentsToDeadline,
      from: ({ now }) => now,
      until: ({ input }) => new Date(input.bidDeadline),
    },
  ],
  milestones: ({ now, input }) => ({
    documents_issued: now,
    sale_ends: new Date(input.saleEndsAt),
    bid_deadline: new Date(input.bidDeadline),
  }),
}

/**
 * A change that may affect bids, issued less than 15 days before the
 * deadline, must move the deadline (条例 Art. 21): the tenderer says so, and
 * the core's amendment then postpones it by exactly what the rule requires.
 */
const amendDocuments: TransitionDefinition<{
  kind: 'clarification' | 'amendment'
  summary: string
  affectsBids: boolean
  moveDeadline: boolean
}> = {
  from: ['documents_issued'],
  to: 'documents_issued',
  actors: ['tenderer'],
  guards: [
    async ({ trade, input, now }) => {
      if (!input.affectsBids || input.moveDeadline) return null
      const late = await periodRefusal(
        AMENDMENT_TO_DEADLINE,
        now,
        at(trade.milestones, 'bid_deadline')!
      )
      return late ? refusal('construction_bidding.errors.amendment_late', late.values) : null
    },
  ],
  publishes: ({ trade, input }) => ({
    kind: 'change',
    title: `${trade.title} ${input.kind === 'clarification' ? '澄清公告' : '变更公告'}`,
    body: input.summary,
  }),
}

/**
 * Objections pause the procedure (条例 Arts. 22, 54): the trade waits in a
 * paused state until every objection is answered; the pause is added to the
 * period it interrupted, in whole days.
 */
function objectionTransitions(
  stage: ObjectionStage,
  states: { running: string; paused: string },
  /** When an objection may be filed */
  window: Pick<TransitionDefinition, 'guards' | 'periods'>,
  resumedMilestone: string
) {
  const file: TransitionDefinition<{ objectionId: number }> = {
    from: [states.running, states.paused],
    to: states.paused,
    actors: ['bidder'],
    ...window,
    milestones: ({ trade, now }) =>
      trade.state === states.running ? { [`${stage}_paused`]: now } : {},
  }
  const answer: TransitionDefinition<{ objectionId: number }> = {
    from: [states.paused],
    to: states.paused,
    actors: ['tenderer'],
    guards: [
      async ({ trade }) =>
        (await openObjections(trade.id, stage)) > 0
          ? null
          : refusal('construction_bidding.errors.objections_answered'),
    ],
  }
  const resume: TransitionDefinition<{ objectionId: number }> = {
    from: [states.paused],
    to: states.running,
    actors: ['tenderer'],
    guards: [
      async ({ trade }) =>
        (await openObjections(trade.id, stage)) === 0
          ? null
          : refusal('construction_bidding.errors.objections_open'),
    ],
    milestones: ({ trade, now }) => {
      const pausedDays = wholeDaysBetween(at(trade.milestones, `${stage}_paused`)!, now)
      const moved = at(trade.milestones, resumedMilestone)!
      return { [resumedMilestone]: new Date(moved.getTime() + pausedDays * DAY_MS) }
    },
    publishes: ({ trade, now }) => {
      const pausedDays = wholeDaysBetween(at(trade.milestones, `${stage}_paused`)!, now)
      const moved = new Date(
        at(trade.milestones, resumedMilestone)!.getTime() + pausedDays * DAY_MS
      )
      return {
        kind: 'change',
        title: `${trade.title} 异议答复后恢复${stage === 'documents' ? '招标' : '公示'}`,
        body:
          stage === 'documents'
            ? `异议已答复，招标投标活动恢复；因暂停 ${pausedDays} 日，投标截止时间顺延至 ${chinaTime(moved)}。`
            : `异议已答复，中标候选人公示恢复；因暂停 ${pausedDays} 日，公示期相应顺延。`,
      }
    },
  }
  return {
    [`file_${stage}_objection`]: file,
    [`answer_${stage}_objection`]: answer,
    [`resume_after_${stage}_objections`]: resume,
  }
}

const documentObjections = objectionTransitions(
  'documents',
  { running: 'documents_issued', paused: 'documents_objection' },
  {
    periods: [
      {
        period: PERIODS.objectionBeforeDeadline,
        from: ({ now }) => now,
        until: ({ trade }) => at(trade.milestones, 'bid_deadline')!,
      },
    ],
  },
  'bid_deadline'
)

const candidateObjections = objectionTransitions(
  'candidates',
  { running: 'publicity', paused: 'publicity_objection' },
  {
    guards: [
      // Objections to the result only during publicity (条例 Art. 54)
      ({ trade, now }) => {
        const ends = new Date(
          at(trade.milestones, 'candidates_published')!.getTime() +
            PERIODS.candidatePublicity.days * DAY_MS
        )
        return now < ends || trade.state === 'publicity_objection'
          ? null
          : refusal('construction_bidding.errors.publicity_over', { ends: chinaTime(ends) })
      },
    ],
  },
  'candidates_published'
)

/* ── opening (条例 Art. 44) ─────────────────────────────────────────────── */

const deadlineReached: NonNullable<TransitionDefinition['guards']>[number] = ({ trade, now }) => {
  const deadline = at(trade.milestones, 'bid_deadline')!
  return now >= deadline
    ? null
    : refusal('construction_bidding.errors.before_deadline', { deadline: chinaTime(deadline) })
}

const openBids: TransitionDefinition = {
  from: ['documents_issued'],
  to: 'opening',
  actors: ['operator', 'system'],
  guards: [
    deadlineReached,
    async ({ trade }) => {
      const received = await bidsReceived(trade.id)
      return received >= MIN_BIDS
        ? null
        : refusal('construction_bidding.errors.too_few_bids', { received, min: MIN_BIDS })
    },
  ],
  milestones: ({ now }) => ({ opened: now }),
}

const declareFailed: TransitionDefinition = {
  from: ['documents_issued'],
  to: 'failed',
  actors: ['operator', 'system'],
  guards: [
    deadlineReached,
    async ({ trade }) =>
      (await bidsReceived(trade.id)) < MIN_BIDS
        ? null
        : refusal('construction_bidding.errors.enough_bids', { min: MIN_BIDS }),
  ],
  milestones: ({ now }) => ({ failed: now }),
  publishes: async ({ trade }) => ({
    kind: 'change',
    title: `${trade.title} 流标公告`,
    body: `投标截止时投标人仅 ${await bidsReceived(trade.id)} 个，少于3个，不予开标，依法重新招标（《招标投标法实施条例》第四十四条）。`,
  }),
}

/* ── evaluation through the expert pool's committee (法 Art. 37) ─────────── */

const startEvaluation: TransitionDefinition = {
  from: ['opening'],
  to: 'evaluating',
  actors: ['operator'],
  guards: [
    ({ trade }) =>
      at(trade.milestones, 'opening_closed')
        ? null
        : refusal('construction_bidding.errors.opening_not_closed'),
  ],
  milestones: ({ now }) => ({ evaluation_started: now }),
}

const results = resultTransitions({
  states: {
    evaluated: 'evaluating',
    publicity: 'publicity',
    awarded: 'awarded',
    contracted: 'contracted',
    completed: 'closed',
  },
  publicity: PERIODS.candidatePublicity,
  contractDueDays: CONTRACT_DUE_DAYS,
})

/**
 * Candidates come only from the committee's signed report, formed as the
 * law requires (≥ 5 members, odd, experts ≥ 2/3), at most three, in its order.
 */
const publishCandidates: TransitionDefinition<{ candidates: Candidate[] }> = {
  ...results.publish_candidates,
  guards: [
    async ({ trade, input }) => {
      const committee = await requireCapability('evaluation-committee')
      const outcome = await committee.outcome(trade.id)
      if (!outcome) return refusal('construction_bidding.errors.report_unsigned')
      const tender = await tenderOf(trade.id)
      const problem = committee.compositionProblem('construction', {
        experts: outcome.signedBy.length,
        tendererRepresentatives: tender.tendererRepresentatives,
      })
      if (problem) return refusal(problem)
      const reported = outcome.candidates.slice(0, MAX_CANDIDATES).map((c) => c.rank)
      const given = (input.candidates ?? []).map((c) => c.rank)
      return given.length === reported.length && given.every((rank, i) => rank === reported[i])
        ? null
        : refusal('construction_bidding.errors.candidates_not_reported')
    },
    ...(results.publish_candidates.guards ?? []),
  ],
}

/**
 * Award (条例 Art. 55): for a project of state funds the first-ranked
 * candidate, unless each candidate ranked above the winner has dropped out;
 * where the credit module is installed, the winner must pass its gate.
 */
const award: TransitionDefinition<{
  winnerCode: string
  droppedOut?: Array<{ code: string; reason: string }>
}> = {
  ...results.award,
  guards: [
    ...(results.award.guards ?? []),
    async ({ trade, input }) => {
      const project = await projectOf(trade.projectId!)
      if (!STATE_FUND_SOURCES.includes(project.fund_source)) return null
      const candidates = await publishedCandidates(trade.id)
      const winner = candidates.find((c) => c.code === input.winnerCode)!
      const dropped = new Set(
        (input.droppedOut ?? [])
          .filter((d) => typeof d?.reason === 'string' && d.reason.trim().length > 0)
          .map((d) => d.code)
      )
      const passedOver = candidates.filter((c) => c.rank < winner.rank && !dropped.has(c.code))
      return passedOver.length === 0
        ? null
        : refusal('construction_bidding.errors.first_ranked', {
            first: passedOver[0].name,
          })
    },
    async ({ trade, input }) => {
      const gate = await capability('credit-gate')
      if (!gate) return null
      const project = await projectOf(trade.projectId!)
      const result = await gate.check(
        {
          subjectCode: input.winnerCode,
          stage: 'award',
          category: CATEGORY,
          regionCode: project.region_code,
          tradeId: trade.id,
          projectId: project.id,
        },
        SYSTEM_ACTOR
      )
      return result.allowed ? null : refusal(result.messageKey, result.values)
    },
  ],
}

/* ── who may bid ───────────────────────────────────────────────────────── */

/**
 * An invited tender admits its invitees only (法 Art. 17); after a
 * prequalification only the applicants found qualified may bid (条例 Art. 19);
 * a tender that demands a bid deposit admits only the bidders whose deposit
 * the centre recorded as received (条例 Art. 26); the agency acting for the
 * tenderer never bids in the tender it acts for (条例 Art. 13).
 */
async function admitsBidder(trade: Trade, entity: { id: number; code: string }) {
  const tender = await tenderOf(trade.id)
  if (tender.agencyEntityId === entity.id) return refusal('construction_bidding.errors.agency_bids')
  if (tender.tenderMode === 'invited' && !tender.inviteeCodes.includes(entity.code)) {
    return refusal('construction_bidding.errors.not_invited')
  }
  if (tender.prequalification) {
    const result = await db
      .from('trade_transitions')
      .where({ trade_id: trade.id, event: 'publish_prequal_result' })
      .orderBy('id', 'desc')
      .first()
    const qualified: string[] = result?.payload?.qualifiedCodes ?? []
    if (!qualified.includes(entity.code))
      return refusal('construction_bidding.errors.not_qualified')
  }
  if (Number(tender.deposit) > 0) {
    const deposit = await db
      .from('cb_deposits')
      .where({ trade_id: trade.id, entity_id: entity.id })
      .first()
    if (!deposit)
      return refusal('construction_bidding.errors.no_deposit', { amount: tender.deposit })
  }
  return null
}

/* ── the two procedures ─────────────────────────────────────────────────── */

const STATES = [
  'draft',
  'notice_published',
  'prequal_documents_issued',
  'prequalified',
  'documents_issued',
  'documents_objection',
  'opening',
  'failed',
  'evaluating',
  'publicity',
  'publicity_objection',
  'awarded',
  'contracted',
  'closed',
]

const common = {
  issue_prequal_documents: issuePrequalDocuments,
  publish_prequal_result: publishPrequalResult,
  fail_prequalification: failPrequal,
  issue_documents: issueDocuments,
  amend_documents: amendDocuments,
  ...documentObjections,
  open_bids: openBids,
  declare_failed: declareFailed,
  start_evaluation: startEvaluation,
  ...results,
  publish_candidates: publishCandidates,
  ...candidateObjections,
  award,
}

export const publicTender = defineProcedure({
  id: 'construction-public-tender',
  category: CATEGORY,
  name: { 'zh-CN': '工程建设项目公开招标', 'en': 'Construction project: public tender' },
  initial: 'draft',
  states: STATES,
  transitions: { publish_notice: publishNotice, ...common },
  admitsBidder,
})

export const invitedTender = defineProcedure({
  id: 'construction-invited-tender',
  category: CATEGORY,
  name: { 'zh-CN': '工程建设项目邀请招标', 'en': 'Construction project: invited tender' },
  initial: 'draft',
  states: STATES,
  transitions: { send_invitations: sendInvitations, ...common },
  admitsBidder,
})

export const PROCEDURE_OF_MODE = {
  public: publicTender.id,
  invited: invitedTender.id,
} as const

export default [publicTender, invitedTender]

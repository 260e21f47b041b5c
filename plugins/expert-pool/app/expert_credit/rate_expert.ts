import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from '#audit/audit_log'
import { clock, PLATFORM_NOW_SQL } from '#core/clock'
import { RuleViolation } from '#core/rule_violation'
import { currentScopeOrFail } from '#tenancy/tenant_context'
import { MaintainExperts } from '../actions/maintain_experts.js'
import { findExpert } from '../support/expert_rows.js'
import { findEvaluation, membersOf } from '../committees/evaluation_rows.js'
import { CREDIT_WINDOW_DAYS, SUSPENSION_DAYS, creditStanding } from './credit.js'

export type RaterKind = 'tenderer' | 'supervisor'

export interface RatingInput {
  expertId: number
  score: number
  comment: string | null
}

/** The standing of an expert over the credit window, by platform time */
export async function standingOf(expertId: number) {
  const rows = await db
    .from('expert_ratings')
    .where('expert_id', expertId)
    .whereRaw(`rated_at > ${PLATFORM_NOW_SQL} - make_interval(days => ?)`, [CREDIT_WINDOW_DAYS])
    .select('score')
  return creditStanding(rows.map((row) => Number(row.score)))
}

/**
 * A rating of an expert's work in one finished evaluation, by the tenderer
 * or by the supervisor (domain.md §5). Past the threshold of credit.ts the
 * expert is suspended at once, for a period that ends by timer.
 */
export class RateExpert {
  constructor(
    private readonly actor: AuditActor & { accountId: number },
    private readonly raterKind: RaterKind
  ) {}

  async handle(evaluationId: number, input: RatingInput) {
    const evaluation = await findEvaluation(evaluationId, true)
    if (!evaluation.final_at) {
      throw new RuleViolation('evaluation', 'expert_committee.errors.not_final', {}, 409)
    }
    const members = await membersOf(evaluation.id)
    if (!members.some((member) => member.expert_id === input.expertId)) {
      throw new RuleViolation('expertId', 'expert_committee.errors.not_on_committee')
    }
    const inserted = await db
      .table('expert_ratings')
      .insert({
        expert_id: input.expertId,
        tenant_id: currentScopeOrFail().tenantId,
        evaluation_id: evaluation.id,
        rater_kind: this.raterKind,
        rater_account_id: this.actor.accountId,
        score: input.score,
        comment: input.comment,
        rated_at: db.raw(PLATFORM_NOW_SQL),
      })
      .onConflict(['tenant_id', 'evaluation_id', 'expert_id', 'rater_kind'])
      .ignore()
      .returning('id')
    if (!inserted.length) {
      throw new RuleViolation('expertId', 'expert_committee.errors.already_rated')
    }
    await recordAudit(this.actor, {
      action: 'expert.rate',
      subjectType: 'expert',
      subjectId: input.expertId,
      payload: { evaluation: evaluation.id, raterKind: this.raterKind, score: input.score },
    })

    const standing = await standingOf(input.expertId)
    const expert = await findExpert(input.expertId, true)
    if (standing.suspend && expert.status === 'active') {
      const today = DateTime.fromJSDate(await clock.now(), { zone: 'Asia/Shanghai' })
      const until = DateTime.fromISO(today.plus({ days: SUSPENSION_DAYS }).toISODate()!, {
        zone: 'UTC',
      })
      await new MaintainExperts(SYSTEM_ACTOR).suspend(
        input.expertId,
        until.toJSDate(),
        i18nManager.locale('zh-CN').t('expert_committee.credit.auto_suspension_reason', {
          ratings: String(standing.ratings),
          average: standing.average,
          bad: String(standing.badRatings),
        })
      )
    }
    return standing
  }
}

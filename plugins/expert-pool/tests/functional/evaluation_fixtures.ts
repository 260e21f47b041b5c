import type { ApiClient, ApiResponse } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import { capability } from '#plugin_host/capabilities'
import type { OpenEvaluationInput } from '#plugin_host/contracts/evaluation_committee'
import { inTenant, tradeWithOpenedBids as openedBidsIn } from '#tests/helpers/bids'
import {
  decidedDraw as cityDraw,
  expertWithAccount,
  type TestExpert,
} from '#tests/helpers/expert_pool'
import { ensurePluginEnabled as ensureEnabled } from '#tests/helpers/plugins'
import type Account from '#identity/models/account'
import { SYSTEM_ACTOR } from '#audit/audit_log'
import { PLATFORM_NOW_SQL } from '#core/clock'
import { FormCommittee } from '../../app/committees/form_committee.js'
import { DeclareNoConflict } from '../../app/evaluation/declare_no_conflict.js'
import { RecordVerdict } from '../../app/evaluation/record_verdict.js'
import { SignReport } from '../../app/evaluation/sign_report.js'
import { VoteChair } from '../../app/evaluation/vote_chair.js'

/** Shortcuts for the committee tests: a trade with opened bids, experts with accounts, a decided draw */
export const CITY = '500000'
export const API = `/t/${CITY}/expert-pool/api`

export function ensurePluginEnabled() {
  return ensureEnabled(CITY, 'expert-pool')
}

export async function experts(count: number) {
  const list: TestExpert[] = []
  for (let i = 0; i < count; i++) list.push(await expertWithAccount(`专家${i + 1}`))
  return list
}

/** A trade of the city whose opening decrypted one bid per price */
export function tradeWithOpenedBids(prices: string[]) {
  return openedBidsIn(CITY, prices)
}

/** A decided draw of the trade whose confirmed experts are `expertIds` (the draw side's tables) */
export function decidedDraw(tradeId: number, expertIds: number[]) {
  return cityDraw(CITY, tradeId, expertIds)
}

/** Opens the evaluation through the capability, as a trade plugin does; returns its id */
export async function openEvaluation(
  input: Omit<OpenEvaluationInput, 'candidateCount'> & { candidateCount?: number },
  opener: Account | null = null
) {
  const committee = await capability('evaluation-committee')
  return inTenant(CITY, async () => {
    await committee!.openEvaluation(
      { candidateCount: 3, ...input },
      { accountId: opener?.id ?? null, label: 'tenderer' }
    )
    const row = await db.from('expert_evaluations').where('trade_id', input.tradeId).first()
    return Number(row.id)
  })
}

export async function outcomeOf(tradeId: number) {
  const committee = await capability('evaluation-committee')
  return inTenant(CITY, () => committee!.outcome(tradeId))
}

export async function liveMembers(evaluationId: number) {
  return inTenant(CITY, () =>
    db
      .from('expert_committee_members')
      .where('evaluation_id', evaluationId)
      .orderBy('id')
      .select('id', 'account_id', 'expert_id', 'voided_at', 'void_reason')
  )
}

export const fieldsOf = (body: { errors: Array<{ field: string; message: string }> }) =>
  Object.fromEntries(body.errors.map((error) => [error.field, error.message]))

/** A committee member's calls, as the expert's browser makes them */
export function memberApi(client: ApiClient, evaluationId: number, account: Account) {
  const base = `${API}/evaluations/${evaluationId}`
  const send = (method: 'post' | 'put', path: string, body: Record<string, unknown>) =>
    client[method](`${base}${path}`).json(body).accept('json').withCsrfToken().loginAs(account)
  return {
    sheet: () => client.get(`${base}/sheet`).accept('json').loginAs(account),
    declare: (body: Record<string, unknown> = { noConflict: true }) =>
      send('post', '/declaration', body),
    verdict: (bidId: number, body: Record<string, unknown>) =>
      send('put', `/verdicts/${bidId}`, body),
    voteChair: (memberId: number) => send('post', '/chair-vote', { memberId }),
    sign: () => send('post', '/signature', {}),
    rate: (body: Record<string, unknown>) => send('post', '/ratings', body),
  }
}

/** The member row id of each account's live seat */
export async function seatIds(evaluationId: number) {
  const rows = await liveMembers(evaluationId)
  return new Map(
    rows
      .filter((row) => row.voided_at === null)
      .map((row) => [Number(row.account_id), Number(row.id)])
  )
}

/** Sends a request and asserts its status */
export async function sent(request: PromiseLike<ApiResponse>, status: number) {
  const response = await request
  response.assertStatus(status)
  return response
}

/**
 * An evaluation taken to its signed report through the actions, seated
 * directly with `pool` (the HTTP path seats from a decided draw)
 */
export async function finishedEvaluation(pool: TestExpert[], opener: Account) {
  const { tradeId, bids } = await tradeWithOpenedBids(['100'])
  const evaluationId = await openEvaluation(
    { tradeId, method: 'lowest_evaluated_price', compositionRule: 'construction' },
    opener
  )
  await inTenant(CITY, () =>
    new FormCommittee(SYSTEM_ACTOR).handle(evaluationId, {
      expertIds: pool.map((expert) => expert.id),
      representativeAccountIds: [],
    })
  )
  const seats = await seatIds(evaluationId)
  const chair = seats.get(pool[0].account.id)!
  const actors = pool.map((expert) => ({ accountId: expert.account.id, label: 'expert' }))
  for (const actor of actors) {
    await inTenant(CITY, async () => {
      await new DeclareNoConflict(actor).handle(evaluationId)
      await new RecordVerdict(actor).handle(evaluationId, bids[0].bidId, { evaluatedPrice: 100 })
      await new VoteChair(actor).handle(evaluationId, chair)
    })
  }
  for (const actor of actors) await inTenant(CITY, () => new SignReport(actor).handle(evaluationId))
  return evaluationId
}

/** The expert's status as the maintenance side stores it */
export async function expertStatus(expertId: number) {
  return db
    .connection('owner')
    .from('experts')
    .where('id', expertId)
    .select('status', db.raw(`to_char(status_until, 'YYYY-MM-DD') as until`), 'status_reason')
    .firstOrFail()
}

/** The platform's date in Beijing, `days` ahead */
export async function platformDate(days = 0) {
  const { rows } = await inTenant(CITY, () =>
    db.rawQuery(
      `select to_char((${PLATFORM_NOW_SQL} at time zone 'Asia/Shanghai')::date + ?::int, 'YYYY-MM-DD') as day`,
      [days]
    )
  )
  return rows[0].day as string
}

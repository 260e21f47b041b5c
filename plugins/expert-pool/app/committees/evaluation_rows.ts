import db from '@adonisjs/lucid/services/db'
import type {
  CompositionRule,
  EvaluationMethod,
  EvaluationOutcome,
  ScoringWeights,
} from '#plugin_host/contracts/evaluation_committee'
import { RuleViolation } from '#core/rule_violation'

export interface EvaluationRow {
  id: number
  tenant_id: number
  trade_id: number
  category: string
  method: EvaluationMethod
  composition_rule: CompositionRule
  weights: ScoringWeights | null
  candidate_count: number
  opened_by: number | null
  committee_formed_at: Date | null
  outcome: EvaluationOutcome | null
  final_at: Date | null
}

export interface MemberRow {
  id: number
  evaluation_id: number
  kind: 'expert' | 'tenderer_representative'
  expert_id: number | null
  account_id: number
  declared_at: Date | null
  chair_vote_member_id: number | null
  signed_at: Date | null
  voided_at: Date | null
  void_reason: string | null
  replaces_member_id: number | null
}

const ids = <T extends Record<string, any>>(row: T, keys: Array<keyof T>): T => {
  for (const key of keys) if (row[key] !== null) (row as any)[key] = Number(row[key])
  return row
}

function evaluationOf(row: any): EvaluationRow {
  return ids(row, ['id', 'tenant_id', 'trade_id', 'opened_by'])
}

function memberOf(row: any): MemberRow {
  return ids(row, [
    'id',
    'evaluation_id',
    'expert_id',
    'account_id',
    'chair_vote_member_id',
    'replaces_member_id',
  ])
}

/** The evaluation of the current tenant (RLS hides others); 404 when unknown */
export async function findEvaluation(id: number, lock = false): Promise<EvaluationRow> {
  const query = db.from('expert_evaluations').where('id', id)
  if (lock) query.forUpdate()
  const row = await query.first()
  if (!row) throw new RuleViolation('evaluation', 'expert_committee.errors.not_found', {}, 404)
  return evaluationOf(row)
}

export async function evaluationOfTrade(tradeId: number): Promise<EvaluationRow | null> {
  const row = await db.from('expert_evaluations').where('trade_id', tradeId).first()
  return row ? evaluationOf(row) : null
}

/** Every member, void ones included, in seating order */
export async function membersOf(evaluationId: number): Promise<MemberRow[]> {
  const rows = await db
    .from('expert_committee_members')
    .where('evaluation_id', evaluationId)
    .orderBy('id')
  return rows.map(memberOf)
}

/** The live seat an account holds on an evaluation's committee */
export async function seatOf(evaluationId: number, accountId: number): Promise<MemberRow> {
  const row = await db
    .from('expert_committee_members')
    .where({ evaluation_id: evaluationId, account_id: accountId })
    .whereNull('voided_at')
    .first()
  if (!row) throw new RuleViolation('evaluation', 'expert_committee.errors.not_a_member', {}, 404)
  return memberOf(row)
}

export interface OpenedBid {
  bidId: number
  entityId: number
  bidderName: string
  readout: Record<string, unknown>
}

/** The bids the committee evaluates: those decrypted at the opening (电子招标投标办法 Art. 31) */
export async function openedBids(tradeId: number): Promise<OpenedBid[]> {
  const rows = await db
    .from('bids as b')
    .join('market_entities as e', 'e.id', 'b.entity_id')
    .where('b.trade_id', tradeId)
    .where('b.status', 'decrypted')
    .orderBy('b.id')
    .select('b.id', 'b.entity_id', 'b.readout', 'e.name')
  return rows.map((row) => ({
    bidId: Number(row.id),
    entityId: Number(row.entity_id),
    bidderName: row.name,
    readout: row.readout ?? {},
  }))
}

export interface VerdictRow {
  member_id: number
  bid_id: number
  technical: string | null
  commercial: string | null
  evaluated_price: string | null
  reject_reason: string | null
}

export async function verdictsOf(memberIds: number[]): Promise<VerdictRow[]> {
  if (!memberIds.length) return []
  const rows = await db
    .from('expert_bid_verdicts')
    .whereIn('member_id', memberIds)
    .orderBy(['member_id', 'bid_id'])
  return rows.map((row) => ids(row, ['member_id', 'bid_id']))
}

/** Display names of the members: the expert's name, or the representative's account name */
export async function memberNames(members: MemberRow[]): Promise<Map<number, string>> {
  const experts = await db
    .from('experts')
    .whereIn(
      'id',
      members.flatMap((member) => (member.expert_id === null ? [] : [member.expert_id]))
    )
    .select('id', 'name')
  const accounts = await db
    .from('accounts')
    .whereIn(
      'id',
      members.map((member) => member.account_id)
    )
    .select('id', 'display_name')
  const expertName = new Map(experts.map((row) => [Number(row.id), row.name as string]))
  const accountName = new Map(accounts.map((row) => [Number(row.id), row.display_name as string]))
  return new Map(
    members.map((member) => [
      member.id,
      (member.expert_id !== null ? expertName.get(member.expert_id) : undefined) ??
        accountName.get(member.account_id) ??
        '',
    ])
  )
}

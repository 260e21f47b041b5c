import db from '@adonisjs/lucid/services/db'
import { RuleViolation } from '#core/rule_violation'
import { chinaDateOf, daysBetween } from '#trading/periods/local_date'

/** A construction tender's terms, as its row stores them */
export interface TenderTerms {
  tradeId: number
  projectId: number
  tenderCode: string
  sectionCode: string
  sectionName: string
  tenderMode: 'public' | 'invited'
  prequalification: boolean
  content: string
  /** Yuan, exact decimal strings */
  estimate: string
  deposit: string
  ceilingPrice: string | null
  evaluationMethod: 'lowest_evaluated_price' | 'comprehensive_scoring'
  weights: { price: number; technical: number; commercial: number } | null
  tendererRepresentatives: number
  inviteeCodes: string[]
  /** The agency (招标代理机构) acting for the tenderer, if the tender names one */
  agencyEntityId: number | null
}

export function termsOf(row: any): TenderTerms {
  return {
    tradeId: Number(row.trade_id),
    projectId: Number(row.project_id),
    tenderCode: row.tender_code,
    sectionCode: row.section_code,
    sectionName: row.section_name,
    tenderMode: row.tender_mode,
    prequalification: row.prequalification,
    content: row.content,
    estimate: row.estimate,
    deposit: row.deposit,
    ceilingPrice: row.ceiling_price,
    evaluationMethod: row.evaluation_method,
    weights: row.weights,
    tendererRepresentatives: row.tenderer_representatives,
    inviteeCodes: row.invitee_codes ?? [],
    agencyEntityId: row.agency_entity_id === null ? null : Number(row.agency_entity_id),
  }
}

/** The tender of a trade in the current tenant (RLS hides the others) */
export async function tenderOf(tradeId: number): Promise<TenderTerms> {
  const row = await db.from('cb_tenders').where('trade_id', tradeId).first()
  if (!row) throw new RuleViolation('trade', 'trading.errors.trade_not_found', {}, 404)
  return termsOf(row)
}

/** Whether the tender runs a prequalification (资格预审) */
export async function hasPrequalification(tradeId: number) {
  const tender = await tenderOf(tradeId)
  return tender.prequalification
}

/** The entities that take the tenderer's steps: the project's owner and the agency it named */
export function tendererEntities(project: { entity_id: unknown }, tender: TenderTerms) {
  const owner = Number(project.entity_id)
  return tender.agencyEntityId === null ? [owner] : [owner, tender.agencyEntityId]
}

/** The project the tender serves: its owner is the tenderer, its funds decide the award rule */
export async function projectOf(projectId: number) {
  return db.from('projects').where('id', projectId).firstOrFail()
}

/** Bids received and not withdrawn: what the opening counts (条例 Art. 44) */
export async function bidsReceived(tradeId: number): Promise<number> {
  const { rows } = await db.rawQuery(
    `select count(*)::int as received from bids where trade_id = ? and status <> 'withdrawn'`,
    [tradeId]
  )
  return rows[0].received
}

export type ObjectionStage = 'documents' | 'candidates'

export async function openObjections(tradeId: number, stage: ObjectionStage): Promise<number> {
  const { rows } = await db.rawQuery(
    `select count(*)::int as open from cb_objections
     where trade_id = ? and stage = ? and answered_at is null`,
    [tradeId, stage]
  )
  return rows[0].open
}

/**
 * Calendar days from one instant to another, counted by their dates in
 * China as the law counts periods; whole days keep a postponed deadline's
 * time of day.
 */
export function wholeDaysBetween(from: Date, to: Date) {
  return Math.max(0, daysBetween(chinaDateOf(from), chinaDateOf(to)))
}

import db from '@adonisjs/lucid/services/db'
import { recordAudit } from '#audit/audit_log'
import { RuleViolation } from '#core/rule_violation'
import { type TradeActor, startTrade } from '#trading/engine/procedure_engine'
import { MAX_DEPOSIT_SHARE, MIN_INVITEES } from '../law.js'
import { PROCEDURE_OF_MODE } from '../procedures.js'
import { type TenderTerms, tenderOf } from '../support/tenders.js'

export interface RegisterTenderInput {
  projectId: number
  title: string
  sectionName: string
  tenderMode: 'public' | 'invited'
  prequalification: boolean
  content: string
  estimate: string
  deposit: string
  ceilingPrice?: string | null
  evaluationMethod: TenderTerms['evaluationMethod']
  weights?: TenderTerms['weights']
  tendererRepresentatives: number
  inviteeCodes?: string[]
  /** 统一社会信用代码 of the agency (招标代理机构) acting for the tenderer */
  agencyCode?: string | null
}

/** Cents of a decimal yuan string: exact comparisons without floats */
const cents = (yuan: string) => {
  const [whole, fraction = ''] = yuan.split('.')
  return BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2))
}

/**
 * Registers a tender (招标项目, one section) on a construction project of
 * the tenant and starts its trade. The tender code appends a 3-digit serial
 * to the 17-character project code, the section code another (domain.md §3).
 */
export class RegisterTender {
  constructor(private readonly actor: TradeActor) {}

  async handle(input: RegisterTenderInput) {
    const project = await db.from('projects').where('id', input.projectId).first()
    if (!project)
      throw new RuleViolation('projectId', 'construction_bidding.errors.project', {}, 404)
    if (project.category !== 'construction') {
      throw new RuleViolation('projectId', 'construction_bidding.errors.project_category')
    }
    // 投标保证金不得超过估算价的2% (条例 Art. 26)
    const limit = (cents(input.estimate) * BigInt(MAX_DEPOSIT_SHARE * 10_000)) / 10_000n
    if (cents(input.deposit) > limit) {
      throw new RuleViolation('deposit', 'construction_bidding.errors.deposit_limit', {
        limit: (Number(limit) / 100).toFixed(2),
      })
    }
    // The weights stated in the tender documents make up the whole score (评标规定 Art. 35)
    const weights = input.weights
    if (
      input.evaluationMethod === 'comprehensive_scoring' &&
      (!weights || weights.price + weights.technical + weights.commercial !== 100)
    ) {
      throw new RuleViolation('weights', 'construction_bidding.errors.weights')
    }
    const invitees = [...new Set(input.inviteeCodes ?? [])]
    if (input.tenderMode === 'invited' && invitees.length < MIN_INVITEES) {
      throw new RuleViolation('inviteeCodes', 'construction_bidding.errors.invitees', {
        min: MIN_INVITEES,
      })
    }

    // The agency must be a market entity registered on the platform
    const agency = input.agencyCode
      ? await db.from('market_entities').where('code', input.agencyCode).select('id').first()
      : null
    if (input.agencyCode && !agency) {
      throw new RuleViolation('agencyCode', 'construction_bidding.errors.agency')
    }

    const trade = await startTrade(PROCEDURE_OF_MODE[input.tenderMode], input.title, this.actor, {
      projectId: project.id,
    })
    const { rows } = await db.rawQuery(
      `select count(*)::int as tenders from cb_tenders where project_id = ?`,
      [project.id]
    )
    const tenderCode = `${project.code}${String(rows[0].tenders + 1).padStart(3, '0')}`
    await db.table('cb_tenders').insert({
      root_tenant_id: trade.rootTenantId,
      tenant_id: trade.tenantId,
      trade_id: trade.id,
      project_id: project.id,
      tender_code: tenderCode,
      section_code: `${tenderCode}001`,
      section_name: input.sectionName,
      tender_mode: input.tenderMode,
      prequalification: input.prequalification,
      content: input.content,
      estimate: input.estimate,
      deposit: input.deposit,
      ceiling_price: input.ceilingPrice ?? null,
      evaluation_method: input.evaluationMethod,
      weights: input.weights ? JSON.stringify(input.weights) : null,
      tenderer_representatives: input.tendererRepresentatives,
      invitee_codes: invitees,
      agency_entity_id: agency ? agency.id : null,
    })
    await recordAudit(this.actor, {
      action: 'construction_bidding.tender.register',
      subjectType: 'trade',
      subjectId: trade.id,
      payload: {
        project: project.id,
        tenderCode,
        mode: input.tenderMode,
        agency: input.agencyCode ?? null,
      },
    })
    return tenderOf(trade.id)
  }
}

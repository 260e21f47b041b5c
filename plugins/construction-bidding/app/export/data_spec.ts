import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { platformCode } from '#trading/projects/project_code'
import { publishedCandidates } from '#trading/engine/result_transitions'
import { openingRecord } from '#trading/sealed_bids/bids'
import { findTrade } from '#trading/trades'
import { projectOf, tenderOf } from '../support/tenders.js'

/**
 * A tender's data in the data sets of 公共资源交易平台系统数据规范
 * (domain.md §3): each set a list of records keyed by the specification's
 * field names, every record with the common keys. Read only from what the
 * trade, its history and its announcements hold, so the export says what
 * happened, not what a form claims.
 */
const CODE_TYPE = { uscc: '97', id_card: '01' } as Record<string, string>
/** TENDER_MODE codes (technical spec 3.8): 1 公开招标, 2 邀请招标 */
const TENDER_MODE = { public: '1', invited: '2' }
/** Announcement kinds that are notices of the tender (招标/资格预审公告, 变更) */
const NOTICE_KINDS = ['trade_notice', 'qualification', 'change']

const time = (value: Date | string | null | undefined) =>
  value ? new Date(value).toISOString() : null

export async function dataSpecExport(tradeId: number, tenantCode: string) {
  const trade = await findTrade(tradeId)
  const tender = await tenderOf(tradeId)
  const project = await projectOf(tender.projectId)
  const owner = await db.from('market_entities').where('id', project.entity_id).firstOrFail()
  const agency =
    tender.agencyEntityId === null
      ? null
      : await db.from('market_entities').where('id', tender.agencyEntityId).firstOrFail()
  const history = await db
    .from('trade_transitions')
    .where('trade_id', tradeId)
    .orderBy('id')
    .select('event', 'payload', 'occurred_at')
  const announcements = await db
    .from('announcements')
    .where('trade_id', tradeId)
    .orderBy('id')
    .select('id', 'kind', 'title', 'body', 'published_at', 'ocid')
  const common = {
    PLATFORM_CODE: platformCode(tenantCode),
    PUB_SERVICE_PLAT_CODE: null,
    DATA_TIMESTAMP: time(await clock.now()),
    UNIFIED_DEAL_CODE: tender.sectionCode,
  }
  const tenderer = {
    TENDERER_NAME: owner.name,
    TENDERER_CODE_TYPE: CODE_TYPE[owner.code_type] ?? '99',
    TENDERER_CODE: owner.code,
    TENDERER_ROLE: '招标人',
  }
  const candidates = await publishedCandidates(tradeId)
  const award = history.find((h) => h.event === 'award')
  const winner = award && candidates.find((c) => c.code === award.payload.winnerCode)
  const opening = trade.milestones.opening_closed ? await openingRecord(tradeId) : []

  return {
    GCJS_PROJECT: [
      {
        ...common,
        PROJECT_CODE: project.code,
        PROJECT_NAME: project.name,
        REGION_CODE: project.region_code,
        INVEST_PROJECT_CODE: project.invest_project_code,
        LEGAL_PERSON: owner.name,
        FUND_SOURCE: project.fund_source,
        CONTRIBUTION_SCALE: project.amount,
        APPROVE_DEPT_NAME: project.approving_authority,
        CONTACTOR: project.contact_name,
        CONTACT_INFORMATION: project.contact_phone,
        CREATE_TIME: time(project.created_at),
      },
    ],
    GCJS_TENDER_PROJECT: [
      {
        ...common,
        PROJECT_CODE: project.code,
        TENDER_PROJECT_CODE: tender.tenderCode,
        TENDER_PROJECT_NAME: trade.title,
        TENDER_CONTENT: tender.content,
        TENDER_MODE: TENDER_MODE[tender.tenderMode],
        // 1 自行招标, 2 委托招标 (an agency acts for the tenderer)
        TENDER_ORGANIZE_FORM: agency ? '2' : '1',
        ...tenderer,
        TENDER_AGENCY_NAME: agency?.name ?? null,
        TENDER_AGENCY_CODE_TYPE: agency ? (CODE_TYPE[agency.code_type] ?? '99') : null,
        TENDER_AGENCY_CODE: agency?.code ?? null,
        CREATE_TIME: time(trade.createdAt.toJSDate()),
      },
    ],
    GCJS_SECTION: [
      {
        ...common,
        TENDER_PROJECT_CODE: tender.tenderCode,
        BID_SECTION_CODE: tender.sectionCode,
        BID_SECTION_NAME: tender.sectionName,
        CONTRACT_RECKON_PRICE: tender.estimate,
        MARGIN_AMOUNT: tender.deposit,
        LIMIT_PRICE: tender.ceilingPrice,
        BID_DOC_REFER_END_TIME: trade.milestones.bid_deadline ?? null,
        BID_OPEN_TIME: trade.milestones.opening_started ?? null,
      },
    ],
    GCJS_NOTICE: announcements
      .filter((a) => NOTICE_KINDS.includes(a.kind))
      .map((a) => ({
        ...common,
        BID_SECTION_CODES: tender.sectionCode,
        NOTICE_NAME: a.title,
        NOTICE_CONTENT: a.body,
        NOTICE_SEND_TIME: time(a.published_at),
        OCID: a.ocid,
      })),
    GCJS_OPENING_RECORD: opening.map((entry) => ({
      ...common,
      BID_SECTION_CODE: tender.sectionCode,
      BIDDER_NAME: entry.bidder.name,
      BIDDER_CODE: entry.bidder.code,
      BID_PRICE: entry.readout?.price ?? null,
      BID_STATUS: entry.status,
      BID_OPEN_TIME: trade.milestones.opening_started ?? null,
    })),
    GCJS_WIN_CANDIDATE: candidates.map((c) => ({
      ...common,
      BID_SECTION_CODE: tender.sectionCode,
      WIN_CANDIDATE_ORDER: String(c.rank),
      WIN_CANDIDATE_NAME: c.name,
      WIN_CANDIDATE_CODE: c.code,
      BID_PRICE: c.price.toFixed(2),
      PUBLICITY_START_TIME: trade.milestones.candidates_published ?? null,
    })),
    GCJS_RESULT_NOTICE: winner
      ? [
          {
            ...common,
            BID_SECTION_CODE: tender.sectionCode,
            WIN_BIDDER_NAME: winner.name,
            WIN_BIDDER_CODE: winner.code,
            WIN_BID_PRICE: winner.price.toFixed(2),
            NOTICE_SEND_TIME: time(award!.occurred_at),
          },
        ]
      : [],
    GCJS_CONTRACT_PERFORMANCE: history
      .filter((h) =>
        ['sign_contract', 'record_performance', 'complete_performance'].includes(h.event)
      )
      .map((h) => ({
        ...common,
        BID_SECTION_CODE: tender.sectionCode,
        RECORD_TYPE: h.event,
        CONTRACT_AMOUNT: h.event === 'sign_contract' ? Number(h.payload.amount).toFixed(2) : null,
        SIGN_DATE: h.payload.signedOn ?? null,
        PERFORMANCE_STAGE: h.payload.stage ?? null,
        PERFORMANCE_CONTENT: h.payload.description ?? h.payload.summary ?? null,
        DATA_TIME: time(h.occurred_at),
      })),
  }
}

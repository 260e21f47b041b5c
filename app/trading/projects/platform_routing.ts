/**
 * Which platform a project trades on, per 渝府办发〔2016〕35号 §二(一)
 * (ARCHITECTURE.md §6): city-approved projects, city finance, city state
 * property, city land and every mining right go to the city platform; district
 * projects to their district; a private project that the law does not bind to
 * tender may trade on the city or on its district, as its owner chooses.
 *
 * One pure function decides, so the rule is read, tested and changed in one
 * place; the reason key names the clause that decided (lang key
 * `trading.projects.routing.<reason>`).
 */
export const PROJECT_CATEGORIES = [
  'construction',
  'government_procurement',
  'land',
  'mining',
  'state_property',
  'other',
] as const
export type ProjectCategory = (typeof PROJECT_CATEGORIES)[number]

export const APPROVAL_LEVELS = ['city', 'district'] as const
export type ApprovalLevel = (typeof APPROVAL_LEVELS)[number]

export const FUND_SOURCES = [
  'city_finance',
  'district_finance',
  'state_capital',
  'private',
  'other',
] as const
export type FundSource = (typeof FUND_SOURCES)[number]

export const CITY_TENANT_CODE = '500000'

export type RoutingReason =
  | 'mining'
  | 'city_land'
  | 'city_state_property'
  | 'city_approved'
  | 'city_finance'
  | 'private_choice'
  | 'district'
  | 'city_region'

export interface RoutingInput {
  category: ProjectCategory
  approvalLevel: ApprovalLevel
  fundSource: FundSource
  legallyBound: boolean
  /** The tenant code of the project's region: the city or a district */
  regionCode: string
}

export interface Routing {
  /** The platform the project belongs on (for a free choice: the one it was filed at) */
  tenantCode: string
  reason: RoutingReason
}

/** `filedAt` matters only where the owner may choose between city and district */
export function routeProject(project: RoutingInput, filedAt: string): Routing {
  const city = (reason: RoutingReason): Routing => ({ tenantCode: CITY_TENANT_CODE, reason })
  if (project.category === 'mining') return city('mining')

  if (project.fundSource === 'private' && !project.legallyBound) {
    const choices = [CITY_TENANT_CODE, project.regionCode]
    return {
      tenantCode: choices.includes(filedAt) ? filedAt : project.regionCode,
      reason: 'private_choice',
    }
  }

  if (project.approvalLevel === 'city') {
    if (project.category === 'land') return city('city_land')
    if (project.category === 'state_property') return city('city_state_property')
    return city('city_approved')
  }
  if (project.fundSource === 'city_finance') return city('city_finance')
  if (project.regionCode === CITY_TENANT_CODE) return city('city_region')
  return { tenantCode: project.regionCode, reason: 'district' }
}

import db from '@adonisjs/lucid/services/db'
import { PROJECT_PAGE_SIZE } from '#trading/projects/validators/project'

/**
 * Read paths of projects, newest first with a keyset cursor on the id. The
 * tenant filter is explicit (RLS is the wall, the filter keeps the plan on
 * the (tenant_id, …) indexes); `entityIds` narrows the list to the entities
 * the reader acts for, null means the whole tenant (the centre's staff).
 */
export interface ProjectRow {
  id: number
  tenant_code: string
  code: string
  entity_id: number
  entity_name: string
  entity_code: string
  entity_code_type: 'uscc' | 'id_card'
  name: string
  category: string
  approval_level: string
  approving_authority: string
  invest_project_code: string | null
  fund_source: string
  legally_bound: boolean
  amount: string
  region_code: string
  contact_name: string
  contact_phone: string
  created_at: Date
}

function projects(tenantId: number) {
  return db
    .from('projects as p')
    .join('tenants as t', 't.id', 'p.tenant_id')
    .join('market_entities as e', 'e.id', 'p.entity_id')
    .where('p.tenant_id', tenantId)
    .select(
      'p.*',
      't.code as tenant_code',
      'e.name as entity_name',
      'e.code as entity_code',
      'e.code_type as entity_code_type'
    )
}

export async function projectPage(
  tenantId: number,
  entityIds: number[] | null,
  cursor: { before?: number; limit?: number }
) {
  const limit = cursor.limit ?? PROJECT_PAGE_SIZE
  const query = projects(tenantId)
    .orderBy('p.id', 'desc')
    .limit(limit + 1)
  if (entityIds) query.whereIn('p.entity_id', entityIds)
  if (cursor.before) query.where('p.id', '<', cursor.before)
  const rows: ProjectRow[] = await query
  const more = rows.length > limit
  const page = more ? rows.slice(0, limit) : rows
  return { rows: page, nextBefore: more ? Number(page[page.length - 1].id) : null }
}

/** One project of the tenant; another tenant's id is as absent as a missing one (404) */
export function projectOfTenant(tenantId: number, id: number): Promise<ProjectRow> {
  return projects(tenantId).where('p.id', id).firstOrFail()
}

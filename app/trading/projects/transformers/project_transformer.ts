import type { ProjectRow } from '#trading/projects/queries/projects'

/**
 * What of a project reaches pages and the API. Categories, levels and fund
 * sources go out as codes; pages name them from ui_trading.json. The amount
 * stays a decimal string: yuan and fen exactly, never a float.
 */
export const projectTransformer = {
  forList(row: ProjectRow) {
    return {
      id: Number(row.id),
      code: row.code,
      name: row.name,
      category: row.category,
      amount: row.amount,
      regionCode: row.region_code,
      entity: { id: Number(row.entity_id), name: row.entity_name },
      createdAt: row.created_at.toISOString(),
    }
  },

  forDetail(row: ProjectRow) {
    return {
      ...this.forList(row),
      tenantCode: row.tenant_code,
      approvalLevel: row.approval_level,
      approvingAuthority: row.approving_authority,
      investProjectCode: row.invest_project_code,
      fundSource: row.fund_source,
      legallyBound: row.legally_bound,
      entity: {
        id: Number(row.entity_id),
        name: row.entity_name,
        // A natural person's ID number is personal data: not shown to the centre
        code: row.entity_code_type === 'uscc' ? row.entity_code : null,
      },
      contact: { name: row.contact_name, phone: row.contact_phone },
    }
  },
}

import db from '@adonisjs/lucid/services/db'
import type { AppAbility } from '#access/ability'
import { subject } from '@casl/ability'
import { decidedDrawForTrade } from '../draws/decided_draws.js'
import type { EvaluationRow, MemberRow } from './evaluation_rows.js'

/** The ability subject of an evaluation's committee */
export function committeeSubject(evaluation: Pick<EvaluationRow, 'tenant_id' | 'category'>) {
  return subject('EvaluationCommittee', {
    tenantId: evaluation.tenant_id,
    category: evaluation.category,
  })
}

/**
 * The evaluations of this tenant (RLS) whose committee the reader may see:
 * the drawing side every one, the supervisor those of its categories.
 */
export async function committeesFor(ability: AppAbility) {
  const rows = await db
    .from('expert_evaluations as e')
    .join('trades as t', (join) =>
      join.on('t.root_tenant_id', 'e.root_tenant_id').andOn('t.id', 'e.trade_id')
    )
    .orderBy('e.id', 'desc')
    .select('e.id', 'e.tenant_id', 'e.category', 't.title', 'e.committee_formed_at', 'e.final_at')
  return rows
    .filter((row) =>
      ability.can('read', committeeSubject({ ...row, tenant_id: Number(row.tenant_id) }))
    )
    .map((row) => ({
      id: Number(row.id),
      tradeTitle: row.title as string,
      formed: row.committee_formed_at !== null,
      final: row.final_at !== null,
    }))
}

/**
 * What the drawing side may seat in a vacated expert's place: the experts
 * of the trade's decided draw who hold no live seat (their names are no
 * secret to the drawer once the draw is decided).
 */
export async function replacementCandidates(evaluation: EvaluationRow, members: MemberRow[]) {
  const draw = await decidedDrawForTrade(evaluation.trade_id)
  const seated = new Set(
    members.filter((member) => member.voided_at === null).map((member) => member.expert_id)
  )
  const free = (draw?.expertIds ?? []).filter((id) => !seated.has(id))
  if (!free.length) return []
  const rows = await db.from('experts').whereIn('id', free).orderBy('id').select('id', 'name')
  return rows.map((row) => ({ id: Number(row.id), name: row.name as string }))
}

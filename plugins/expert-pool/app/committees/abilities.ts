import type { AbilityContributor } from '#access/ability'

/**
 * Who does what with committees (manifest `abilities`):
 * - a member acts on its own seat (`update CommitteeSeat` of its account);
 * - the drawing side (`expert_drawer`) seats and replaces members, in its tenant;
 * - the supervisor reads committees and rates experts of its categories;
 * - the tenderer rates the experts of its own trade's evaluation.
 */
export const committeeAbilities: AbilityContributor = ({ can }, input) => {
  if (input.accountId === null) return
  can('update', 'CommitteeSeat', { accountId: input.accountId })
  can('create', 'ExpertRating', {
    raterKind: 'tenderer',
    tendererAccountIds: { $all: [input.accountId] },
  })
  if (input.tenantId === null) return
  if (input.tenantRoles.includes('expert_drawer')) {
    can(['create', 'read', 'update'], 'EvaluationCommittee', { tenantId: input.tenantId })
  }
  if (input.tenantRoles.includes('supervisor')) {
    can('read', 'EvaluationCommittee', {
      tenantId: input.tenantId,
      category: { $in: input.tenantCategories },
    })
    can('create', 'ExpertRating', {
      raterKind: 'supervisor',
      tenantId: input.tenantId,
      category: { $in: input.tenantCategories },
    })
  }
}

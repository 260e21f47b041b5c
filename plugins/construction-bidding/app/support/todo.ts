import type { TradeRole } from '#trading/engine/define_procedure'

/**
 * What waits for a person in a tender (待办), by the party they are and the
 * trade's state: the keys name the next steps in the plugin's lang files.
 */
export function waitingFor(
  party: TradeRole | null,
  trade: { state: string; milestones: Record<string, string>; suspendedAt: unknown },
  options: { prequalification: boolean; tenderMode: 'public' | 'invited'; now: Date }
): string[] {
  if (trade.suspendedAt) return party === 'supervisor' ? ['resume'] : []
  const deadline = trade.milestones.bid_deadline ? new Date(trade.milestones.bid_deadline) : null
  const deadlinePassed = !!deadline && options.now >= deadline
  const byState: Partial<Record<TradeRole, Record<string, string[]>>> = {
    tenderer: {
      draft: [options.tenderMode === 'invited' ? 'send_invitations' : 'publish_notice'],
      notice_published: [options.prequalification ? 'issue_prequal_documents' : 'issue_documents'],
      prequal_documents_issued: ['publish_prequal_result'],
      prequalified: ['issue_documents'],
      documents_issued: deadlinePassed ? [] : ['amend_documents'],
      documents_objection: ['answer_objection'],
      evaluating: ['publish_candidates'],
      publicity: ['award'],
      publicity_objection: ['answer_objection'],
      awarded: ['sign_contract'],
      contracted: ['record_performance', 'complete_performance'],
    },
    operator: {
      documents_issued: deadlinePassed ? ['open'] : ['record_deposit'],
      opening: trade.milestones.opening_closed ? ['start_evaluation'] : ['witness_opening'],
    },
    bidder: {
      notice_published: ['get_documents'],
      documents_issued: deadlinePassed ? [] : ['bid', 'file_objection'],
      opening: trade.milestones.opening_closed ? [] : ['decrypt'],
      publicity: ['file_objection'],
    },
    supervisor: {
      documents_objection: ['watch_objection'],
      publicity_objection: ['watch_objection'],
    },
  }
  return (party && byState[party]?.[trade.state]) || []
}

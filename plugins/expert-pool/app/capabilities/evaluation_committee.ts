import type { EvaluationCommitteeCapability } from '#plugin_host/contracts/evaluation_committee'
import { compositionProblem } from '../committees/composition.js'
import { evaluationOfTrade } from '../committees/evaluation_rows.js'
import { OpenEvaluation } from '../committees/open_evaluation.js'

/** The `evaluation-committee` capability the trade plugins consume */
const evaluationCommittee: EvaluationCommitteeCapability = {
  async openEvaluation(input, actor) {
    await new OpenEvaluation(actor).handle(input)
  },

  async outcome(tradeId) {
    const evaluation = await evaluationOfTrade(tradeId)
    return evaluation?.outcome ?? null
  },

  compositionProblem,
}

export default evaluationCommittee

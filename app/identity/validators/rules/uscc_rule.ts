import vine from '@vinejs/vine'
import { usccProblem } from '#identity/codes/uscc'

/**
 * A 统一社会信用代码 (GB 32100-2015). The message names the first problem
 * (`validator.shared.messages.uscc`, an ICU select on `problem`); the code
 * validation endpoint and entity registration both use this rule.
 */
export const usccRule = vine.createRule(
  (value, _, field) => {
    if (typeof value !== 'string') return
    const problem = usccProblem(value)
    if (problem) field.report('The {{ field }} is not a valid USCC', 'uscc', field, { problem })
  },
  { name: 'uscc' }
)

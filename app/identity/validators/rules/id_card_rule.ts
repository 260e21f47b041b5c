import vine from '@vinejs/vine'
import { idCardProblem } from '#identity/codes/id_card'

/** A 居民身份证号码 (GB 11643-1999); see usccRule for how the message is chosen. */
export const idCardRule = vine.createRule(
  (value, _, field) => {
    if (typeof value !== 'string') return
    const problem = idCardProblem(value)
    if (problem)
      field.report('The {{ field }} is not a valid ID number', 'id_card', field, { problem })
  },
  { name: 'id_card' }
)

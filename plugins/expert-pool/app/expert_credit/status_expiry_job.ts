import { expireStatus } from './status_expiry.js'

/** The 'expert-pool.status_expiry' timer (manifest jobs), run in its tenant transaction */
export default function handle(payload: { expertId: number; until: string }) {
  return expireStatus(payload)
}

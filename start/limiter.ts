/*
|--------------------------------------------------------------------------
| Throttles
|--------------------------------------------------------------------------
| Named limits, kept in one file (quality.md §A.4 rule 12).
*/
import limiter from '@adonisjs/limiter/services/main'

/**
 * Log in: 5 failures per account and IP within 15 minutes, then that pair is
 * refused for 15 minutes (ASVS 6.3.1). Only failures count; a success clears.
 */
export const loginThrottle = () =>
  limiter.use({ requests: 5, duration: '15 mins', blockDuration: '15 mins' })

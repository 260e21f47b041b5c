import { definePlugin } from '#plugin_host/define_plugin'
import { committeeAbilities } from './app/committees/abilities.js'

export default definePlugin({
  id: 'expert-pool',
  version: '0.1.0',
  kind: 'service',
  name: { 'zh-CN': '综合评标评审专家库', 'en': 'Evaluation expert pool' },
  description: {
    'zh-CN': '全市统一的综合评标评审专家库：专家维护、随机抽取、回避与评标委员会',
    'en': 'The city-wide evaluation expert pool: maintenance, random draws, avoidance, committees',
  },
  // One pool for the whole city (条例 Art. 45): districts draw from it, they do not keep their own
  levels: ['city'],
  requires: {},
  globalTables: ['expert_specialties', 'experts', 'expert_ratings'],
  routes: () => import('./routes.js'),
  abilities: committeeAbilities,
  provides: {
    'evaluation-committee': () => import('./app/capabilities/evaluation_committee.js'),
  },
  jobs: [
    {
      // Suspensions and blacklistings with an end date end by themselves
      queue: 'timers',
      name: 'status_expiry',
      handler: () => import('./app/expert_credit/status_expiry_job.js'),
    },
  ],
  menu: [
    {
      label: 'expert-pool.menu',
      path: '/expert-pool',
      ability: { action: 'read', subject: 'Expert' },
    },
  ],
})

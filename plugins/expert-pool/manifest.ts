import { definePlugin } from '#plugin_host/define_plugin'
import { drawAbilities } from './app/draws/abilities.js'
import { committeeAbilities } from './app/committees/abilities.js'
import { dutyAbilities, dutyFacts } from './app/duties/abilities.js'

export default definePlugin({
  id: 'expert-pool',
  version: '0.1.0',
  kind: 'service',
  name: { 'zh-CN': '综合评标评审专家库', 'en': 'Evaluation expert pool' },
  description: {
    'zh-CN': '全市统一的综合评标评审专家库：专家维护、随机抽取、回避与评标委员会',
    'en': 'The city-wide evaluation expert pool: maintenance, random draws, avoidance, committees',
  },
  // One pool for the whole city (条例 Art. 45): districts draw from it, they do not keep their own.
  // A draw is a row of the tenant its trade is in; the experts stay global.
  levels: ['city', 'district'],
  requires: {},
  globalTables: ['expert_specialties', 'experts', 'expert_ratings'],
  routes: () => import('./routes.js'),
  abilities: (builder, input) => {
    drawAbilities(builder, input)
    committeeAbilities(builder, input)
    dutyAbilities(builder, input)
  },
  accessFacts: dutyFacts,
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
  // Demo experts, and the committees of the evaluations trade plugins opened in phase 10
  demoSeeds: [{ phase: 20, run: () => import('./database/seeders/demo.js') }],
  menu: [
    {
      label: 'expert-pool.menu',
      path: '/expert-pool',
      ability: { action: 'read', subject: 'Expert' },
    },
    {
      label: 'expert-pool.draws.title',
      path: '/expert-pool/draws',
      ability: { action: 'read', subject: 'ExpertDrawStatus' },
    },
    {
      label: 'expert-pool.supervision.title',
      path: '/expert-pool/supervision',
      ability: { action: 'read', subject: 'ExpertDrawWatch' },
    },
    {
      label: 'expert-pool.committees.title',
      path: '/expert-pool/committees',
      ability: { action: 'read', subject: 'EvaluationCommittee' },
    },
    {
      label: 'expert-pool.invitations.title',
      path: '/expert-pool/invitations',
      ability: { action: 'read', subject: 'ExpertDuty' },
    },
    {
      label: 'expert-pool.evaluation.mine',
      path: '/expert-pool/evaluations',
      ability: { action: 'read', subject: 'ExpertDuty' },
    },
  ],
})

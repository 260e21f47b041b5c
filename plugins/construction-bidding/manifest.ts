import vine from '@vinejs/vine'
import { definePlugin } from '#plugin_host/define_plugin'
import abilities from './app/abilities.js'

export default definePlugin({
  id: 'construction-bidding',
  version: '0.1.0',
  kind: 'trade-category',
  name: { 'zh-CN': '工程建设项目招标投标', 'en': 'Construction project bidding' },
  description: {
    'zh-CN':
      '工程建设项目（含机电设备）公开招标与邀请招标：公告、文件、异议、开标、评标、公示、定标、合同与履约',
    'en': 'Public and invited construction tenders (incl. equipment): notice, documents, objections, opening, evaluation, publicity, award, contract and performance',
  },
  levels: ['city', 'district'],
  // Evaluation is the expert pool's committee, reached through its capability
  requires: { 'expert-pool': '^0.1.0' },
  consumes: ['evaluation-committee'],
  procedures: () => import('./app/procedures.js'),
  routes: () => import('./routes.js'),
  abilities,
  settings: {
    schema: vine.object({
      /** Draw experts of the parent specialty when a leaf has too few (expert pool fallback) */
      allowSpecialtyFallback: vine.boolean(),
      defaultEvaluationMethod: vine.enum(['lowest_evaluated_price', 'comprehensive_scoring']),
    }),
    defaults: { allowSpecialtyFallback: true, defaultEvaluationMethod: 'comprehensive_scoring' },
  },
  jobs: [
    {
      queue: 'timers',
      name: 'deadline_reached',
      handler: () => import('./app/jobs/deadline_reached.js'),
    },
    {
      queue: 'timers',
      name: 'step_overdue',
      handler: () => import('./app/jobs/step_overdue.js'),
    },
    {
      queue: 'timers',
      name: 'objection_unanswered',
      handler: () => import('./app/jobs/objection_unanswered.js'),
    },
  ],
  // Tenders up to the evaluation; after the expert pool's committees (phase 20), their results
  demoSeeds: [
    { phase: 10, run: () => import('./database/seeders/demo.js') },
    { phase: 30, run: () => import('./database/seeders/demo_results.js') },
  ],
  menu: [
    {
      label: 'construction-bidding.menu',
      path: '/construction-bidding',
      ability: { action: 'read', subject: 'ConstructionTender' },
    },
  ],
})

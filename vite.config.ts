import { defineConfig } from 'vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'
import adonisjs from '@adonisjs/vite/client'

export default defineConfig({
  plugins: [
    svelte(),
    adonisjs({
      entryPoints: ['resources/app.ts'],
      reload: ['resources/views/**/*.edge'],
    }),
  ],
  // Tests run against the dev server without a file watcher: an edit made
  // while a suite runs must not reload the pages under test. Nor a hot-reload
  // socket: its fixed port would clash between two suites run side by side
  server: process.env.NODE_ENV === 'test' ? { watch: null, hmr: false } : {},
  resolve: {
    alias: { '~/': `${import.meta.dirname}/resources/` },
  },
})

import { createLogSink, GuardManager } from '@gpt-trader/guards'

// Any pino-style logger works; this one prints the message only.
const logger = {
  info: (_fields: object, message: string) => console.log(`INFO  ${message}`),
  warn: (_fields: object, message: string) => console.log(`WARN  ${message}`),
  error: (_fields: object, message: string) => console.log(`ERROR ${message}`),
}

let dailyLoss = '180.00' // USD, e.g. from your PnL tracker

export const manager = new GuardManager({
  alerts: [createLogSink(logger)],
  guards: [
    {
      name: 'daily_loss',
      label: 'daily loss',
      units: 'USD',
      decimals: 2,
      read: () => dailyLoss,
      comparator: 'gt',
      threshold: '250',
      warningRatio: 0.8, // warn above 200
      releaseLevel: '200', // once breached, recover only at or below 200
    },
  ],
})
manager.on('breach', (event) => console.log(`→ switch to reduce-only: ${event.message}`))

for (const loss of ['180.00', '215.50', '263.10', '230.00', '190.00']) {
  dailyLoss = loss
  await manager.evaluate()
  await manager.flushAlerts()
  console.log(`${loss}: ${manager.get('daily_loss')?.status}`)
}

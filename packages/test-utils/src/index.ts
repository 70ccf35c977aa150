export { type BenchFigure, mergeBenchJson, recordBench, writeBenchJson } from './benchJson.js'
export { type FieldPath, fieldMutation, fieldPaths } from './fieldMutation.js'
export { dataPath, fixturePath, loadFixture, sharedDir } from './fixtures.js'
export {
  type DisposableHttpServer,
  type DisposableWsServer,
  type Handler,
  type RecordedRequest,
  startHttpServer,
  startWsServer,
} from './servers.js'

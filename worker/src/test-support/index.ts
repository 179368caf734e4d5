export {
  type RecordedRequest,
  sendJson,
  startTestServer,
  type TestServer,
  waitFor,
} from './http-test-server.ts';
export { jsonOf, makeNodeContext, type TestContextOptions, type TestContextRecord } from './node-context.ts';
export { selfSignedCert } from './self-signed-cert.ts';
export { type ReceivedMail, startSmtpServer, type TestSmtpServer } from './smtp-test-server.ts';

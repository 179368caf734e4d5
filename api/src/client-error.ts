import { STATUS_CODES } from 'node:http';
import type { Server } from 'node:net';
import type { Duplex } from 'node:stream';
import { ERROR_CODES, type ErrorCode, errorBody } from './errors.ts';

type ClientError = Error & { code?: string; reason?: string };

/** What a request Node's HTTP parser refused is answered with, by the parser's error code. */
function answerFor(err: ClientError): { code: ErrorCode; message: string } {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        code: 'headers_too_large',
        message: 'Request line and headers are larger than the server accepts',
      };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { code: 'payload_too_large', message: 'Chunk extensions are larger than the server accepts' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { code: 'request_timeout', message: 'The request was not received in time' };
    default:
      return { code: 'bad_request', message: `Malformed HTTP request${err.reason ? `: ${err.reason}` : ''}` };
  }
}

/**
 * Answers requests Node's HTTP server refuses before the app sees them (oversized headers, malformed request line
 * or headers, header timeouts) with the app's JSON error shape instead of Node's bare text answer, then closes.
 * Websocket upgrades are not concerned: an upgraded socket leaves the HTTP parser.
 * @example answerClientErrorsAsJson(server);
 */
export function answerClientErrorsAsJson(server: Server): void {
  server.on('clientError', (err: ClientError, socket: Duplex) => {
    // A reset peer reads nothing; a response already under way on this socket must not get a second one in its middle.
    const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || socket.writableEnded || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const { code, message } = answerFor(err);
    const body = JSON.stringify(errorBody(code, message));
    const status = ERROR_CODES[code];
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      () => socket.destroy(),
    );
  });
}

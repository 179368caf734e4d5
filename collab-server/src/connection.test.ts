import { describe, expect, it } from 'vitest';
import * as ws from 'ws';
import { binaryFrame } from './connection.ts';

// the frame parser a ws client uses; exported by ws but not typed by @types/ws
type FrameReceiver = {
  on(event: 'message', cb: (data: Buffer, isBinary: boolean) => void): void;
  write(b: Buffer): void;
};
const { Receiver } = ws as unknown as { Receiver: new (opts: object) => FrameReceiver };

describe('binaryFrame', () => {
  it('is read back by a ws client receiver for every length encoding (7-bit, 16-bit, 64-bit)', () => {
    const sizes = [0, 1, 125, 126, 127, 65_535, 65_536, 70_001];
    const receiver = new Receiver({ isServer: false, maxPayload: 0 });
    const got: Buffer[] = [];
    receiver.on('message', (data: Buffer, isBinary: boolean) => {
      expect(isBinary).toBe(true);
      got.push(Buffer.from(data));
    });
    const payloads = sizes.map((n) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff));
    // all frames back to back in one write, as a socket may deliver them
    receiver.write(Buffer.concat(payloads.map((p) => binaryFrame(p))));
    expect(got.map((b) => b.length)).toEqual(sizes);
    expect(got.map((b, i) => b.equals(Buffer.from(payloads[i])))).toEqual(sizes.map(() => true));
  });
});

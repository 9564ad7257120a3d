import { describe, expect, it } from 'vitest';
import { createUploadGate } from './uploads';

describe('upload gate', () => {
  it('admits uploads until the count or the bytes are used up, and frees them once each', () => {
    const gate = createUploadGate({ maxUploads: 3, maxBytes: 100 });
    const a = gate.enter(60);
    expect(a).toBeDefined();
    expect(gate.enter(50)).toBeUndefined();
    const b = gate.enter(40)!;
    expect(gate.stats()).toEqual({ uploads: 2, bytes: 100 });
    const c = gate.enter(0)!;
    expect(gate.enter(0)).toBeUndefined();
    a!();
    a!();
    expect(gate.stats()).toEqual({ uploads: 2, bytes: 40 });
    b();
    c();
    expect(gate.stats()).toEqual({ uploads: 0, bytes: 0 });
  });

  it('always lets a lone upload in, even one larger than the budget', () => {
    const gate = createUploadGate({ maxUploads: 2, maxBytes: 10 });
    const big = gate.enter(1000);
    expect(big).toBeDefined();
    expect(gate.enter(1)).toBeUndefined();
    big!();
    expect(gate.enter(1)).toBeDefined();
  });
});

import { describe, expect, it } from 'vitest';
import { FlowrtError } from '../../src/errors/flowrt-error.js';
import { ArchiveError } from '../../src/deploy/archive/archive-error.js';
import { StoreUnavailableError } from '../../src/stores/store-error.js';

class ExampleError extends FlowrtError<'one' | 'two'> {}

describe('FlowrtError', () => {
  it('is named after the class constructed, with no name restated in the subclass', () => {
    expect(new ExampleError('one', 'it broke').name).toBe('ExampleError');
    expect(String(new ArchiveError('too-large', 'past 100 MB'))).toBe('ArchiveError: past 100 MB');
  });

  it('carries its code and cause, and is an Error', () => {
    const cause = new Error('ECONNREFUSED');
    const e = new StoreUnavailableError('redis://localhost:6379 is not reachable', { cause });
    expect(e).toBeInstanceOf(FlowrtError);
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('store-unavailable');
    expect(e.cause).toBe(cause);
  });
});

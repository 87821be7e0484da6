import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUBMIT_PATHS, SATISFACTION, PlatformCaseStatus } from '../../../device-daemon/platform/wire';
import { RECORD_TYPES } from '../../../contract/api/submission';
import { ROOT } from '../../helpers/daemon';

// docs/platform-openapi.yaml and the client's wire schemas must describe the same contract.
const doc = readFileSync(join(ROOT, 'docs/platform-openapi.yaml'), 'utf8');
const source = readFileSync(join(ROOT, 'device-daemon/platform/http-platform.ts'), 'utf8');

describe('platform OpenAPI document', () => {
  it('declares OpenAPI 3.1 and every path the client calls', () => {
    expect(doc).toMatch(/^openapi: 3\.1\.\d/m);
    const called = [...Object.values(SUBMIT_PATHS), '/v1/cases/{caseNo}', '/v1/cases/search', '/v1/records/query', '/v1/catalog'];
    for (const p of called) expect(doc, p).toContain(`\n  ${p}:\n`);
    for (const p of ['/v1/cases/search', '/v1/records/query', '/v1/catalog', '/v1/cases/']) expect(source).toContain(p);
  });

  it('names the same enums and the error codes the error policy acts on', () => {
    for (const v of [...SATISFACTION, ...PlatformCaseStatus.options, ...RECORD_TYPES]) expect(doc, v).toContain(v);
    const policy = readFileSync(join(ROOT, 'device-daemon/platform/error-policy.ts'), 'utf8');
    const codes = [...policy.matchAll(/'([A-Z_]{6,})'/g)].map((m) => m[1]!);
    expect(codes.length).toBeGreaterThan(3);
    for (const c of codes) expect(doc, c).toContain(c);
    for (const h of ['Idempotency-Key', 'X-Terminal-Id', 'Idempotent-Replayed', 'Retry-After']) expect(doc).toContain(h);
  });
});

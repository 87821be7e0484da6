import type { z } from 'zod';

/** One line per problem: `json.path: reason`, the way a technician reads it. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) => {
    const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
    if (issue.code === 'invalid_union' && issue.errors.length) {
      // A discriminated union (device driver) reports its branch's problems, not a generic "invalid input".
      const nested = issue.errors.flat();
      if (nested.length) return formatIssues(nested.map((n) => ({ ...n, path: [...issue.path, ...n.path] })));
    }
    return [`${path}: ${reason(issue)}`];
  });
}

function reason(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return issue.values.length === 1 ? `expected ${JSON.stringify(issue.values[0])}` : `expected one of ${issue.values.map((v) => (typeof v === 'string' ? v : String(v))).join(', ')}`;
    case 'invalid_type':
      return issue.input === undefined ? `required (${issue.expected})` : `expected ${issue.expected}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) return `unknown ${String(issue.discriminator)}`;
      return issue.message;
    default:
      return issue.message;
  }
}

/** The locale files' ICU messages parsed at build time (scripts/build/icu-messages.ts): message text → AST. */
declare module 'virtual:icu-messages' {
  import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
  const asts: Readonly<Record<string, MessageFormatElement[]>>;
  export default asts;
}
